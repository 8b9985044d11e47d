import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describePaddedLine, describePadding, paddingStart, splitPadding } from './line-padding';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

describe('paddingStart and splitPadding: spaces and tabs before the CR LF', () => {
  for (const [what, line, content, padding] of [
    ['no padding', '0 OK', '0 OK', ''],
    ['one space', '0 OK ', '0 OK', ' '],
    ['several spaces', '41   ', '41', '   '],
    ['a tab', 'bar\t', 'bar', '\t'],
    ['spaces and tabs mixed', 'YWJj \t \t', 'YWJj', ' \t \t'],
    ['a line that is only spaces', '   ', '', '   '],
    ['a line that is only tabs and spaces', '\t \t', '', '\t \t'],
    ['an empty line', '', '', ''],
    ['spaces inside the line stay', '0 NO SUCH COMMAND', '0 NO SUCH COMMAND', ''],
    ['a CR inside the trailing spaces is not stripped, nor what precedes it', '0 OK \r ', '0 OK \r', ' '],
    ['a NUL is not padding', 'x\0 ', 'x\0', ' '],
    ['a vertical tab or form feed is not padding', 'x\x0b\x0c', 'x\x0b\x0c', ''],
    ['a non-breaking space (0xa0) is not padding', 'x\xa0', 'x\xa0', ''],
  ]) {
    test(what, () => {
      const bytes = latin1(line);
      assert.equal(paddingStart(bytes), content.length);
      const split = splitPadding(bytes);
      assert.deepEqual(split.content, latin1(content));
      assert.deepEqual(split.padding, latin1(padding));
    });
  }
});

describe('describing a padded line', () => {
  test('counts spaces and tabs', () => {
    assert.equal(describePadding(latin1(' ')), '1 space');
    assert.equal(describePadding(latin1('  \t')), '2 spaces and 1 tab');
    assert.equal(describePadding(latin1('\t\t')), '2 tabs');
    assert.equal(describePadding(latin1('')), 'nothing');
  });

  test('names the client and the kind of line, with the line escaped and its CR LF', () => {
    const line = { client: 'A', kind: 'status line', content: latin1('0 OK'), truncated: false, padding: latin1(' \t') };
    assert.equal(describePaddedLine(line), 'client A: the status line "0 OK \\t\\r\\n" (1 space and 1 tab before the CR LF)');
  });

  test('the end of a long line, after "..."', () => {
    const line = { client: 'B', kind: 'payload line 1', content: latin1('QUJD'), truncated: true, padding: latin1(' ') };
    assert.equal(describePaddedLine(line), 'client B: the payload line 1 "...QUJD \\r\\n" (1 space before the CR LF)');
  });
});
