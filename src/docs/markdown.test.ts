import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { code, description, escapeText, Headings, inline, slug, table, wireCell, words } from './markdown';

describe('markdown', () => {
  test('inline markdown: code spans and escapes', () => {
    assert.equal(code('a`b'), '``a`b``');
    assert.equal(code('`x'), '`` `x ``');
    assert.equal(inline('sends "x\\r\\n" and <y>'), 'sends `"x\\r\\n"` and &lt;y&gt;');
    assert.equal(inline('sends "<y>" and <y>', { placeholders: true }), 'sends `"<y>"` and `<y>`');
    assert.equal(escapeText('get_file_listing *x* _y_ 2^64 - 1'), 'get_file_listing \\*x\\* \\_y\\_ 2^64 - 1');
    assert.equal(escapeText('- not a list'), '\\- not a list');
    assert.equal(slug('LIST-3: an empty directory lists as "0 OK\\r\\n\\r\\n"'), 'list-3-an-empty-directory-lists-as-0-okrnrn');
    assert.equal(slug('SLICE-2: OFFSET + SIZE'), 'slice-2-offset--size');
  });

  test('tables: aligned columns, pipes escaped, empty cells kept, one line per row', () => {
    assert.deepEqual(
      table(
        ['code', 'line'],
        [
          ['0', code('"a|b"')],
          ['', 'two\nlines'],
        ],
        ['r'],
      ),
      ['| code | line |', '| ---: | --- |', '| 0 | `"a\\|b"` |', '|   | two lines |'],
    );
  });

  test('wire cells: control bytes back in the notation of the feature files', () => {
    assert.equal(wireCell('a\r\n\tb\0\x7f'), 'a\\r\\n\\tb\\x00\\x7f');
    assert.equal(wireCell('plain'), 'plain');
  });

  test('descriptions: prose paragraphs inline, indented blocks fenced', () => {
    assert.deepEqual(description('\n  Sends "x\\r\\n".\n\n      client: x\n        more\n'), [
      'Sends `"x\\r\\n"`.',
      '',
      '```text',
      'client: x',
      '  more',
      '```',
      '',
    ]);
  });

  test('headings: a repeated anchor is numbered, as GitHub numbers it', () => {
    const headings = new Headings();
    assert.deepEqual(headings.add(2, 'Examples'), { line: '## Examples', anchor: 'examples' });
    assert.deepEqual(headings.add(3, 'Examples'), { line: '### Examples', anchor: 'examples-1' });
    assert.equal(headings.add(3, 'a <b>').line, '### a &lt;b&gt;');
  });

  test('words: a list in prose', () => {
    assert.equal(words([]), '');
    assert.equal(words(['a']), 'a');
    assert.equal(words(['a', 'b']), 'a and b');
    assert.equal(words(['a', 'b', 'c']), 'a, b and c');
  });
});
