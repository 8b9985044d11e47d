import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type * as net from 'node:net';
import { HftpConnection } from './hftp-connection';
import { PeerClosed, ProtocolViolation } from './errors';
import { startServer } from '../testing/test-servers';
import { sends, sendsInPieces, sleep, withConnection } from '../testing/connection';

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

  describe('readBytes', () => {
    test('exactly count bytes, across pieces', async () => {
      await withConnection(sendsInPieces(['ab', 'cde', 'f']), async (conn) => {
        assert.deepEqual(await conn.readBytes(4), Buffer.from('abcd'));
        assert.deepEqual(await conn.readBytes(2), Buffer.from('ef'));
      });
    });
  });
});
