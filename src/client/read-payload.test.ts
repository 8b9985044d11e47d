import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { PeerClosed, ProtocolViolation, ReadTimeout } from './errors';
import { base64, sends, sendsInPieces, withConnection } from '../testing/connection';

describe('HftpConnection.readPayload', () => {
  describe('readPayload', () => {
    test('one line', async () => {
      await withConnection(sends(base64('hello world') + '\r\n'), async (conn) => {
        const payload = await conn.readPayload(11);
        assert.deepEqual(payload, { bytes: Buffer.from('hello world'), lines: 1 });
      });
    });

    test('one line, each padding length', async () => {
      for (const text of ['a', 'ab', 'abc', 'abcd']) {
        await withConnection(sends(base64(text) + '\r\n'), async (conn) => {
          assert.deepEqual(await conn.readPayload(text.length), { bytes: Buffer.from(text), lines: 1 });
        });
      }
    });

    test('several independently padded lines', async () => {
      assert.equal(base64('abc') + '\r\n' + base64('de') + '\r\n', 'YWJj\r\nZGU=\r\n');
      await withConnection(sends('YWJj\r\nZGU=\r\n'), async (conn) => {
        assert.deepEqual(await conn.readPayload(5), { bytes: Buffer.from('abcde'), lines: 2 });
      });
      await withConnection(sends(base64('a') + '\r\n' + base64('b') + '\r\n' + base64('cde') + '\r\n'), async (conn) => {
        assert.deepEqual(await conn.readPayload(5), { bytes: Buffer.from('abcde'), lines: 3 });
      });
    });

    test('two lines each padded with "=="', async () => {
      await withConnection(sends('YQ==\r\nYg==\r\n'), async (conn) => {
        assert.deepEqual(await conn.readPayload(2), { bytes: Buffer.from('ab'), lines: 2 });
      });
    });

    test('size 0 is an empty line', async () => {
      await withConnection(sends('\r\n0 OK\r\n'), async (conn) => {
        assert.deepEqual(await conn.readPayload(0), { bytes: Buffer.alloc(0), lines: 1 });
        assert.deepEqual(await conn.readStatus(), { code: 0, text: 'OK' });
      });
    });

    test('size 0 with a non-empty line', async () => {
      await withConnection(sends('YQ==\r\n'), async (conn) => {
        await assert.rejects(conn.readPayload(0), ProtocolViolation);
      });
    });

    test('binary bytes survive', async () => {
      const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      await withConnection(sends(bytes.toString('base64') + '\r\n'), async (conn) => {
        assert.deepEqual((await conn.readPayload(256)).bytes, bytes);
      });
    });

    for (const [what, line] of [
      ['a character outside base64', 'YW*j'],
      ['a space', 'YW j'],
      ['base64url characters', 'YW-_'],
      ['a NUL', 'YW\0j'],
      ['a byte above 0x7f', 'YW\xe9j'],
    ]) {
      test(`rejects ${what}`, async () => {
        await withConnection(sends(Buffer.from(line + '\r\n', 'latin1')), async (conn) => {
          await assert.rejects(conn.readPayload(3), (error: Error) => {
            assert.ok(error instanceof ProtocolViolation, String(error));
            assert.match(error.message, /not base64 at character 2/);
            return true;
          });
        });
      });
    }

    for (const [what, text, size] of [
      ['padding inside the line', 'YQ==YWJj', 4],
      ['padding in the middle of a group', 'Y=Jj', 3],
      ['three pad characters', 'Y===', 1],
      ['a group of padding only', 'YWJj====', 3],
      ['data after the pad in the last group', 'YQ=j', 2],
      ['padding split from more data by a TCP boundary', ['YQ==', 'YWJj'], 4],
    ] as const) {
      test(`rejects misplaced '=': ${what}`, async () => {
        const pieces = typeof text === 'string' ? [text + '\r\n'] : [...text, '\r\n'];
        await withConnection(sendsInPieces(pieces, 10), async (conn) => {
          await assert.rejects(conn.readPayload(size), ProtocolViolation);
        });
      });
    }

    test('rejects a line whose length is not a multiple of 4', async () => {
      await withConnection(sends('YWJjZA\r\n'), async (conn) => {
        await assert.rejects(conn.readPayload(4), /not a multiple of 4/);
      });
    });

    test('rejects more bytes than size, on one line', async () => {
      await withConnection(sends(base64('abcdef') + '\r\n'), async (conn) => {
        await assert.rejects(conn.readPayload(5), /decodes to more than the 5 bytes/);
      });
    });

    test('rejects more bytes than size, over two lines', async () => {
      await withConnection(sends('YWJj\r\nZGVm\r\n'), async (conn) => {
        await assert.rejects(conn.readPayload(5), /decodes to more than the 5 bytes/);
      });
    });

    test('rejects a payload line ended by a bare LF', async () => {
      await withConnection(sends('YWJj\n'), async (conn) => {
        await assert.rejects(conn.readPayload(3), /not ended by CR LF/);
      });
    });

    test('rejects a payload line ended by CR and another byte', async () => {
      await withConnection(sends('YWJj\rx'), async (conn) => {
        await assert.rejects(conn.readPayload(3), /not ended by CR LF/);
      });
    });

    test('rejects an empty line before all the bytes', async () => {
      await withConnection(sends('YWJj\r\n\r\n'), async (conn) => {
        await assert.rejects(conn.readPayload(5), /line 2 is empty, and only 3 of 5 bytes had arrived/);
      });
    });

    test('a payload cut short by a close is PeerClosed', async () => {
      await withConnection(
        (socket) => socket.end('YWJj'),
        async (conn) => {
          await assert.rejects(conn.readPayload(3), PeerClosed);
        },
      );
    });

    test('a payload that stops coming is a ReadTimeout', async () => {
      await withConnection(
        sends('YWJj'),
        async (conn) => {
          await assert.rejects(conn.readPayload(6), (error: Error) => {
            assert.ok(error instanceof ReadTimeout, String(error));
            assert.equal(error.timeoutMs, 100);
            assert.match(error.message, /payload line 1/);
            return true;
          });
        },
        100,
      );
    });

    test('a payload that stops coming part way says part of it came, not "no answer"', async () => {
      await withConnection(
        sends('YWJj'),
        async (conn) => {
          await assert.rejects(conn.readPayload(6), (error: Error) => {
            assert.ok(error instanceof ReadTimeout, String(error));
            assert.doesNotMatch(error.message, /no answer/);
            return true;
          });
        },
        100,
      );
    });

    test('two padded lines split at every position', async () => {
      const wire = 'YWJj\r\nZGU=\r\n';
      for (let i = 1; i < wire.length; i++) {
        await withConnection(sendsInPieces([wire.slice(0, i), wire.slice(i)], 5), async (conn) => {
          assert.deepEqual(await conn.readPayload(5), { bytes: Buffer.from('abcde'), lines: 2 }, `split at ${i}`);
        });
      }
    });

    test('a payload split across many TCP writes at odd positions', async () => {
      const bytes = Buffer.from(Array.from({ length: 3001 }, (_, i) => (i * 37 + 11) & 0xff));
      const wire = bytes.subarray(0, 1000).toString('base64') + '\r\n' + bytes.subarray(1000).toString('base64') + '\r\n';
      const pieces: string[] = [];
      const sizes = [1, 3, 5, 7, 11, 13, 17, 97, 2, 255];
      for (let at = 0, k = 0; at < wire.length; k++) {
        const size = sizes[k % sizes.length];
        pieces.push(wire.slice(at, at + size));
        at += size;
      }
      await withConnection(sendsInPieces(pieces, 1), async (conn) => {
        const payload = await conn.readPayload(3001);
        assert.equal(payload.lines, 2);
        assert.deepEqual(payload.bytes, bytes);
      });
    });
  });
});
