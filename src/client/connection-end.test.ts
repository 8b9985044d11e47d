import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type * as net from 'node:net';
import { ClosedHere, PeerClosed, ProtocolViolation, ReadTimeout, SendFailed } from './errors';
import { sends, sendsInPieces, sleep, withConnection } from '../testing/connection';

/**
 * A server that keeps every byte it receives and never closes by itself: `received`
 * resolves with them once the client has closed (await it before the server is closed).
 */
function recorder(): { handler: (socket: net.Socket) => void; received: Promise<string> } {
  let done: (bytes: string) => void = () => {};
  const received = new Promise<string>((resolve) => {
    done = resolve;
  });
  const handler = (socket: net.Socket) => {
    let bytes = '';
    socket.on('data', (chunk) => {
      bytes += chunk.toString('latin1');
    });
    socket.on('end', () => {
      done(bytes);
      socket.end();
    });
  };
  return { handler, received };
}

describe('HftpConnection', () => {
  describe('leaving', () => {
    test('leave sends quit and waits for the close', async () => {
      let received = '';
      await withConnection(
        (socket) =>
          socket.on('data', (chunk) => {
            received += chunk.toString('latin1');
            if (received === 'quit\r\n') setTimeout(() => socket.end('0 OK\r\n'), 100);
          }),
        async (conn) => {
          const started = performance.now();
          assert.equal(await conn.leave(1000), 'closed by the server');
          // It waited for the close, 100 ms after the quit, and no longer.
          const waited = performance.now() - started;
          assert.ok(waited >= 90 && waited < 900, `${waited} ms`);
          assert.equal(received, 'quit\r\n');
        },
      );
    });

    test('leave says "left open" when the server does not close within the wait', async () => {
      const server = recorder();
      await withConnection(server.handler, async (conn) => {
        assert.equal(await conn.leave(50), 'left open');
        assert.equal(await server.received, 'quit\r\n');
      });
    });

    test('leave finishes a half-sent line before its quit', async () => {
      const server = recorder();
      await withConnection(server.handler, async (conn) => {
        await conn.send('get_meta');
        await conn.leave(50);
        assert.equal(await server.received, 'get_meta\r\nquit\r\n');
      });
    });

    test('after a quit sent whole, leave sends no second one', async () => {
      const server = recorder();
      await withConnection(server.handler, async (conn) => {
        await conn.send('quit\r\n');
        await conn.leave(50);
        assert.equal(await server.received, 'quit\r\n');
      });
    });

    test('after a quit sent a byte at a time, leave sends no second one', async () => {
      const server = recorder();
      await withConnection(server.handler, async (conn) => {
        await conn.sendRequest('get_file_listing');
        for (const byte of 'quit\r\n') await conn.send(byte);
        await conn.leave(50);
        assert.equal(await server.received, 'get_file_listing\r\nquit\r\n');
      });
    });

    test('a request that only ends in "quit" is not a quit: leave sends its own', async () => {
      const server = recorder();
      await withConnection(server.handler, async (conn) => {
        await conn.sendRequest('get_metadata', 'quit');
        await conn.leave(50);
        assert.equal(await server.received, 'get_metadata quit\r\nquit\r\n');
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
