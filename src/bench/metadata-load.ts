import * as net from 'node:net';
import { paddingStart } from '../protocol/line-padding';
import { CR, LF } from '../protocol/wire';
import { percentile } from './stats';

/**
 * Request rate and latency: `clients` persistent connections, each sending
 * `get_metadata NAME` and the next one as soon as the answer (`0 <text>\r\n<size>\r\n`) is
 * complete, for `durationMs`. Every answer is checked; the latency of a request runs from
 * its write to the last byte of its answer.
 */
export interface LoadOptions {
  host: string;
  port: number;
  name: string;
  expectedSize: number;
  clients: number;
  durationMs: number;
  /** Longest wait for a connection, and for an answer (then the client is counted as unanswered). */
  timeoutMs: number;
}

export interface LoadResult {
  clients: number;
  requests: number;
  /** From the first request to the last answer. */
  ms: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Clients whose last request got no answer within the timeout. */
  unanswered: number;
  /** Wrong answers (each one a verification failure). */
  wrong: string[];
}

/** The server could not be loaded: it did not take all the connections (a finding about the server, not the bench's own error). */
export class LoadFailed extends Error {}

interface Client {
  socket: net.Socket;
  pending: Buffer | null;
  sentAt: number;
  waiting: boolean;
  done: boolean;
}

export async function metadataLoad(options: LoadOptions): Promise<LoadResult> {
  const request = Buffer.from(`get_metadata ${options.name}\r\n`, 'latin1');
  const expectedSize = String(options.expectedSize);
  const sockets = await Promise.all(
    Array.from({ length: options.clients }, () => connect(options.host, options.port, options.timeoutMs)).map((p) => p.catch((error: Error) => error)),
  );
  const failed = sockets.find((s): s is Error => s instanceof Error);
  if (failed) {
    for (const s of sockets) if (!(s instanceof Error)) s.destroy();
    throw new LoadFailed(`could not open ${options.clients} connections: ${failed.message}`);
  }

  const latencies: number[] = [];
  const wrong: string[] = [];
  let lastAnswer = 0;
  let running = options.clients;
  let finishAll: () => void = () => {};
  const allDone = new Promise<void>((resolve) => (finishAll = resolve));
  const started = performance.now();
  const stopAt = started + options.durationMs;

  const clients: Client[] = (sockets as net.Socket[]).map((socket) => ({ socket, pending: null, sentAt: 0, waiting: false, done: false }));
  const retire = (client: Client) => {
    if (client.done) return;
    client.done = true;
    if (--running === 0) finishAll();
  };
  const send = (client: Client) => {
    client.waiting = true;
    client.sentAt = performance.now();
    client.socket.write(request);
  };
  for (const client of clients) {
    client.socket.on('data', (chunk: Buffer) => {
      if (client.done) return;
      const data = client.pending ? Buffer.concat([client.pending, chunk]) : chunk;
      const first = data.indexOf(LF);
      const second = first === -1 ? -1 : data.indexOf(LF, first + 1);
      if (second === -1) {
        client.pending = data.length > 4096 ? null : data;
        if (data.length > 4096) {
          wrong.push(`an answer of more than 4096 bytes without its two lines: ${JSON.stringify(data.subarray(0, 60).toString('latin1'))}`);
          retire(client);
        }
        return;
      }
      client.pending = null;
      const now = performance.now();
      const ok =
        client.waiting &&
        second === data.length - 1 &&
        data[0] === 0x30 &&
        data[1] === 0x20 &&
        data[first - 1] === CR &&
        data[second - 1] === CR &&
        // Spaces and tabs before the CR LF are forgiven, as every conformance read forgives them.
        data.toString('latin1', first + 1, first + 1 + paddingStart(data.subarray(first + 1, second - 1))) === expectedSize;
      if (!ok) {
        wrong.push(
          `get_metadata ${options.name} answered ${JSON.stringify(data.subarray(0, 80).toString('latin1'))} (expected "0 OK\\r\\n${expectedSize}\\r\\n")`,
        );
        retire(client);
        return;
      }
      client.waiting = false;
      latencies.push(now - client.sentAt);
      lastAnswer = now;
      if (now < stopAt) send(client);
      else retire(client);
    });
    client.socket.on('error', () => retire(client));
    client.socket.on('close', () => retire(client));
  }
  for (const client of clients) send(client);

  const deadline = setTimeout(finishAll, options.durationMs + options.timeoutMs);
  await allDone;
  clearTimeout(deadline);
  const unanswered = clients.filter((c) => c.waiting).length;
  for (const client of clients) {
    client.done = true;
    client.socket.destroy();
  }
  const sorted = Float64Array.from(latencies).sort();
  const ms = (lastAnswer || performance.now()) - started;
  return {
    clients: options.clients,
    requests: latencies.length,
    ms,
    perSecond: ms > 0 ? (latencies.length * 1000) / ms : 0,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length ? sorted[sorted.length - 1] : 0,
    unanswered,
    wrong,
  };
}

function connect(host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no connection within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new Error(error.code ?? error.message));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.setNoDelay(true);
      resolve(socket);
    });
  });
}
