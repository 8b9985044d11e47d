import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type * as net from 'node:net';
import { HftpConnection } from './hftp-connection';
import { ClosedHere, PeerClosed, ProtocolViolation, ReadTimeout, SendFailed } from './errors';
import { startServer, type TestServer } from '../testing/test-servers';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Start a server whose handler is `handler`, connect one client, run `body`, clean up. */
async function withConnection(
  handler: (socket: net.Socket) => void,
  body: (conn: HftpConnection, server: TestServer) => Promise<void>,
  timeoutMs = 1000,
): Promise<void> {
  const server = await startServer(handler, { noDelay: true });
  let conn: HftpConnection | undefined;
  try {
    conn = await HftpConnection.connect({ host: '127.0.0.1', port: server.port, timeoutMs });
    await body(conn, server);
  } finally {
    conn?.close();
    await server.close();
  }
}

/** A server that sends `bytes` as soon as the client connects. */
const sends = (bytes: string | Buffer) => (socket: net.Socket) => socket.write(bytes);

/** A server that sends each piece in its own write, `gapMs` apart. */
const sendsInPieces =
  (pieces: (string | Buffer)[], gapMs = 3) =>
  (socket: net.Socket) => {
    void (async () => {
      for (const piece of pieces) {
        if (socket.destroyed) return;
        socket.write(piece);
        await sleep(gapMs);
      }
    })();
  };

const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

describe('HftpConnection', () => {
  describe('connect', () => {
    test('to a closed port fails with "connection refused"', async () => {
      const server = await startServer();
      const port = server.port;
      await server.close();
      await assert.rejects(HftpConnection.connect({ host: '127.0.0.1', port, timeoutMs: 1000 }), (error: Error) => {
        assert.match(error.message, /connection refused/);
        assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
        return true;
      });
    });

    test('records the connection in the transcript', async () => {
      await withConnection(sends(''), async (conn, server) => {
        assert.match(conn.transcript.format(), new RegExp(`-- connected to 127\\.0\\.0\\.1:${server.port}`));
        assert.equal(conn.label, 'A');
        assert.equal(conn.closed, null);
      });
    });
  });

  describe('send', () => {
    test('the server receives exactly the bytes sent', async () => {
      const received: Buffer[] = [];
      let gotAll: () => void;
      const done = new Promise<void>((resolve) => (gotAll = resolve));
      await withConnection(
        (socket) =>
          socket.on('data', (chunk) => {
            received.push(chunk);
            if (Buffer.concat(received).length >= 8) gotAll();
          }),
        async (conn) => {
          await conn.send('quit\r\n');
          await conn.send(Buffer.from([0x00, 0xff]));
          await done;
          assert.deepEqual(Buffer.concat(received), Buffer.from('quit\r\n\x00\xff', 'latin1'));
          assert.match(conn.transcript.format(), /> {2}"quit\\r\\n\\0\\xff"/);
        },
      );
    });

    test('fails once the connection is closed', async () => {
      await withConnection(sends(''), async (conn) => {
        conn.close();
        await assert.rejects(conn.send('quit\r\n'), /already closed/);
      });
    });
  });

  describe('sendRequest and readSize', () => {
    test('a request is its elements joined by spaces, then CR LF; the size is a decimal line', async () => {
      let received = '';
      await withConnection(
        (socket) => socket.on('data', (chunk) => ((received += String(chunk)), socket.write('0 OK\r\n41\r\n'))),
        async (conn) => {
          await conn.sendRequest('get_slice', 'archivo.txt', 5, 20n);
          assert.equal((await conn.readStatus()).code, 0);
          assert.equal(await conn.readSize(), 41);
          assert.equal(received, 'get_slice archivo.txt 5 20\r\n');
        },
      );
    });

    test('a size line that is not decimal digits is a ProtocolViolation', async () => {
      await withConnection(sends('4 1\r\n'), async (conn) => {
        await assert.rejects(conn.readSize(), /"4 1\\r\\n" is not a decimal size/);
      });
    });
  });

  describe('readStatus and readLine', () => {
    test('reads a status line', async () => {
      await withConnection(sends('0 OK\r\n'), async (conn) => {
        assert.deepEqual(await conn.readStatus(), { code: 0, text: 'OK' });
        assert.equal(conn.unread, 0);
      });
    });

    test('reads several status lines from one segment, in order', async () => {
      await withConnection(sends('0 OK\r\n201 INVALID ARGUMENTS FOR COMMAND\r\n202 FILE NOT FOUND\r\n'), async (conn) => {
        assert.deepEqual(await conn.readStatus(), { code: 0, text: 'OK' });
        assert.deepEqual(await conn.readStatus(), { code: 201, text: 'INVALID ARGUMENTS FOR COMMAND' });
        assert.deepEqual(await conn.readStatus(), { code: 202, text: 'FILE NOT FOUND' });
      });
    });

    test('reads a status line that arrives one byte at a time', async () => {
      await withConnection(sendsInPieces([...'200 NO SUCH COMMAND\r\n'], 1), async (conn) => {
        assert.deepEqual(await conn.readStatus(), { code: 200, text: 'NO SUCH COMMAND' });
      });
    });

    test('rejects a malformed status line', async () => {
      await withConnection(sends('0OK\r\n'), async (conn) => {
        await assert.rejects(conn.readStatus(), (error: Error) => {
          assert.ok(error instanceof ProtocolViolation);
          assert.match(error.message, /^"0OK\\r\\n" is not of the form/);
          return true;
        });
      });
    });

    test('readLine returns the line without CR LF, and leaves the rest unread', async () => {
      await withConnection(sends('41\r\nrest'), async (conn) => {
        assert.deepEqual(await conn.readLine(), Buffer.from('41'));
        await sleep(10);
        assert.equal(conn.unread, 4);
      });
    });

    test('readLine rejects a line ended by a bare LF', async () => {
      await withConnection(sends('0 OK\n'), async (conn) => {
        await assert.rejects(conn.readLine(), (error: Error) => {
          assert.ok(error instanceof ProtocolViolation, String(error));
          assert.match(error.message, /LF without CR: "0 OK\\n"/);
          return true;
        });
      });
    });

    test('readLine rejects a lone LF', async () => {
      await withConnection(sends('\n'), async (conn) => {
        await assert.rejects(conn.readLine(), ProtocolViolation);
      });
    });

    test('readLine accepts an empty line (CR LF)', async () => {
      await withConnection(sends('\r\n'), async (conn) => {
        assert.deepEqual(await conn.readLine(), Buffer.alloc(0));
      });
    });

    test('a server flooding 50 MB without a newline fails readLine (maxLineBytes) without buffering it all', async () => {
      let written = 0;
      const flood = (socket: net.Socket) => {
        const chunk = Buffer.alloc(256 * 1024, 0x61);
        const pump = () => {
          while (!socket.destroyed && written < 50 * 1024 * 1024) {
            written += chunk.length;
            if (!socket.write(chunk)) {
              socket.once('drain', pump);
              return;
            }
          }
        };
        pump();
      };
      await withConnection(flood, async (conn) => {
        await assert.rejects(conn.readLine(), (error: Error) => {
          assert.ok(error instanceof ProtocolViolation, String(error));
          assert.match(error.message, /no end of line within 65536 bytes/);
          return true;
        });
        await sleep(100);
        // The client stops reading at maxBufferedBytes (1 MiB) plus at most one chunk in flight.
        assert.ok(conn.unread < 4 * 1024 * 1024, `${conn.unread} bytes buffered`);
        assert.ok(written < 50 * 1024 * 1024, `the server could write all ${written} bytes`);
      });
    });

    test('readLine honours its own maxBytes', async () => {
      await withConnection(sends('x'.repeat(100)), async (conn) => {
        await assert.rejects(conn.readLine('a short line', 10), /no end of line within 10 bytes: "x+"/);
      });
    });
  });

  describe('readListing', () => {
    test('names up to the empty line', async () => {
      await withConnection(sends('archivo.txt\r\npangram.txt\r\nempty.txt\r\n\r\n0 OK\r\n'), async (conn) => {
        assert.deepEqual(await conn.readListing(), ['archivo.txt', 'pangram.txt', 'empty.txt']);
        assert.deepEqual(await conn.readStatus(), { code: 0, text: 'OK' });
      });
    });

    test('an empty listing', async () => {
      await withConnection(sends('\r\n'), async (conn) => {
        assert.deepEqual(await conn.readListing(), []);
      });
    });

    test('a listing split in pieces', async () => {
      await withConnection(sendsInPieces(['a.t', 'xt\r', '\nb.txt\r\n\r', '\n']), async (conn) => {
        assert.deepEqual(await conn.readListing(), ['a.txt', 'b.txt']);
      });
    });

    test('more names than maxNames', async () => {
      await withConnection(sends('a\r\nb\r\nc\r\n\r\n'), async (conn) => {
        await assert.rejects(conn.readListing(2), /more than 2 names/);
      });
    });

    test('a listing cut by a close', async () => {
      await withConnection(
        (socket) => socket.end('a.txt\r\n'),
        async (conn) => {
          await assert.rejects(conn.readListing(), PeerClosed);
        },
      );
    });
  });

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

  describe('spaces and tabs before the CR LF: forgiven, and recorded', () => {
    /** What the connection recorded, as "kind|content|padding". */
    const recorded = (conn: HftpConnection) =>
      conn.paddedLines.map((p) => `${p.kind}|${p.truncated ? '...' : ''}${p.content.toString('latin1')}|${p.padding.toString('latin1')}`);

    test('nothing is recorded for lines that end at their last character', async () => {
      await withConnection(sends('0 OK\r\n41\r\n0 OK\r\nbar\r\n\r\n0 OK\r\nYWJj\r\n'), async (conn) => {
        await conn.readStatus();
        await conn.readSize();
        await conn.readStatus();
        await conn.readListing();
        await conn.readStatus();
        await conn.readPayload(3);
        assert.deepEqual(conn.paddedLines, []);
        assert.equal(conn.paddedLineCount, 0);
      });
    });

    test('a status line: one space, several spaces, a tab', async () => {
      await withConnection(sends('0 OK \r\n202 FILE NOT FOUND   \r\n201 INVALID ARGUMENTS\t\r\n'), async (conn) => {
        assert.deepEqual(await conn.readStatus(), { code: 0, text: 'OK' });
        assert.deepEqual(await conn.readStatus(), { code: 202, text: 'FILE NOT FOUND' });
        assert.deepEqual(await conn.readStatus(), { code: 201, text: 'INVALID ARGUMENTS' });
        assert.deepEqual(recorded(conn), ['status line|0 OK| ', 'status line|202 FILE NOT FOUND|   ', 'status line|201 INVALID ARGUMENTS|\t']);
        assert.equal(conn.paddedLineCount, 3);
      });
    });

    test('a status line of only a code and spaces has no text once they go', async () => {
      await withConnection(sends('0  \r\n'), async (conn) => {
        await assert.rejects(conn.readStatus(), /: "0 {2}\\r\\n" is not of the form/);
      });
    });

    test('a size line', async () => {
      await withConnection(sends('41 \t \r\n'), async (conn) => {
        assert.equal(await conn.readSize(), 41);
        assert.deepEqual(recorded(conn), ['size line|41| \t ']);
      });
    });

    test('a size line with a space inside is still not a size', async () => {
      await withConnection(sends('4 1 \r\n'), async (conn) => {
        await assert.rejects(conn.readSize(), /"4 1 \\r\\n" is not a decimal size/);
      });
    });

    test('listing names, and a final line of only spaces that ends the listing', async () => {
      await withConnection(sends('bar \r\nfoo\t\r\nx\r\n  \r\n'), async (conn) => {
        assert.deepEqual(await conn.readListing(), ['bar', 'foo', 'x']);
        assert.deepEqual(recorded(conn), ['listing line|bar| ', 'listing line|foo|\t', 'listing line||  ']);
        assert.equal(conn.unread, 0);
      });
    });

    test('readLine (the lines the steps compare) gives the line without its padding', async () => {
      await withConnection(sends('Content-Length: 20  \r\n'), async (conn) => {
        assert.deepEqual(await conn.readLine(), Buffer.from('Content-Length: 20'));
        assert.deepEqual(recorded(conn), ['line|Content-Length: 20|  ']);
      });
    });

    test('a CR inside the trailing spaces is not stripped: the line is judged with it', async () => {
      await withConnection(sends('0 OK \r \r\n'), async (conn) => {
        await assert.rejects(conn.readStatus(), /: "0 OK \\r \\r\\n" is not of the form/);
      });
      await withConnection(sends('41 \r \r\n'), async (conn) => {
        await assert.rejects(conn.readSize(), /is not a decimal size/);
      });
      await withConnection(sends('YWJj \r \r\n'), async (conn) => {
        await assert.rejects(conn.readPayload(3), /not ended by CR LF/);
      });
    });

    test('a payload line: spaces, several spaces, tabs', async () => {
      for (const padding of [' ', '    ', '\t', ' \t ']) {
        await withConnection(sends(`YWJj${padding}\r\n`), async (conn) => {
          assert.deepEqual(await conn.readPayload(3), { bytes: Buffer.from('abc'), lines: 1 });
          assert.deepEqual(recorded(conn), [`payload line 1|YWJj|${padding}`]);
          assert.equal(conn.unread, 0);
        });
      }
    });

    test('a padded (=) payload line that ends in spaces', async () => {
      await withConnection(sends('YWI= \r\n'), async (conn) => {
        assert.deepEqual(await conn.readPayload(2), { bytes: Buffer.from('ab'), lines: 1 });
      });
    });

    test('several payload lines, each padded on its own and ending in spaces or tabs', async () => {
      await withConnection(sends('YWJj \r\nZGU=\t\r\n'), async (conn) => {
        assert.deepEqual(await conn.readPayload(5), { bytes: Buffer.from('abcde'), lines: 2 });
        assert.deepEqual(recorded(conn), ['payload line 1|YWJj| ', 'payload line 2|ZGU=|\t']);
      });
    });

    test('padded payload lines split at every position', async () => {
      const wire = 'YWJj  \r\nZGU= \t\r\n';
      for (let i = 1; i < wire.length; i++) {
        await withConnection(sendsInPieces([wire.slice(0, i), wire.slice(i)], 5), async (conn) => {
          assert.deepEqual(await conn.readPayload(5), { bytes: Buffer.from('abcde'), lines: 2 }, `split at ${i}`);
          assert.deepEqual(recorded(conn), ['payload line 1|YWJj|  ', 'payload line 2|ZGU=| \t'], `split at ${i}`);
        });
      }
    });

    test('a long padded payload line is recorded by its last 40 characters', async () => {
      const bytes = Buffer.alloc(300, 'x');
      await withConnection(sends(`${bytes.toString('base64')} \r\n`), async (conn) => {
        assert.deepEqual((await conn.readPayload(300)).bytes, bytes);
        assert.deepEqual(recorded(conn), [`payload line 1|...${'eHh4'.repeat(10)}| `]);
      });
    });

    test('the empty payload line of SIZE 0, as spaces', async () => {
      await withConnection(sends('  \r\n'), async (conn) => {
        assert.deepEqual(await conn.readPayload(0), { bytes: Buffer.alloc(0), lines: 1 });
        assert.deepEqual(recorded(conn), ['payload line||  ']);
      });
    });

    test('a payload line of only spaces, before all the bytes, is empty', async () => {
      await withConnection(sends('   \r\n'), async (conn) => {
        await assert.rejects(conn.readPayload(3), /line 1 is empty/);
      });
    });

    test('spaces followed by more base64 are inside the line: not base64', async () => {
      await withConnection(sendsInPieces(['YWJj ', 'ZGVm\r\n'], 10), async (conn) => {
        await assert.rejects(conn.readPayload(6), /not base64 at character 0: " ZGVm/);
      });
      await withConnection(sends('YWI= YQ==\r\n'), async (conn) => {
        await assert.rejects(conn.readPayload(3), ProtocolViolation);
      });
    });

    test('spaces that never end: a ProtocolViolation, not an endless buffer', async () => {
      await withConnection(sends(`YWJj${' '.repeat(200_000)}`), async (conn) => {
        await assert.rejects(conn.readPayload(3), /more than 65536 spaces and tabs, and no end of line/);
      });
    });

    test('exact reads stay exact', async () => {
      await withConnection(sends('0 OK \r\n'), async (conn) => {
        assert.deepEqual(await conn.readBytes(7), Buffer.from('0 OK \r\n'));
        assert.deepEqual(conn.paddedLines, []);
      });
    });

    test('the first 100 padded lines are kept, all are counted', async () => {
      const names = Array.from({ length: 150 }, (_, i) => `f${i}`);
      await withConnection(sends(`${names.map((n) => `${n} \r\n`).join('')}\r\n`), async (conn) => {
        assert.deepEqual(await conn.readListing(), names);
        assert.equal(conn.paddedLines.length, 100);
        assert.equal(conn.paddedLineCount, 150);
        assert.equal(conn.paddedLines[0].client, 'A');
      });
    });
  });

  describe('readBytes', () => {
    test('exactly count bytes, across pieces', async () => {
      await withConnection(sendsInPieces(['ab', 'cde', 'f']), async (conn) => {
        assert.deepEqual(await conn.readBytes(4), Buffer.from('abcd'));
        assert.deepEqual(await conn.readBytes(2), Buffer.from('ef'));
      });
    });
  });

  describe('closing from the client side', () => {
    test('a read waiting when the client closes ends at once, saying so', async () => {
      await withConnection(sends(''), async (conn) => {
        const read = conn.readStatus();
        setTimeout(() => conn.close(), 20);
        // At once: the read ends with the close (ClosedHere), not with its timeout.
        await assert.rejects(read, (error: Error) => {
          assert.ok(error instanceof ClosedHere, String(error));
          assert.match(error.message, /the client closed the connection while waiting for a status line/);
          return true;
        });
      });
    });
  });

  describe('sending to a server that stops reading', () => {
    test('the send fails after the timeout instead of blocking', async () => {
      await withConnection(
        (socket) => socket.pause(),
        async (conn) => {
          // After the timeout, and because of it: the message names the 200 ms.
          await assert.rejects(conn.send(Buffer.alloc(64 * 1024 * 1024, 'a')), (error: Error) => {
            assert.ok(error instanceof SendFailed, String(error));
            assert.match(error.message, /the server stopped reading the request: \d+ of its 67108864 bytes still unsent after 200 ms/);
            return true;
          });
        },
        200,
      );
    });
  });

  describe('timeouts and closes', () => {
    test('ReadTimeout when the server is silent', async () => {
      await withConnection(
        () => {},
        async (conn) => {
          const started = performance.now();
          await assert.rejects(conn.readStatus(), (error: Error) => {
            assert.ok(error instanceof ReadTimeout, String(error));
            assert.match(error.message, /no answer within 100 ms/);
            assert.match(error.message, /a status line/);
            assert.equal(error.timeoutMs, 100);
            return true;
          });
          assert.ok(performance.now() - started >= 90);
          assert.match(conn.transcript.format(), /waited 100 ms for a status line/);
        },
        100,
      );
    });

    test('ReadTimeout with a partial line says how many bytes came', async () => {
      await withConnection(
        sends('0 O'),
        async (conn) => {
          await assert.rejects(conn.readStatus(), (error: Error) => {
            assert.ok(error instanceof ReadTimeout, String(error));
            assert.match(error.message, /got only 3 bytes/);
            assert.deepEqual(error.partial, Buffer.from('0 O'));
            return true;
          });
        },
        100,
      );
    });

    test('PeerClosed when the server closes', async () => {
      await withConnection(
        (socket) => socket.end(),
        async (conn) => {
          await assert.rejects(conn.readStatus(), (error: Error) => {
            assert.ok(error instanceof PeerClosed, String(error));
            assert.equal(error.how, 'eof');
            assert.match(error.message, /closed the connection while the client waited for a status line/);
            return true;
          });
          assert.equal(conn.closed, 'eof');
          assert.match(conn.transcript.format(), /closed by the server \(EOF\)/);
        },
      );
    });

    test('PeerClosed keeps the partial bytes', async () => {
      await withConnection(
        (socket) => socket.end('0 O'),
        async (conn) => {
          await assert.rejects(conn.readStatus(), (error: Error) => {
            assert.ok(error instanceof PeerClosed, String(error));
            assert.deepEqual(error.partial, Buffer.from('0 O'));
            return true;
          });
        },
      );
    });

    test('a complete line before the close is still read', async () => {
      await withConnection(
        (socket) => socket.end('0 OK\r\n'),
        async (conn) => {
          await sleep(20);
          assert.deepEqual(await conn.readStatus(), { code: 0, text: 'OK' });
          await assert.rejects(conn.readStatus(), PeerClosed);
        },
      );
    });

    test('PeerClosed with how "reset" when the server resets', async () => {
      await withConnection(
        (socket) => socket.once('data', () => socket.resetAndDestroy()),
        async (conn) => {
          await conn.send('quit\r\n');
          await assert.rejects(conn.readStatus(), (error: Error) => {
            assert.ok(error instanceof PeerClosed, String(error));
            assert.equal(error.how, 'reset');
            assert.match(error.message, /reset the connection/);
            return true;
          });
        },
      );
    });

    test('expectClose succeeds when the server closes', async () => {
      await withConnection(
        (socket) => socket.once('data', () => socket.end('0 OK\r\n')),
        async (conn) => {
          await conn.send('quit\r\n');
          assert.deepEqual(await conn.readStatus(), { code: 0, text: 'OK' });
          assert.equal(await conn.expectClose(500), 'eof');
        },
      );
    });

    test('expectClose succeeds when the server has already closed', async () => {
      await withConnection(
        (socket) => socket.end(),
        async (conn) => {
          await sleep(50);
          assert.equal(await conn.expectClose(100), 'eof');
        },
      );
    });

    test('expectClose counts a reset as a close', async () => {
      await withConnection(
        (socket) => socket.once('data', () => socket.resetAndDestroy()),
        async (conn) => {
          await conn.send('x\n');
          assert.equal(await conn.expectClose(500), 'reset');
        },
      );
    });

    test('expectClose fails if bytes arrive before the close', async () => {
      await withConnection(
        (socket) => socket.end('0 OK\r\nextra'),
        async (conn) => {
          assert.deepEqual(await conn.readStatus(), { code: 0, text: 'OK' });
          await assert.rejects(conn.expectClose(500), (error: Error) => {
            assert.ok(error instanceof ProtocolViolation, String(error));
            assert.match(error.message, /the server sent more bytes instead: "extra"/);
            return true;
          });
        },
      );
    });

    test('expectClose fails if bytes arrive while waiting', async () => {
      await withConnection(sendsInPieces(['', 'late'], 30), async (conn) => {
        await assert.rejects(conn.expectClose(500), /more bytes instead: "late"/);
      });
    });

    test('expectClose fails if the connection is still open after the limit', async () => {
      await withConnection(
        () => {},
        async (conn) => {
          const started = performance.now();
          await assert.rejects(conn.expectClose(100), (error: Error) => {
            assert.ok(error instanceof ProtocolViolation, String(error));
            assert.match(error.message, /still open 100 ms later/);
            return true;
          });
          assert.ok(performance.now() - started >= 90);
        },
      );
    });

    test('expectSilence passes when nothing arrives', async () => {
      await withConnection(
        () => {},
        async (conn) => {
          const started = performance.now();
          assert.equal(await conn.expectSilence(100), null);
          assert.ok(performance.now() - started >= 90);
        },
      );
    });

    test('expectSilence fails when bytes arrive', async () => {
      await withConnection(sendsInPieces(['', '0 OK\r\n'], 30), async (conn) => {
        await assert.rejects(conn.expectSilence(300), (error: Error) => {
          assert.ok(error instanceof ProtocolViolation, String(error));
          assert.match(error.message, /^the server sent "0 OK\\r\\n"/);
          return true;
        });
      });
    });

    test('expectSilence fails on bytes already unread', async () => {
      await withConnection(sends('x'), async (conn) => {
        await sleep(30);
        await assert.rejects(conn.expectSilence(100), ProtocolViolation);
      });
    });

    test('expectSilence reports a close without failing', async () => {
      await withConnection(
        (socket) => setTimeout(() => socket.end(), 20),
        async (conn) => {
          assert.equal(await conn.expectSilence(500), 'eof');
        },
      );
    });
  });
});
