import * as net from 'node:net';
import { type ResponseMessage, ResponseParseError, ResponseParser } from '../protocol/response-parser';

/**
 * A `get_slice` answer read as it streams: the response parser decodes the base64 as it
 * comes and each decoded piece is checked at once, so a 256 MiB slice (358 MB of base64)
 * never sits in memory, neither encoded nor decoded (HftpConnection.readPayload returns the
 * whole slice in one Buffer).
 *
 *     0 OK\r\n
 *     <base64 of SIZE bytes>\r\n     (or several lines, each padded on its own)
 *
 * What is accepted is the parser's, as for HftpConnection: spaces or tabs before a CR LF,
 * several lines whose decoded bytes add up to SIZE.
 */
export interface SliceReadOptions {
  host: string;
  port: number;
  name: string;
  offset: number;
  size: number;
  /** No byte for this long fails the read. */
  timeoutMs: number;
  /** Index in `bytes` (the decoded bytes at file position `position`) of the first wrong one, or -1. */
  verify: (position: number, bytes: Buffer) => number;
  /** Read at most this many bytes of the answer per second (a slow reader). */
  readBytesPerSecond?: number;
  /** Stop after this long, complete or not (a slow reader never gets to the end). */
  stopAfterMs?: number;
}

export interface SliceReadResult {
  /** Decoded bytes received and checked. */
  decoded: number;
  /** Bytes of the answer received (status line, base64, CR LF). */
  received: number;
  /** From sending the request to the last byte (or to the stop). */
  ms: number;
  /** From sending the request to the first byte of the answer. */
  firstByteMs: number;
  complete: boolean;
  lines: number;
}

export type SliceReadProblem = 'wrong-bytes' | 'wrong-answer' | 'timeout' | 'closed' | 'connect';

export class SliceReadFailed extends Error {
  constructor(
    readonly problem: SliceReadProblem,
    message: string,
  ) {
    super(message);
  }
}

const MAX_STATUS_LINE = 4096;

export function readSlice(options: SliceReadOptions): Promise<SliceReadResult> {
  const { size } = options;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: options.host, port: options.port });
    const parser = new ResponseParser({ maxLineBytes: MAX_STATUS_LINE });
    parser.expect({ kind: 'status' });
    let started = 0;
    let firstByte = 0;
    let received = 0;
    let decoded = 0;
    let lines = 0;
    let settled = false;
    let tokens = 0;
    let ticker: NodeJS.Timeout | null = null;
    let stopper: NodeJS.Timeout | null = null;

    const finish = (error: SliceReadFailed | null, complete = false) => {
      if (settled) return;
      settled = true;
      if (ticker) clearInterval(ticker);
      if (stopper) clearTimeout(stopper);
      socket.destroy();
      if (error) reject(error);
      else resolve({ decoded, received, ms: performance.now() - started, firstByteMs: firstByte - started, complete, lines });
    };
    const fail = (problem: SliceReadProblem, message: string) => finish(new SliceReadFailed(problem, message));

    socket.setTimeout(options.timeoutMs, () => {
      const where = started ? `after ${decoded} of ${size} bytes` : 'connecting';
      fail(started ? 'timeout' : 'connect', `nothing for ${options.timeoutMs} ms ${where}`);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      fail(started ? 'closed' : 'connect', `${error.code ?? error.message} after ${decoded} of ${size} bytes`);
    });
    socket.once('close', () => fail('closed', `the server closed the connection after ${decoded} of ${size} bytes`));
    socket.once('connect', () => {
      socket.setNoDelay(true);
      started = performance.now();
      socket.write(`get_slice ${options.name} ${options.offset} ${size}\r\n`);
      if (options.stopAfterMs !== undefined) stopper = setTimeout(() => finish(null, false), options.stopAfterMs);
      const rate = options.readBytesPerSecond;
      if (rate) {
        // A token bucket, refilled every 20 ms, holding at most 100 ms of reading.
        tokens = rate / 50;
        ticker = setInterval(() => {
          tokens = Math.min(tokens + rate / 50, rate / 10);
          if (tokens > 0 && socket.isPaused()) socket.resume();
        }, 20);
      }
    });

    const onMessage = (message: ResponseMessage) => {
      if (settled) return;
      if (message.kind === 'status') {
        if (message.code !== 0) throw new SliceReadFailed('wrong-answer', `the answer began with "${message.code} ${message.text}\\r\\n", not "0 OK\\r\\n"`);
        parser.expect({ kind: 'base64', size });
      } else if (message.kind === 'payloadChunk') {
        const wrong = options.verify(options.offset + decoded, message.bytes);
        if (wrong !== -1) {
          throw new SliceReadFailed(
            'wrong-bytes',
            `wrong byte at offset ${options.offset + decoded + wrong} of ${options.name}: received 0x${message.bytes[wrong].toString(16).padStart(2, '0')}`,
          );
        }
        decoded += message.bytes.length;
      } else if (message.kind === 'payloadEnd') {
        lines = message.lines;
        finish(null, true);
      }
    };
    socket.on('data', (chunk: Buffer) => {
      if (settled) return;
      if (!firstByte) firstByte = performance.now();
      received += chunk.length;
      if (options.readBytesPerSecond) {
        tokens -= chunk.length;
        if (tokens <= 0) socket.pause();
      }
      try {
        parser.parse(chunk, onMessage);
      } catch (error) {
        if (error instanceof SliceReadFailed) finish(error);
        else if (error instanceof ResponseParseError) fail(error.overflow ? 'wrong-bytes' : 'wrong-answer', `${error.expected}: ${error.message}`);
        else throw error;
      }
    });
  });
}
