import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseStatusLine } from './status-line';

const parse = (text: string) => parseStatusLine(Buffer.from(text, 'latin1'));

describe('parseStatusLine', () => {
  test('"0 OK"', () => {
    assert.deepEqual(parse('0 OK'), { code: 0, text: 'OK' });
  });

  test('"201 INVALID ARGUMENTS FOR COMMAND": text with inner spaces', () => {
    assert.deepEqual(parse('201 INVALID ARGUMENTS FOR COMMAND'), { code: 201, text: 'INVALID ARGUMENTS FOR COMMAND' });
  });

  test('the implementer chooses the text', () => {
    assert.deepEqual(parse('202 no existe'), { code: 202, text: 'no existe' });
    assert.deepEqual(parse('100 x'), { code: 100, text: 'x' });
    assert.deepEqual(parse('0 OK '), { code: 0, text: 'OK ' });
    assert.deepEqual(parse('0  OK'), { code: 0, text: ' OK' });
    assert.deepEqual(parse('0 caf\xe9'), { code: 0, text: 'caf\xe9' });
  });

  test('leading zeros are digits', () => {
    assert.deepEqual(parse('000 OK'), { code: 0, text: 'OK' });
  });

  for (const text of [
    '0OK',
    '0 ',
    '0  ',
    '0   ',
    'OK',
    ' 0 OK',
    '0 O\tK',
    '0 O\x00K',
    '0 OK\r',
    '0 O\x7fK',
    '0 \x1b',
    '',
    '0',
    '-1 OK',
    '+0 OK',
    '0x1 OK',
    '0\tOK',
    'A0 OK',
  ]) {
    test(`rejects ${JSON.stringify(text)}`, () => {
      assert.equal(parse(text), null);
    });
  }
});
