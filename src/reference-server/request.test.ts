import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { StatusCode } from '../protocol/status-code';
import { parseRequest, type ParserOptions, type ParseResult, type Request } from './request';

type LineFrame = { kind: 'line'; bytes: Buffer; length: number; nonAscii: boolean };

/** A frame as the framer would make it from the bytes of `text` (latin1). */
function frame(text: string, length?: number): LineFrame {
  const bytes = Buffer.from(text, 'latin1');
  return { kind: 'line', bytes, length: length ?? bytes.length, nonAscii: bytes.some((byte) => byte > 0x7f) };
}

const PLAIN: ParserOptions = { asciiCheck: false, hftp2026: false };
const ASCII: ParserOptions = { asciiCheck: true, hftp2026: false };
const H2026: ParserOptions = { asciiCheck: false, hftp2026: true };
const ALL: ParserOptions = { asciiCheck: true, hftp2026: true };

const parse = (text: string, options: ParserOptions = PLAIN): ParseResult => parseRequest(frame(text), options);
const ok = (request: Request): ParseResult => ({ ok: true, request });
const no = (status: StatusCode): ParseResult => ({ ok: false, status });

function refused(text: string, status: StatusCode, options: ParserOptions = PLAIN): void {
  assert.deepEqual(parse(text, options), no(status), JSON.stringify(text));
}

describe('parseRequest', () => {
  describe('the commands and their arities', () => {
    test('get_file_listing', () => {
      assert.deepEqual(parse('get_file_listing'), ok({ command: 'get_file_listing' }));
      refused('get_file_listing x', StatusCode.INVALID_ARGUMENTS);
      refused('get_file_listing x y', StatusCode.INVALID_ARGUMENTS);
    });

    test('quit', () => {
      assert.deepEqual(parse('quit'), ok({ command: 'quit' }));
      refused('quit now', StatusCode.INVALID_ARGUMENTS);
    });

    test('get_metadata NAME', () => {
      assert.deepEqual(parse('get_metadata archivo.txt'), ok({ command: 'get_metadata', name: 'archivo.txt' }));
      refused('get_metadata', StatusCode.INVALID_ARGUMENTS);
      refused('get_metadata a b', StatusCode.INVALID_ARGUMENTS);
    });

    test('get_slice NAME OFFSET SIZE', () => {
      assert.deepEqual(parse('get_slice archivo.txt 5 20'), ok({ command: 'get_slice', name: 'archivo.txt', offset: 5n, size: 20n, raw: false }));
      refused('get_slice', StatusCode.INVALID_ARGUMENTS);
      refused('get_slice archivo.txt', StatusCode.INVALID_ARGUMENTS);
      refused('get_slice archivo.txt 5', StatusCode.INVALID_ARGUMENTS);
      refused('get_slice archivo.txt 5 20 7', StatusCode.INVALID_ARGUMENTS);
      refused('get_slice archivo.txt 5 20 7 8', StatusCode.INVALID_ARGUMENTS);
    });

    test('help only with hftp2026', () => {
      refused('help', StatusCode.INVALID_COMMAND);
      assert.deepEqual(parse('help', H2026), ok({ command: 'help' }));
      refused('help me', StatusCode.INVALID_ARGUMENTS, H2026);
    });

    test('every valid name character is accepted', () => {
      const name = 'ABCXYZabcxyz0189._-';
      assert.deepEqual(parse(`get_metadata ${name}`), ok({ command: 'get_metadata', name }));
      assert.deepEqual(parse('get_metadata .'), ok({ command: 'get_metadata', name: '.' }));
      assert.deepEqual(parse('get_metadata ..'), ok({ command: 'get_metadata', name: '..' }));
    });
  });

  describe('unknown commands: 200', () => {
    for (const text of ['verdura', 'GET_FILE_LISTING', 'Quit', 'QUIT', 'get_Metadata a', 'get_file_listing\t', 'get-slice a 0 1', 'raw']) {
      test(JSON.stringify(text), () => refused(text, StatusCode.INVALID_COMMAND));
    }

    test('a leading space', () => {
      refused(' quit', StatusCode.INVALID_COMMAND);
      refused(' get_metadata a', StatusCode.INVALID_COMMAND);
    });

    test('a command followed by a tab is not the command', () => {
      refused('quit\t', StatusCode.INVALID_COMMAND);
      refused('get_metadata\ta', StatusCode.INVALID_COMMAND);
    });

    test('unknown commands still get 200 with arguments, even wrong ones', () => {
      refused('verdura a  b', StatusCode.INVALID_COMMAND);
      refused('nope ../x', StatusCode.INVALID_COMMAND);
    });
  });

  describe('spacing: 201 on known commands', () => {
    for (const text of [
      'quit ',
      'get_file_listing ',
      'get_metadata  archivo.txt',
      'get_metadata archivo.txt ',
      'get_slice archivo.txt  0 5',
      'get_slice archivo.txt 0  5',
      'get_slice archivo.txt 0 5 ',
      'get_slice  archivo.txt 0 5',
    ]) {
      test(JSON.stringify(text), () => refused(text, StatusCode.INVALID_ARGUMENTS));
    }
  });

  describe('bad names: 201', () => {
    for (const name of ['../x', 'a/b', '/etc/passwd', 'a\\b', 'a:b', 'a*', 'x\ty', 'a\x00b', '~', 'a$b', "a'b", 'a"b']) {
      test(JSON.stringify(name), () => {
        refused(`get_metadata ${name}`, StatusCode.INVALID_ARGUMENTS);
        refused(`get_slice ${name} 0 1`, StatusCode.INVALID_ARGUMENTS);
      });
    }
  });

  describe('numbers', () => {
    for (const bad of ['x', '+5', '-1', '1.5', '1e3', '0x10', '1_000', '\xb2']) {
      test(`${JSON.stringify(bad)} is not a number: 201`, () => {
        refused(`get_slice a.txt ${bad} 1`, StatusCode.INVALID_ARGUMENTS);
        refused(`get_slice a.txt 0 ${bad}`, StatusCode.INVALID_ARGUMENTS);
      });
    }

    test('leading zeros are accepted', () => {
      assert.deepEqual(parse('get_slice a.txt 005 0010'), ok({ command: 'get_slice', name: 'a.txt', offset: 5n, size: 10n, raw: false }));
      assert.deepEqual(parse('get_slice a.txt 0 00'), ok({ command: 'get_slice', name: 'a.txt', offset: 0n, size: 0n, raw: false }));
    });

    test('huge numbers are parsed exactly, as bigint', () => {
      const huge = '123456789012345678901234567890';
      const result = parse(`get_slice a.txt ${huge} 18446744073709551616`);
      assert.deepEqual(result, ok({ command: 'get_slice', name: 'a.txt', offset: BigInt(huge), size: 2n ** 64n, raw: false }));
      assert.ok(result.ok && result.request.command === 'get_slice' && typeof result.request.offset === 'bigint');
    });
  });

  describe('raw, the 2026 fifth token', () => {
    test('accepted with hftp2026', () => {
      assert.deepEqual(parse('get_slice a.txt 1 2 raw', H2026), ok({ command: 'get_slice', name: 'a.txt', offset: 1n, size: 2n, raw: true }));
    });

    test('without raw, hftp2026 gives raw: false', () => {
      assert.deepEqual(parse('get_slice a.txt 1 2', H2026), ok({ command: 'get_slice', name: 'a.txt', offset: 1n, size: 2n, raw: false }));
    });

    test('refused (201) without hftp2026', () => {
      refused('get_slice a.txt 1 2 raw', StatusCode.INVALID_ARGUMENTS);
    });

    test('another fifth token, or raw in another case or place, is 201', () => {
      refused('get_slice a.txt 1 2 RAW', StatusCode.INVALID_ARGUMENTS, H2026);
      refused('get_slice a.txt 1 2 raws', StatusCode.INVALID_ARGUMENTS, H2026);
      refused('get_slice a.txt 1 2 raw raw', StatusCode.INVALID_ARGUMENTS, H2026);
      refused('get_slice a.txt 1 2 raw ', StatusCode.INVALID_ARGUMENTS, H2026);
      refused('get_slice a.txt raw 1 2', StatusCode.INVALID_ARGUMENTS, H2026);
      refused('get_slice raw 1', StatusCode.INVALID_ARGUMENTS, H2026);
    });

    test('raw with bad numbers or name is still 201', () => {
      refused('get_slice a.txt x 2 raw', StatusCode.INVALID_ARGUMENTS, H2026);
      refused('get_slice a/b 1 2 raw', StatusCode.INVALID_ARGUMENTS, H2026);
    });
  });

  describe('non-ASCII', () => {
    test('101 with asciiCheck, whatever the command', () => {
      refused('get_metadata caf\xe9.txt', StatusCode.BAD_REQUEST, ASCII);
      refused('quit\xff', StatusCode.BAD_REQUEST, ASCII);
      refused('\xe9', StatusCode.BAD_REQUEST, ALL);
      refused('get_file_listing \x80', StatusCode.BAD_REQUEST, ALL);
    });

    test('without asciiCheck, the usual checks decide', () => {
      refused('get_metadata caf\xe9.txt', StatusCode.INVALID_ARGUMENTS);
      refused('quit\xff', StatusCode.INVALID_COMMAND);
      refused('\xe9', StatusCode.INVALID_COMMAND, H2026);
    });

    test('the nonAscii flag decides, also for a byte the framer did not keep', () => {
      const cut: LineFrame = { kind: 'line', bytes: Buffer.from('get_file_listing'), length: 5000, nonAscii: true };
      assert.deepEqual(parseRequest(cut, ASCII), no(StatusCode.BAD_REQUEST));
    });

    test('an ASCII request passes the check', () => {
      assert.deepEqual(parse('quit', ASCII), ok({ command: 'quit' }));
    });
  });

  describe('empty line: 101', () => {
    for (const options of [PLAIN, ASCII, H2026, ALL]) {
      test(JSON.stringify(options), () => refused('', StatusCode.BAD_REQUEST, options));
    }
  });

  test('a line of spaces only is an unknown command', () => {
    refused(' ', StatusCode.INVALID_COMMAND);
    refused('   ', StatusCode.INVALID_COMMAND);
  });

  describe('overlong lines (cut by the framer)', () => {
    const cut = (kept: string, length = 5 * 1024 * 1024): LineFrame => ({
      kind: 'line',
      bytes: Buffer.from(kept, 'latin1'),
      length,
      nonAscii: false,
    });

    test('get_metadata with a huge name: 202', () => {
      assert.deepEqual(parseRequest(cut('get_metadata ' + 'a'.repeat(4083)), PLAIN), no(StatusCode.FILE_NOT_FOUND));
    });

    test('get_metadata with a huge name of invalid characters: still 202 (the cut name cannot exist)', () => {
      assert.deepEqual(parseRequest(cut('get_metadata ' + '/'.repeat(100)), PLAIN), no(StatusCode.FILE_NOT_FOUND));
    });

    test('get_slice cut inside its name (the name is the long part): 202', () => {
      assert.deepEqual(parseRequest(cut('get_slice ' + 'a'.repeat(4086)), PLAIN), no(StatusCode.FILE_NOT_FOUND));
    });

    test('get_metadata whose kept part has two arguments: 101', () => {
      assert.deepEqual(parseRequest(cut('get_metadata a ' + 'b'.repeat(100)), PLAIN), no(StatusCode.BAD_REQUEST));
    });

    test('other known commands: 101', () => {
      assert.deepEqual(parseRequest(cut('get_file_listing ' + 'x'.repeat(100)), PLAIN), no(StatusCode.BAD_REQUEST));
      assert.deepEqual(parseRequest(cut('quit ' + 'x'.repeat(100)), PLAIN), no(StatusCode.BAD_REQUEST));
      assert.deepEqual(parseRequest(cut('help ' + 'x'.repeat(100)), H2026), no(StatusCode.BAD_REQUEST));
      assert.deepEqual(parseRequest(cut('get_slice a.txt 0 ' + '9'.repeat(100)), PLAIN), no(StatusCode.BAD_REQUEST));
    });

    test('a command cut in the middle of its name: 200', () => {
      assert.deepEqual(parseRequest(cut('get_meta'), PLAIN), no(StatusCode.INVALID_COMMAND));
    });

    test('an unknown command: 200', () => {
      assert.deepEqual(parseRequest(cut('x'.repeat(4096)), PLAIN), no(StatusCode.INVALID_COMMAND));
      assert.deepEqual(parseRequest(cut('verdura ' + 'x'.repeat(100)), PLAIN), no(StatusCode.INVALID_COMMAND));
    });

    test('non-ASCII with asciiCheck still wins: 101', () => {
      const frame: LineFrame = { ...cut('get_metadata ' + 'a'.repeat(100)), nonAscii: true };
      assert.deepEqual(parseRequest(frame, ASCII), no(StatusCode.BAD_REQUEST));
    });
  });

  describe('order of the checks', () => {
    test('non-ASCII (101) before unknown command (200)', () => {
      refused('verdur\xe1', StatusCode.BAD_REQUEST, ASCII);
    });
    test('unknown command (200) before spacing (201)', () => {
      refused('verdura  x', StatusCode.INVALID_COMMAND);
    });
    test('count (201) regardless of number validity', () => {
      refused('get_slice a.txt x', StatusCode.INVALID_ARGUMENTS);
    });
  });
});
