import * as net from 'node:net';
import { type FramedResponse, ResponseFramer } from '../../src/protocol/response-framer';
import { isFatal } from '../../src/protocol/status-code';
import { HftpServer, type ServerOptions } from '../../src/reference-server/server';

/**
 * A mutating proxy: the reference server behind a man in the middle that breaks one rule
 * the way a student server would. Each mutant (zoo.ts) is a few hooks:
 *
 *   client --bytes--> [upstream] --> [request: per line] --> reference server
 *   client <--------- [response: per whole response] <------ reference server
 *
 * The proxy frames both directions: requests at CR LF (it forwards bytes at once unless a
 * mutant rewrites whole lines), responses with the ResponseParser, by the request they answer
 * (a listing up to its empty line, a size line, base64 of SIZE bytes, a raw body by its
 * Content-Length): see src/protocol/response-framer.ts.
 */
export interface Mutant {
  /** The rule this mutant breaks. */
  rule: string;
  /** The student bug it imitates. */
  story: string;
  /** Capabilities to declare when it is tested (for ext rules). */
  capabilities?: string[];
  /** The reference server behind it. */
  server?: Partial<ServerOptions>;
  /** The error limit the suite is told (when the server's own differs on purpose). */
  suiteMaxErrors?: number;
  /** Raw client bytes, before framing (framing bugs). */
  upstream?(chunk: Buffer, connection: ProxyConnection): Buffer;
  /** One request line, without CR LF: forward it (rewritten), drop it (null), or answer it here. */
  request?(line: string, connection: ProxyConnection): string | null | { reply: string; close?: boolean };
  /**
   * One whole response (status line and body), with the request it answers and what it
   * says (status, names, size, payload): the bytes to send instead.
   */
  response?(response: FramedResponse, connection: ProxyConnection): Buffer;
  /** When the server closes after a response: follow it (default), or keep the client waiting. */
  keepOpenAfter?(response: FramedResponse): boolean;
  /** Whether the proxy closes the client after this response although the server did not. */
  closeAfter?(response: FramedResponse): boolean;
  /** Serve one client at a time (later ones wait in line). */
  oneAtATime?: boolean;
  /** Called when a client goes away while an answer is still on its way to it. */
  clientGone?(connection: ProxyConnection): void;
  /** Called on a fatal status on one connection, with every open connection. */
  fatal?(connection: ProxyConnection, all: Set<ProxyConnection>): void;
}

export interface ProxyConnection {
  readonly client: net.Socket;
  /** Scratch space for the mutant. */
  readonly state: Record<string, unknown>;
  /** Requests not fully answered yet, and answer bytes not yet handed to the kernel. */
  pendingToClient(): number;
  /** Stop the whole server at once, as a crash would (the process itself goes on). */
  crash(): void;
}

/** Start the reference server (in this process) and the proxy in front of it. */
/** How much of an unfinished request line the proxy keeps, to name the request its answer is for. */
const NOTED_LINE_BYTES = 64 * 1024;

export async function startMutant(
  mutant: Mutant,
  options: { directory: string; port: number; host?: string },
): Promise<{ port: number; stop: () => Promise<void> }> {
  const server = new HftpServer({ ...mutant.server, directory: options.directory, port: 0, address: '127.0.0.1', log: () => {} });
  const upstreamPort = await server.listen();
  const open = new Set<ProxyConnection>();
  const waiting: (() => void)[] = [];
  let busy = false;
  const crash = () => {
    proxy.close();
    for (const connection of open) connection.client.destroy();
  };

  const proxy = net.createServer({ allowHalfOpen: false }, (client) => {
    client.on('error', () => client.destroy());
    const begin = () => serve(client);
    if (!mutant.oneAtATime) return begin();
    client.pause();
    const start = () => {
      busy = true;
      client.once('close', () => {
        busy = false;
        waiting.shift()?.();
      });
      client.resume();
      begin();
    };
    if (client.destroyed) return;
    if (busy) waiting.push(start);
    else start();
  });

  function serve(client: net.Socket): void {
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    const requests: string[] = [];
    let fromClient = Buffer.alloc(0);
    const fromServer = new ResponseFramer(
      () => requests[0] ?? '',
      (response) => {
        requests.shift();
        const out = mutant.response ? mutant.response(response, connection) : response.bytes;
        if (!client.destroyed) client.write(out);
        if (isFatal(response.status.code)) mutant.fatal?.(connection, open);
        if (mutant.closeAfter?.(response)) client.end();
        if (mutant.keepOpenAfter?.(response)) connection.state.keepOpen = true;
      },
    );
    const connection: ProxyConnection = {
      client,
      state: {},
      pendingToClient: () => requests.length + client.writableLength + fromServer.pending,
      crash,
    };
    open.add(connection);
    upstream.on('error', () => client.destroy());

    client.on('data', (raw: Buffer) => {
      const chunk = mutant.upstream ? mutant.upstream(raw, connection) : raw;
      fromClient = Buffer.concat([fromClient, chunk]);
      // Line by line when the mutant rewrites requests; else forward the bytes at once and
      // only note the requests (to frame their answers).
      if (!mutant.request) {
        upstream.write(chunk);
        for (let end: number; (end = fromClient.indexOf('\r\n')) !== -1; fromClient = fromClient.subarray(end + 2)) {
          requests.push(fromClient.subarray(0, end).toString('latin1'));
        }
        // A line that does not end (ROBUST-3's 100 MiB) is forwarded, not held: only its head
        // names the request, and copying all of it at every chunk starved the proxy, so the
        // server's answer (101 at its line limit) waited until the client stopped sending.
        if (fromClient.length > NOTED_LINE_BYTES) fromClient = Buffer.concat([fromClient.subarray(0, NOTED_LINE_BYTES - 1), fromClient.subarray(-1)]);
        return;
      }
      if (connection.state.passLine || /(^|[^\r])\n/.test(fromClient.toString('latin1')) || fromClient.length > 1024 * 1024) {
        // A bare LF (the server answers 100), or a line too long to hold: pass it through as
        // it is, up to its end.
        const end = fromClient.indexOf('\r\n');
        connection.state.passLine = end === -1;
        upstream.write(end === -1 ? fromClient : fromClient.subarray(0, end + 2));
        if (end !== -1) requests.push('');
        fromClient = end === -1 ? Buffer.alloc(0) : fromClient.subarray(end + 2);
        if (end === -1 || !fromClient.length) return;
      }
      for (let end: number; (end = fromClient.indexOf('\r\n')) !== -1; ) {
        const line = fromClient.subarray(0, end).toString('latin1');
        fromClient = fromClient.subarray(end + 2);
        const verdict = mutant.request(line, connection);
        if (verdict === null) continue;
        if (typeof verdict === 'object') {
          client.write(verdict.reply);
          if (verdict.close) client.end();
          continue;
        }
        requests.push(verdict);
        upstream.write(`${verdict}\r\n`, 'latin1');
      }
    });
    client.on('close', () => {
      if (connection.pendingToClient() > 0) mutant.clientGone?.(connection);
      open.delete(connection);
      upstream.destroy();
    });

    upstream.on('data', (chunk: Buffer) => fromServer.push(chunk));
    upstream.on('end', () => {
      if (fromServer.pending && !client.destroyed) client.write(fromServer.rest());
      if (!connection.state.keepOpen) client.end();
    });
  }

  await new Promise<void>((resolve) => proxy.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const port = (proxy.address() as net.AddressInfo).port;
  return {
    port,
    stop: async () => {
      for (const connection of open) connection.client.destroy();
      await new Promise((resolve) => proxy.close(resolve));
      await server.close();
    },
  };
}
