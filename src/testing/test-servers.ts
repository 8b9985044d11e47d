import { once } from 'node:events';
import * as net from 'node:net';

/*
 * Loopback servers for the tests of the clients that speak HFTP (the connection, the
 * preflight, the bench's readers): real sockets on 127.0.0.1, each connection run by a small
 * script of the test's, most often an answer per request line.
 */

/** A test's server on 127.0.0.1, at a port the kernel chose. */
export interface TestServer {
  port: number;
  /** Destroy the connections it still holds, and close it. */
  close(): Promise<void>;
}

/**
 * Start a server whose `handler` runs for each accepted connection. `noDelay` sends each
 * write at once (no Nagle), for a test whose pieces must arrive as written.
 */
export async function startServer(handler: (socket: net.Socket) => void = () => {}, options: { noDelay?: boolean } = {}): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (options.noDelay) socket.setNoDelay(true);
    socket.on('error', () => {}); // a reset from the client is not a test failure
    handler(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The answer to one request line (without its CR LF): bytes to send back, or null to say nothing. */
export type Answer = (line: string) => Buffer | string | null;

/**
 * The script of a server that answers each request line, as HFTP frames requests, with
 * `answer(line)`:
 *
 *     get_metadata archivo.txt\r\n        (answer('get_metadata archivo.txt'))
 *     0 OK\r\n41\r\n
 *
 * A string is sent as latin1, a byte per character as the wire has them. `piece` > 0 sends
 * each answer in writes of that many bytes, for a client that must put them together.
 */
export function answerLines(answer: Answer, piece = 0): (socket: net.Socket) => void {
  return (socket) => {
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      for (let end: number; (end = pending.indexOf('\r\n')) !== -1; ) {
        const reply = answer(pending.slice(0, end));
        pending = pending.slice(end + 2);
        if (reply === null) continue;
        const bytes = typeof reply === 'string' ? Buffer.from(reply, 'latin1') : reply;
        if (!piece) socket.write(bytes);
        else for (let at = 0; at < bytes.length; at += piece) socket.write(bytes.subarray(at, at + piece));
      }
    });
  };
}

/** The servers of one test file, closed together by `closeAll` (in its `after`). */
export class TestServers {
  private readonly started: TestServer[] = [];

  /** startServer, kept for closeAll; returns the port. */
  async start(handler: (socket: net.Socket) => void, options: { noDelay?: boolean } = {}): Promise<number> {
    const server = await startServer(handler, options);
    this.started.push(server);
    return server.port;
  }

  /** A server that answers each request line with `answer(line)` (see answerLines); returns its port. */
  lines(answer: Answer, piece = 0): Promise<number> {
    return this.start(answerLines(answer, piece));
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.started.map((server) => server.close()));
  }
}
