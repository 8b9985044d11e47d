import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { escapeBytes, unescapeBytes } from './escape';

describe('escapeBytes', () => {
  test('printable ASCII is itself', () => {
    assert.equal(escapeBytes(Buffer.from('get_metadata archivo.txt 0 5')), 'get_metadata archivo.txt 0 5');
  });

  test('CR LF is visible', () => {
    assert.equal(escapeBytes(Buffer.from('0 OK\r\n41\r\n')), '0 OK\\r\\n41\\r\\n');
  });

  test('each named escape', () => {
    const cases: [number, string][] = [
      [0x00, '\\0'],
      [0x09, '\\t'],
      [0x0a, '\\n'],
      [0x0d, '\\r'],
      [0x22, '\\"'],
      [0x5c, '\\\\'],
    ];
    for (const [byte, text] of cases) assert.equal(escapeBytes(Uint8Array.of(byte)), text, `byte 0x${byte.toString(16)}`);
  });

  test('other control and non-ASCII bytes as \\xHH, lower-case, two digits', () => {
    assert.equal(escapeBytes(Uint8Array.of(0x01, 0x1f, 0x7f, 0x80, 0xab, 0xff)), '\\x01\\x1f\\x7f\\x80\\xab\\xff');
    assert.equal(escapeBytes(Uint8Array.of(0x00, 0xff)), '\\0\\xff');
  });

  test('space and tilde are printable', () => {
    assert.equal(escapeBytes(Buffer.from(' ~')), ' ~');
  });

  test('an empty buffer is an empty string', () => {
    assert.equal(escapeBytes(Buffer.alloc(0)), '');
  });

  test('the output is ASCII only, printable only', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    assert.match(escapeBytes(all), /^[\x20-\x7e]*$/);
  });
});

describe('unescapeBytes', () => {
  test('every named escape', () => {
    assert.deepEqual(unescapeBytes('\\r\\n\\t\\0\\\\\\"'), Buffer.from([0x0d, 0x0a, 0x09, 0x00, 0x5c, 0x22]));
  });

  test('\\xHH in either case', () => {
    assert.deepEqual(unescapeBytes('\\x00\\x7f\\xAb\\xfF\\x41'), Buffer.from([0x00, 0x7f, 0xab, 0xff, 0x41]));
  });

  test('plain text, and characters up to 0xff as their byte', () => {
    assert.deepEqual(unescapeBytes('quit\\r\\n'), Buffer.from('quit\r\n'));
    assert.deepEqual(unescapeBytes('caf\u00e9'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
  });

  test('the empty string', () => {
    assert.deepEqual(unescapeBytes(''), Buffer.alloc(0));
  });

  test('unknown escapes are errors', () => {
    for (const text of ['\\a', '\\q', '\\N', '\\R', '\\u0041', '\\x', '\\x4', '\\xg0', '\\x4g', 'abc\\']) {
      assert.throws(() => unescapeBytes(text), /unknown escape/, JSON.stringify(text));
    }
  });

  test('characters above 0xff are errors', () => {
    assert.throws(() => unescapeBytes('\u0100'), /is not a byte/);
    assert.throws(() => unescapeBytes('a€b'), /is not a byte/);
    assert.throws(() => unescapeBytes('😀'), /is not a byte/);
  });
});

describe('round trip', () => {
  test('each of the 256 byte values alone', () => {
    for (let byte = 0; byte < 256; byte++) {
      const bytes = Uint8Array.of(byte);
      assert.deepEqual(unescapeBytes(escapeBytes(bytes)), Buffer.from(bytes), `byte 0x${byte.toString(16)}`);
    }
  });

  test('all 256 byte values in one buffer, both orders', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    assert.deepEqual(unescapeBytes(escapeBytes(all)), all);
    const reversed = Buffer.from(all).reverse();
    assert.deepEqual(unescapeBytes(escapeBytes(reversed)), reversed);
  });

  test('escape sequences next to lookalike text', () => {
    // A backslash followed by "x41" must not be read back as "A".
    const bytes = Buffer.from('\\x41\\n\\\\"\0' + '0', 'latin1');
    assert.deepEqual(unescapeBytes(escapeBytes(bytes)), bytes);
  });

  test('escape of unescape of a feature string is the canonical form', () => {
    assert.equal(escapeBytes(unescapeBytes('get_metadata a\\r\\n\\x00\\xFF')), 'get_metadata a\\r\\n\\0\\xff');
  });
});
