import * as net from 'node:net';
import { ReceiveBuffer } from '../../src/protocol/receive-buffer';
import { type Expectation, ResponseParseError, ResponseParser } from '../../src/protocol/response-parser';
import { isFatal } from '../../src/protocol/status-code';
import type { StatusLine } from '../../src/protocol/status-line';
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
 * Content-Length): see `bodyOf`.
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
  /** One whole response (status line and body) to `request`. */
  response?(response: Buffer, request: string, connection: ProxyConnection): Buffer;
  /** When the server closes after a response: follow it (default), or keep the client waiting. */
  keepOpenAfter?(response: Buffer, request: string): boolean;
  /** Whether the proxy closes the client after this response although the server did not. */
  closeAfter?(response: Buffer, request: string): boolean;
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

/**
 * What follows a `0` status line, by the request it answers (nothing after any other code):
 *
 *     get_file_listing, help    names up to the empty line
 *     get_metadata              the size line
 *     get_slice F O S           base64 of S bytes
 *     get_slice F O S raw       Content-Length: S, the empty line, S bytes
 */
export function bodyOf(request: string): Expectation | null {
  const [command, ...args] = request.split(' ');
  switch (command) {
    case 'get_file_listing':
    case 'help':
      return { kind: 'listing' };
    case 'get_metadata':
      return { kind: 'size' };
    case 'get_slice':
      return args[3] === 'raw' ? { kind: 'raw' } : { kind: 'base64', size: Number(args[2]) };
    default:
      return null;
  }
}

/** One response, framed: its bytes, the request it answers and its status line. */
export interface FramedResponse {
  bytes: Buffer;
  request: string;
  status: StatusLine;
}

/**
 * Cuts the server's bytes into whole responses with the ResponseParser (the grammar the
 * suite reads with), each by the request it answers. Bytes it cannot frame (not a response)
 * are left unframed: `rest` hands them over as they are.
 */
export class ResponseFramer {
  private readonly parser = new ResponseParser();
  private readonly bytes = new ReceiveBuffer();
  private start = 0; // where the current response began, in bytes parsed
  private status: StatusLine | null = null;
  private broken = false;

  constructor(
    /** The request the next response answers, without CR LF ('' if none is known). */
    private readonly request: () => string,
    private readonly onResponse: (response: FramedResponse) => void,
  ) {
    this.parser.expect({ kind: 'status' });
  }

  /** Bytes taken and not yet handed over in a whole response. */
  get pending(): number {
    return this.bytes.length;
  }

  push(chunk: Buffer): void {
    this.bytes.append(chunk);
    if (this.broken) return;
    try {
      this.parser.parse(chunk, (message) => {
        if (message.kind === 'status') {
          this.status = { code: message.code, text: message.text };
          const body = message.code === 0 ? bodyOf(this.request()) : null;
          if (body) this.parser.expect(body);
          else this.complete();
        } else if (message.kind === 'listingEnd' || message.kind === 'size' || message.kind === 'payloadEnd' || message.kind === 'rawEnd') {
          this.complete();
        }
      });
    } catch (error) {
      if (!(error instanceof ResponseParseError)) throw error;
      this.broken = true;
    }
  }

  /** The bytes not framed (the server closed part way, or sent what is not a response). */
  rest(): Buffer {
    return this.bytes.take(this.bytes.length);
  }

  private complete(): void {
    const response = this.bytes.take(this.parser.consumed - this.start);
    this.start = this.parser.consumed;
    this.parser.expect({ kind: 'status' });
    this.onResponse({ bytes: response, request: this.request(), status: this.status as StatusLine });
  }
}

/** A whole response, read: its status, and the names, size or (decoded) payload after it. */
export function readResponse(response: Buffer, request: string): { status: StatusLine; names: string[]; size?: number; payload: Buffer } {
  const parser = new ResponseParser();
  const read: { status: StatusLine; names: string[]; size?: number; payload: Buffer } = { status: { code: -1, text: '' }, names: [], payload: Buffer.alloc(0) };
  const pieces: Buffer[] = [];
  parser.expect({ kind: 'status' });
  parser.parse(response, (message) => {
    if (message.kind === 'status') {
      read.status = { code: message.code, text: message.text };
      if (message.code === 0) parser.expect(bodyOf(request));
    } else if (message.kind === 'name') read.names.push(message.name);
    else if (message.kind === 'size') read.size = message.size;
    else if (message.kind === 'payloadChunk' || message.kind === 'rawChunk') pieces.push(message.bytes);
  });
  read.payload = Buffer.concat(pieces);
  return read;
}

/** Start the reference server (in this process) and the proxy in front of it. */
export async function startMutant(mutant: Mutant, options: { directory: string; port: number; host?: string }): Promise<{ port: number; stop: () => Promise<void> }> {
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
      ({ bytes: response, request, status }) => {
        requests.shift();
        const out = mutant.response ? mutant.response(response, request, connection) : response;
        if (!client.destroyed) client.write(out);
        if (isFatal(status.code)) mutant.fatal?.(connection, open);
        if (mutant.closeAfter?.(response, request)) client.end();
        if (mutant.keepOpenAfter?.(response, request)) connection.state.keepOpen = true;
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
        for (let end; (end = fromClient.indexOf('\r\n')) !== -1; fromClient = fromClient.subarray(end + 2)) {
          requests.push(fromClient.subarray(0, end).toString('latin1'));
        }
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
      for (let end; (end = fromClient.indexOf('\r\n')) !== -1; ) {
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
