import * as net from 'node:net';
import { paddingStart } from '../protocol/line-padding';
import { CR, LF } from '../protocol/wire';

/**
 * A `get_slice` answer read as it streams: the base64 is decoded chunk by chunk into one
 * small reused buffer and each decoded piece is checked at once, so a 256 MiB slice (358 MB
 * of base64) never sits in memory, neither encoded nor decoded. HftpConnection.readPayload
 * cannot do this: it returns the whole slice in one Buffer, and its receive buffer and
 * per-character checks are made for conformance, not speed.
 *
 * The answer must be a status line `0 <text>\r\n`, then base64 lines ended by CR LF whose
 * decoded bytes add up to SIZE (one line, as the protocol has it; several lines, each a
 * whole number of base64 groups, and spaces or tabs before a CR LF, are accepted as
 * HftpConnection accepts them).
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
    let started = 0;
    let firstByte = 0;
    let received = 0;
    let head: Buffer | null = Buffer.alloc(0); // the status line, until it is complete
    let carry = ''; // 1 to 3 base64 characters waiting for the rest of their group
    let decoded = 0;
    let lineDecoded = 0;
    let lines = 0;
    let expectLf = false;
    let spaces = 0; // spaces and tabs that ended the last piece: padding if a CR follows them
    let out = Buffer.allocUnsafe(64 * 1024);
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
    socket.on('data', (chunk: Buffer) => {
      if (settled) return;
      if (!firstByte) firstByte = performance.now();
      received += chunk.length;
      if (options.readBytesPerSecond) {
        tokens -= chunk.length;
        if (tokens <= 0) socket.pause();
      }
      try {
        let at = 0;
        if (head) {
          at = readStatus(chunk);
          if (at < 0) return;
        }
        payload(chunk, at);
      } catch (error) {
        if (error instanceof SliceReadFailed) finish(error);
        else throw error;
      }
    });

    /** Collect the status line; returns where the payload starts in `chunk`, or -1 if not yet. */
    function readStatus(chunk: Buffer): number {
      const before = (head as Buffer).length;
      head = Buffer.concat([head as Buffer, chunk]);
      const lf = head.indexOf(LF);
      if (lf === -1) {
        if (head.length > MAX_STATUS_LINE) throw new SliceReadFailed('wrong-answer', `no status line within ${MAX_STATUS_LINE} bytes`);
        return -1;
      }
      const line = head.subarray(0, lf + 1).toString('latin1');
      head = null;
      if (!/^0 [^\r\n]+\r\n$/.test(line)) throw new SliceReadFailed('wrong-answer', `the answer began with ${JSON.stringify(line)}, not "0 OK\\r\\n"`);
      return lf + 1 - before;
    }

    function payload(chunk: Buffer, from: number): void {
      let at = from;
      while (at < chunk.length && !settled) {
        if (expectLf) {
          if (chunk[at] !== LF) throw new SliceReadFailed('wrong-answer', `payload line ${lines + 1} ended by a CR without LF`);
          expectLf = false;
          at++;
          endOfLine();
          continue;
        }
        const cr = chunk.indexOf(CR, at);
        const end = cr === -1 ? chunk.length : cr;
        const lf = chunk.indexOf(LF, at);
        if (lf !== -1 && lf < end) throw new SliceReadFailed('wrong-answer', `a LF without CR in the payload, after ${decoded} decoded bytes`);
        const body = at + paddingStart(chunk.subarray(at, end));
        if (spaces && body > at) throw new SliceReadFailed('wrong-answer', `a space or tab inside payload line ${lines + 1}, after ${decoded} decoded bytes`);
        decode(chunk, at, body);
        spaces += end - body;
        if (cr === -1) return;
        spaces = 0;
        expectLf = true;
        at = cr + 1;
      }
    }

    function decode(chunk: Buffer, start: number, end: number): void {
      const total = carry.length + end - start;
      const keep = total % 4;
      if (total - keep > 0) {
        const text = carry + chunk.toString('latin1', start, end - keep);
        if (out.length < text.length) out = Buffer.allocUnsafe(text.length);
        const n = out.write(text, 0, 'base64');
        if (decoded + n > size) throw new SliceReadFailed('wrong-bytes', `the payload decodes to more than the ${size} bytes asked for`);
        const wrong = options.verify(options.offset + decoded, out.subarray(0, n));
        if (wrong !== -1) {
          throw new SliceReadFailed('wrong-bytes', `wrong byte at offset ${options.offset + decoded + wrong} of ${options.name}: received 0x${out[wrong].toString(16).padStart(2, '0')}`);
        }
        decoded += n;
        lineDecoded += n;
        carry = chunk.toString('latin1', end - keep, end);
      } else {
        carry += chunk.toString('latin1', start, end);
      }
    }

    function endOfLine(): void {
      lines++;
      if (carry.length) throw new SliceReadFailed('wrong-answer', `payload line ${lines} is not a whole number of base64 groups`);
      if (lineDecoded === 0 && size > 0) throw new SliceReadFailed('wrong-answer', `payload line ${lines} is empty, after ${decoded} of ${size} bytes`);
      lineDecoded = 0;
      if (decoded === size) finish(null, true);
    }
  });
}
