import * as net from 'node:net';
import { CR, LF } from '../protocol/wire';
import { ClosedHere, ConnectFailed, PeerClosed, ProtocolViolation, ReadTimeout, SendFailed, type CloseKind } from './errors';
import { escapeBytes } from './escape';
import { PADDED_CONTENT_BYTES, paddingStart, type PaddedLine } from './line-padding';
import { ReceiveBuffer } from './receive-buffer';
import { parseStatusLine, type StatusLine } from './status-line';
import { Transcript } from './transcript';

export interface ConnectOptions {
  host: string;
  port: number;
  /** Longest wait for the next awaited byte (default 2000 ms). */
  timeoutMs?: number;
  /** Name in the transcript ("A", "B", ...). */
  label?: string;
  /** Shared by the connections of one scenario, so their bytes interleave in time order. */
  transcript?: Transcript;
  /** Receiving pauses while this many bytes wait unread (a flooding target cannot exhaust memory). */
  maxBufferedBytes?: number;
  /** Longest status, listing or metadata line accepted. */
  maxLineBytes?: number;
}

/** How many padded lines a connection keeps a record of (it counts them all). */
const MAX_PADDED_RECORDS = 100;

/** A base64 payload as received: the decoded bytes and how many lines carried them. */
export interface Payload {
  bytes: Buffer;
  lines: number;
}

/** Anything but the base64 alphabet and its padding. */
const NOT_BASE64 = /[^A-Za-z0-9+/=]/;

/**
 * One client connection to an HFTP server, with reads that never wait blindly: each read
 * names what it awaits and fails with a ReadTimeout after `timeoutMs` without progress, a
 * PeerClosed if the server goes away first, or a ProtocolViolation if the bytes cannot be
 * what was awaited. Every byte is recorded in the transcript.
 */
export class HftpConnection {
  readonly label: string;
  readonly transcript: Transcript;
  readonly timeoutMs: number;
  private readonly buffer = new ReceiveBuffer();
  private readonly maxBufferedBytes: number;
  private readonly maxLineBytes: number;
  private closedBy: CloseKind | null = null;
  /**
   * Lines the server sent with spaces or tabs before their CR LF (the first 100): every read
   * forgives them, as the course's client does, and records them here for STATUS-7.
   */
  readonly paddedLines: PaddedLine[] = [];
  /** How many padded lines there were in all. */
  paddedLineCount = 0;
  /** We closed or reset it ourselves: what the socket reports next is our own doing. */
  private closedHere = false;
  private wake: (() => void) | null = null;
  /** The last byte sent: a request is complete when it is LF. */
  private lastSent: number | null = null;

  private constructor(
    private readonly socket: net.Socket,
    options: ConnectOptions,
  ) {
    this.label = options.label ?? 'A';
    this.transcript = options.transcript ?? new Transcript();
    this.timeoutMs = options.timeoutMs ?? 2000;
    this.maxBufferedBytes = options.maxBufferedBytes ?? 1024 * 1024;
    this.maxLineBytes = options.maxLineBytes ?? 64 * 1024;
    socket.on('data', (chunk: Buffer) => {
      this.transcript.record(this.label, 'received', chunk);
      this.buffer.append(chunk);
      if (this.buffer.length >= this.maxBufferedBytes) socket.pause();
      this.notify();
    });
    socket.on('end', () => this.peerClosed('eof'));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      this.peerClosed('reset', error.code);
    });
    socket.on('close', () => this.peerClosed('eof'));
  }

  /** Open a TCP connection, failing with a clear message if the target is not there. */
  static connect(options: ConnectOptions): Promise<HftpConnection> {
    const transcript = options.transcript ?? new Transcript();
    const label = options.label ?? 'A';
    const timeoutMs = options.timeoutMs ?? 2000;
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: options.host, port: options.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new ConnectFailed(`${options.host}:${options.port}`, `no connection within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        const why = error.code === 'ECONNREFUSED' ? 'connection refused (is the server running?)' : error.message;
        reject(new ConnectFailed(`${options.host}:${options.port}`, why));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        transcript.event(label, `connected to ${options.host}:${options.port}`);
        resolve(new HftpConnection(socket, { ...options, transcript, label, timeoutMs }));
      });
    });
  }

  /** Whether the server has closed or reset the connection (as far as seen so far). */
  get closed(): CloseKind | null {
    return this.closedBy;
  }

  /** Bytes received and not read yet. */
  get unread(): number {
    return this.buffer.length;
  }

  /** Up to `count` of the bytes received and not read yet, left unread. */
  peek(count = this.buffer.length): Buffer {
    return Buffer.from(this.buffer.peek(count));
  }

  /**
   * Send bytes exactly as given; resolves once the kernel has taken them. A server that
   * stops reading (so the bytes stop draining) fails the send after `timeoutMs` without
   * progress, instead of blocking the step.
   */
  send(data: Buffer | string): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    this.transcript.record(this.label, 'sent', bytes);
    if (bytes.length) this.lastSent = bytes[bytes.length - 1];
    return new Promise((resolve, reject) => {
      if (this.socket.destroyed || this.socket.writableEnded) {
        reject(new SendFailed('the connection is already closed: nothing could be sent'));
        return;
      }
      let pending = Number.POSITIVE_INFINITY;
      let lastProgress = performance.now();
      const watch = setInterval(() => {
        const now = performance.now();
        if (this.socket.writableLength < pending) {
          pending = this.socket.writableLength;
          lastProgress = now;
        } else if (now - lastProgress >= this.timeoutMs) {
          clearInterval(watch);
          this.transcript.event(this.label, `the server stopped reading: ${pending} bytes unsent after ${this.timeoutMs} ms`);
          reject(new SendFailed(`the server stopped reading the request: ${pending} of its ${bytes.length} bytes still unsent after ${this.timeoutMs} ms`));
        }
      }, Math.max(10, this.timeoutMs / 8));
      this.socket.write(bytes, (error) => {
        clearInterval(watch);
        if (error) reject(new SendFailed(`sending failed: ${error.message}`));
        else resolve();
      });
    });
  }

  /** Send one request: its elements joined by single spaces, then CR LF. */
  sendRequest(command: string, ...args: (string | number | bigint)[]): Promise<void> {
    return this.send(`${[command, ...args].join(' ')}\r\n`);
  }

  /**
   * Read one line ended by CR LF, without the CR LF, and without the spaces and tabs before
   * it (recorded in `paddedLines` as a `kind`). Exact bytes: `readBytes`.
   */
  async readLine(awaited = 'a line', maxBytes = this.maxLineBytes, timeoutMs = this.timeoutMs, kind = 'line'): Promise<Buffer> {
    return this.forgivePadding(await this.readRawLine(awaited, maxBytes, timeoutMs), kind);
  }

  /** A line as received, without its CR LF (and nothing else taken away). */
  private async readRawLine(awaited: string, maxBytes: number, timeoutMs: number): Promise<Buffer> {
    let scanned = 0;
    let end = -1;
    await this.waitUntil(awaited, timeoutMs, () => {
      end = this.buffer.indexOf(LF, scanned);
      if (end !== -1) return true;
      scanned = this.buffer.length;
      if (scanned > maxBytes) {
        throw new ProtocolViolation(awaited, `no end of line within ${maxBytes} bytes: "${this.preview()}"`);
      }
      return false;
    });
    const line = this.buffer.take(end + 1);
    if (end === 0 || line[end - 1] !== CR) {
      throw new ProtocolViolation(awaited, `line ended by a LF without CR: "${escapeBytes(line)}"`);
    }
    return line.subarray(0, end - 1);
  }

  /**
   * Content of a received line without the spaces and tabs before its CR LF, recording the
   * line when there were any. The one place the tolerance lives (with the payload decoder's
   * use of `paddingStart`).
   */
  private forgivePadding(line: Buffer, kind: string): Buffer {
    const end = paddingStart(line);
    if (end < line.length) this.recordPadding(kind, line.subarray(0, end), line.subarray(end));
    return line.subarray(0, end);
  }

  private recordPadding(kind: string, content: Buffer | string, padding: Buffer): void {
    this.paddedLineCount++;
    if (this.paddedLines.length >= MAX_PADDED_RECORDS) return;
    const bytes = typeof content === 'string' ? Buffer.from(content, 'latin1') : content;
    const truncated = bytes.length > PADDED_CONTENT_BYTES;
    this.paddedLines.push({
      client: this.label,
      kind,
      content: Buffer.from(truncated ? bytes.subarray(-PADDED_CONTENT_BYTES) : bytes),
      truncated,
      padding: Buffer.from(padding),
    });
  }

  /** Read a status line: `<digits> <text>\r\n`. A request that takes long to process may allow more than the usual timeout. */
  async readStatus(timeoutMs = this.timeoutMs): Promise<StatusLine> {
    const line = await this.readRawLine('a status line', this.maxLineBytes, timeoutMs);
    const status = parseStatusLine(this.forgivePadding(line, 'status line'));
    if (!status) {
      throw new ProtocolViolation('a status line', `"${escapeBytes(line)}\\r\\n" is not of the form <digits> <text>\\r\\n`);
    }
    return status;
  }

  /** Read the body of a get_metadata answer: the size in decimal, on its own line. */
  async readSize(): Promise<number> {
    const raw = await this.readRawLine('the size line of get_metadata', this.maxLineBytes, this.timeoutMs);
    const line = this.forgivePadding(raw, 'size line');
    if (!/^[0-9]+$/.test(line.toString('latin1'))) {
      throw new ProtocolViolation('the size line', `"${escapeBytes(raw)}\\r\\n" is not a decimal size`);
    }
    return Number(line.toString('latin1'));
  }

  /** Read the body of a listing: one name per line, up to the empty line. */
  async readListing(maxNames = 100_000): Promise<string[]> {
    const names: string[] = [];
    for (;;) {
      let line: Buffer;
      try {
        line = await this.readLine('a listing line (a file name, or the empty line that ends the listing)', this.maxLineBytes, this.timeoutMs, 'listing line');
      } catch (error) {
        if (!(error instanceof ReadTimeout) || names.length === 0) throw error;
        const after = `after ${names.length} name${names.length === 1 ? '' : 's'}`;
        throw new ReadTimeout('the next name or the empty line that ends the listing', error.timeoutMs, error.partial, after);
      }
      if (line.length === 0) return names;
      if (names.length >= maxNames) throw new ProtocolViolation('the listing', `more than ${maxNames} names`);
      names.push(line.toString('latin1'));
    }
  }

  /**
   * Read a base64 payload of `size` decoded bytes: one line, or several lines each padded on
   * its own, whose decoded bytes add up to `size`. Decoded as it arrives, so the encoded text
   * is never held whole; anything that is not base64, or more than `size` bytes, fails at once.
   */
  async readPayload(size: number): Promise<Payload> {
    if (size === 0) {
      const line = await this.readLine('the payload line (empty, for SIZE 0)', this.maxLineBytes, this.timeoutMs, 'payload line');
      if (line.length) throw new ProtocolViolation('the payload', `expected an empty line for SIZE 0, got "${escapeBytes(line)}"`);
      return { bytes: Buffer.alloc(0), lines: 1 };
    }
    const out = Buffer.alloc(size);
    let decoded = 0;
    let lines = 0;
    while (decoded < size) {
      decoded += await this.readPayloadLine(out, decoded, size, ++lines);
    }
    return { bytes: out, lines };
  }

  /**
   * Decode one payload line into `out` at `at`; returns the bytes it decoded. Spaces and tabs
   * may end the line (they are held back until the line end shows they were the last).
   */
  private async readPayloadLine(out: Buffer, at: number, size: number, lineNumber: number): Promise<number> {
    let carry = ''; // fewer than 4 characters waiting for the rest of their group
    let written = 0;
    let padded = false;
    let held = 0; // spaces and tabs at the front of the buffer, waiting for what follows them
    let tail = ''; // the last characters of the line, for the record of a padded line
    for (;;) {
      const awaited = `payload line ${lineNumber} (base64 of ${size - at - written} more of the ${size} bytes)`;
      try {
        await this.waitUntil(awaited, this.timeoutMs, () => this.buffer.length > held);
      } catch (error) {
        // Decoded bytes are consumed as they come: report them as what did arrive.
        if (error instanceof ReadTimeout) throw new ReadTimeout(awaited, error.timeoutMs, error.partial, `after ${at + written} of ${size} bytes`);
        throw error;
      }
      const view = this.buffer.peek();
      const cr = view.indexOf(CR);
      const lf = view.indexOf(LF);
      const n = cr === -1 ? (lf === -1 ? view.length : lf) : lf === -1 ? cr : Math.min(cr, lf);
      const ended = n < view.length; // a CR or LF ends the line
      // Trailing spaces and tabs are padding if the line ends right after them: until then
      // they are held back, not decoded. Held ones followed by more text are out of place.
      const body = paddingStart(view.subarray(0, n));
      const text = view.subarray(0, body).toString('latin1');
      // After a padded group the line must end: any character there is out of place.
      const bad = padded ? (text.length ? 0 : -1) : text.search(NOT_BASE64);
      if (bad !== -1) {
        throw new ProtocolViolation(awaited, `not base64 at character ${carry.length + bad}: "${escapeBytes(view.subarray(bad, bad + 40))}"`);
      }
      if (!ended && n - body > this.maxLineBytes) {
        throw new ProtocolViolation(awaited, `more than ${this.maxLineBytes} spaces and tabs, and no end of line`);
      }
      const chars = carry + text;
      const whole = chars.length - (chars.length % 4);
      const groups = chars.slice(0, whole);
      carry = chars.slice(whole);
      const padAt = groups.indexOf('=');
      if (padAt !== -1) {
        // Padding may only end the line: "xx==" or "xxx=" as its last group.
        if (padAt < groups.length - 2 || carry.length > 0 || !/^[^=]*={1,2}$/.test(groups.slice(-4))) {
          throw new ProtocolViolation(awaited, `misplaced '=' padding in "${groups.slice(Math.max(0, padAt - 8), padAt + 8)}"`);
        }
        padded = true;
      }
      const bytes = Buffer.from(groups, 'base64');
      if (at + written + bytes.length > size) {
        throw new ProtocolViolation('the payload', `decodes to more than the ${size} bytes asked for`);
      }
      bytes.copy(out, at + written);
      written += bytes.length;
      tail = (tail + text.slice(-PADDED_CONTENT_BYTES - 1)).slice(-PADDED_CONTENT_BYTES - 1);
      if (!ended) {
        this.buffer.skip(body);
        held = n - body;
        continue;
      }
      const padding = Buffer.from(view.subarray(body, n)); // a copy: the view ends at the next append
      this.buffer.skip(n);
      await this.expectEndOfLine(`the end of payload line ${lineNumber}`);
      if (carry.length) throw new ProtocolViolation('the payload', `line ${lineNumber} has a length that is not a multiple of 4 (unpadded base64)`);
      if (written === 0) throw new ProtocolViolation('the payload', `line ${lineNumber} is empty, and only ${at} of ${size} bytes had arrived`);
      if (padding.length) this.recordPadding(`payload line ${lineNumber}`, tail, padding);
      return written;
    }
  }

  private async expectEndOfLine(awaited: string): Promise<void> {
    await this.waitUntil(awaited, this.timeoutMs, () => this.buffer.length >= 2 || (this.buffer.length === 1 && this.buffer.peek(1)[0] === LF));
    const eol = this.buffer.peek(2);
    if (eol[0] !== CR || eol[1] !== LF) {
      throw new ProtocolViolation(awaited, `line not ended by CR LF: "${escapeBytes(eol)}"`);
    }
    this.buffer.skip(2);
  }

  /** Read exactly `count` bytes (raw slices). */
  async readBytes(count: number, awaited = `${count} bytes`): Promise<Buffer> {
    await this.waitUntil(awaited, this.timeoutMs, () => this.buffer.length >= count);
    return this.buffer.take(count);
  }

  /**
   * Assert the server closes the connection within `withinMs` without sending anything else.
   * A reset counts as a close.
   */
  async expectClose(withinMs: number): Promise<CloseKind> {
    const deadline = performance.now() + withinMs;
    for (;;) {
      if (this.buffer.length) {
        throw new ProtocolViolation('the close', `the server sent more bytes instead: "${this.preview()}"`);
      }
      if (this.closedBy) return this.closedBy;
      const left = deadline - performance.now();
      if (left <= 0 || !(await this.nextEvent(left))) {
        throw new ProtocolViolation('the close', `the connection was still open ${Math.round(withinMs)} ms later`);
      }
    }
  }

  /**
   * Assert nothing arrives for `ms`. Closing meanwhile is not a byte: it is allowed here, and
   * reported by the return value.
   */
  async expectSilence(ms: number): Promise<CloseKind | null> {
    const deadline = performance.now() + ms;
    for (;;) {
      if (this.buffer.length) {
        throw new ProtocolViolation('silence', `the server sent "${this.preview()}"`);
      }
      const left = deadline - performance.now();
      if (this.closedBy || left <= 0) return this.closedBy;
      await this.nextEvent(left);
    }
  }

  /**
   * Leave as a good client does, so that a server whose workers are freed only by `quit`
   * gets its worker back: finish a half-sent line, send `quit`, and wait (at most `waitMs`,
   * discarding whatever still arrives) for the server to close; then close.
   *
   *     ...get_meta  ->  "\r\n" "quit\r\n"  ->  (answers, "0 OK\r\n")  <- close
   */
  async leave(waitMs: number): Promise<void> {
    if (!this.closedBy && !this.closedHere && !this.socket.destroyed) {
      this.transcript.event(this.label, 'the suite leaves: quit');
      const finish = this.lastSent === null || this.lastSent === LF ? '' : '\r\n';
      this.socket.write(`${finish}quit\r\n`, 'latin1', () => undefined);
      const deadline = performance.now() + waitMs;
      while (!this.closedBy) {
        this.buffer.take(this.buffer.length);
        const left = deadline - performance.now();
        if (left <= 0 || !(await this.nextEvent(left))) break;
      }
    }
    this.close();
  }

  /** Close our side politely (FIN). */
  close(): void {
    if (!this.socket.destroyed) this.transcript.event(this.label, 'the client closed the connection');
    this.closedHere = true;
    this.socket.destroy();
    this.notify(); // a read still waiting ends now, not at its timeout
  }

  /** Abort the connection with a TCP reset (RST), as a crashing client would. */
  reset(): void {
    if (!this.socket.destroyed) this.transcript.event(this.label, 'the client reset the connection');
    this.closedHere = true;
    this.socket.resetAndDestroy();
    this.notify();
  }

  /**
   * Resolve once `ready()` holds. Throws PeerClosed if the server closes first, ReadTimeout
   * if no byte arrives for `timeoutMs` (every byte that arrives restarts the wait).
   */
  private async waitUntil(awaited: string, timeoutMs: number, ready: () => boolean): Promise<void> {
    while (!ready()) {
      if (this.closedHere) throw new ClosedHere(awaited);
      if (this.closedBy) throw new PeerClosed(awaited, this.closedBy, this.buffer.peek(256));
      if (!(await this.nextEvent(timeoutMs))) {
        this.transcript.event(this.label, `waited ${timeoutMs} ms for ${awaited}: nothing more came`);
        throw new ReadTimeout(awaited, timeoutMs, this.buffer.peek(256));
      }
    }
  }

  /** Wait for data or a close; false on timeout. */
  private nextEvent(timeoutMs: number): Promise<boolean> {
    if (this.socket.isPaused() && !this.closedBy) this.socket.resume();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve(false);
      }, timeoutMs);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve(true);
      };
    });
  }

  private notify(): void {
    this.wake?.();
  }

  private peerClosed(how: CloseKind, code?: string): void {
    if (this.closedBy) return;
    this.closedBy = how;
    if (this.closedHere) return;
    this.transcript.event(this.label, how === 'reset' ? `connection reset (${code ?? 'error'})` : 'closed by the server (EOF)');
    this.notify();
  }

  private preview(): string {
    const bytes = this.buffer.peek(200);
    return escapeBytes(bytes) + (this.buffer.length > bytes.length ? `... (${this.buffer.length} bytes)` : '');
  }
}
