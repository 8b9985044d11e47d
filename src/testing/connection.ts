import type * as net from 'node:net';
import { HftpConnection } from '../client/hftp-connection';
import { startServer, type TestServer } from './test-servers';

/*
 * For the client's unit tests: one scripted loopback server and one client connected to
 * it, and the small scripts such a server follows.
 */

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Start a server whose handler is `handler`, connect one client, run `body`, clean up. */
export async function withConnection(
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
export const sends = (bytes: string | Buffer) => (socket: net.Socket) => socket.write(bytes);

/** A server that sends each piece in its own write, `gapMs` apart. */
export const sendsInPieces =
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

export const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
