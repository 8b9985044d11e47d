import type * as net from 'node:net';
import { escapeBytes } from '../protocol/escape';
import { type PaddedLine, PaddedLineLog } from '../protocol/line-padding';
import { type Expectation, type ResponseMessage, ResponseParseError, ResponseParser } from '../protocol/response-parser';
import type { StatusLine } from '../protocol/status-line';
import { ClosedHere, PeerClosed, ProtocolViolation, ReadTimeout, type CloseKind } from './errors';
import { openSocket, writeWatched } from './socket-io';
import { CONNECTED_NOTE, Transcript } from './transcript';
import { WatchedSocket } from './watched-socket';

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

/** A base64 payload as received: the decoded bytes and how many lines carried them. */
export interface Payload {
  bytes: Buffer;
  lines: number;
}

/** How much a leaving client drains while it waits for the close. */
const LEAVE_DRAIN_BYTES = 1024 * 1024;

const NO_BYTES = Buffer.alloc(0);

/** A last request `quit`, after the LF that ended the one before it (or the start of the connection). */
const QUIT_LINE = '\nquit\r\n';

/**
 * One client connection to an HFTP server, with reads that never wait blindly: each read
 * names what it awaits and fails with a ReadTimeout after `timeoutMs` without progress, a
 * PeerClosed if the server goes away first, or a ProtocolViolation if the bytes cannot be
 * what was awaited. Every byte is recorded in the transcript.
 *
 * The grammar (what a status line, a listing or a payload is, and what is forgiven) is the
 * ResponseParser's: this class adds the socket, the deadlines and the transcript.
 */
export class HftpConnection {
  readonly label: string;
  readonly transcript: Transcript;
  readonly timeoutMs: number;
  private readonly parser: ResponseParser;
  private readonly maxBufferedBytes: number;
  /** The messages of the read in progress go here. */
  private onMessage: ((message: ResponseMessage) => void) | null = null;
  /** The bytes of the read in progress cannot be what it awaits. */
  private failure: ProtocolViolation | null = null;
  private readonly socket: WatchedSocket;
  /**
   * Lines the server sent with spaces or tabs before their CR LF (the first 100): every read
   * forgives them, as the course's client does, and records them here for STATUS-7.
   */
  readonly paddedLines: PaddedLine[];
  private readonly padded: PaddedLineLog;
  /**
   * The last bytes sent (at most QUIT_LINE's 7), after a LF standing for the start of the
   * connection, across sends (a request may go in pieces): a request is complete when they
   * end with LF, and the last one was `quit` when they end with QUIT_LINE.
   */
  private sentTail = '\n';

  private constructor(socket: net.Socket, options: ConnectOptions) {
    this.label = options.label ?? 'A';
    this.padded = new PaddedLineLog(this.label);
    this.paddedLines = this.padded.lines;
    this.transcript = options.transcript ?? new Transcript();
    this.timeoutMs = options.timeoutMs ?? 2000;
    this.maxBufferedBytes = options.maxBufferedBytes ?? 1024 * 1024;
    this.parser = new ResponseParser({ maxLineBytes: options.maxLineBytes });
    this.socket = new WatchedSocket(socket, this.label, this.transcript, (chunk) => {
      this.parse(chunk);
      return this.parser.unread >= this.maxBufferedBytes;
    });
  }

  /** Open a TCP connection, failing with a clear message if the target is not there. */
  static async connect(options: ConnectOptions): Promise<HftpConnection> {
    const transcript = options.transcript ?? new Transcript();
    const label = options.label ?? 'A';
    const timeoutMs = options.timeoutMs ?? 2000;
    const socket = await openSocket(options.host, options.port, timeoutMs);
    transcript.event(label, `${CONNECTED_NOTE} ${options.host}:${options.port}`);
    return new HftpConnection(socket, { ...options, transcript, label, timeoutMs });
  }

  /** How many padded lines there were in all. */
  get paddedLineCount(): number {
    return this.padded.count;
  }

  /** Whether the server has closed or reset the connection (as far as seen so far). */
  get closed(): CloseKind | null {
    return this.socket.closedBy;
  }

  /** Bytes received and not read yet. */
  get unread(): number {
    return this.parser.unread;
  }

  /** Up to `count` of the bytes received and not read yet, left unread. */
  peek(count = this.parser.unread): Buffer {
    return Buffer.from(this.parser.peek(count));
  }

  /**
   * Send bytes exactly as given; resolves once the kernel has taken them. A server that
   * stops reading (so the bytes stop draining) fails the send after `timeoutMs` without
   * progress, instead of blocking the step.
   */
  send(data: Buffer | string): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    this.transcript.record(this.label, 'sent', bytes);
    const tail = bytes.toString('latin1', Math.max(0, bytes.length - QUIT_LINE.length));
    this.sentTail = (this.sentTail + tail).slice(-QUIT_LINE.length);
    return writeWatched(this.socket.raw, bytes, this.timeoutMs, (pending) => {
      this.transcript.event(this.label, `the server stopped reading: ${pending} bytes unsent after ${this.timeoutMs} ms`);
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
  readLine(awaited = 'a line', maxBytes = this.parser.maxLineBytes, timeoutMs = this.timeoutMs, kind = 'line'): Promise<Buffer> {
    return this.read({ kind: 'line', awaited, maxBytes, label: kind }, timeoutMs, (m) => (m.kind === 'line' ? m.line : undefined));
  }

  /** Read a status line: `0 OK\r\n`, `<digits> <text>\r\n`. A request that takes long to process may allow more than the usual timeout. */
  readStatus(timeoutMs = this.timeoutMs): Promise<StatusLine> {
    return this.read({ kind: 'status' }, timeoutMs, (m) => (m.kind === 'status' ? { code: m.code, text: m.text } : undefined));
  }

  /** Read the body of a get_metadata answer: the size in decimal, on its own line (`41\r\n`). */
  readSize(): Promise<number> {
    return this.read({ kind: 'size' }, this.timeoutMs, (m) => (m.kind === 'size' ? m.size : undefined));
  }

  /** Read the body of a listing: one name per line, up to the empty line (`bar\r\nfoo\r\n\r\n`). */
  readListing(maxNames = 100_000): Promise<string[]> {
    const names: string[] = [];
    return this.read({ kind: 'listing', maxNames }, this.timeoutMs, (m) => {
      if (m.kind === 'name') names.push(m.name);
      return m.kind === 'listingEnd' ? names : undefined;
    });
  }

  /**
   * Read a base64 payload of `size` decoded bytes: one line (`YWJjZGU=\r\n`), or several lines
   * each padded on its own (`YWJj\r\nZGU=\r\n`), whose decoded bytes add up to `size`. Decoded as it arrives, so the encoded text
   * is never held whole; anything that is not base64, or more than `size` bytes, fails at once.
   */
  readPayload(size: number): Promise<Payload> {
    const out = Buffer.alloc(size);
    let decoded = 0;
    return this.read({ kind: 'base64', size }, this.timeoutMs, (m) => {
      if (m.kind === 'payloadChunk') decoded += m.bytes.copy(out, decoded);
      return m.kind === 'payloadEnd' ? { bytes: out, lines: m.lines } : undefined;
    });
  }

  /** Read exactly `count` bytes (raw slices). */
  async readBytes(count: number, awaited = `${count} bytes`): Promise<Buffer> {
    await this.waitUntil(
      () => awaited,
      this.timeoutMs,
      () => this.parser.unread >= count,
    );
    return this.parser.take(count);
  }

  /**
   * One read through the parser: tell it what comes, hand its messages to `take` until that
   * returns the result. Padding is recorded on the way.
   */
  private async read<T>(expectation: Expectation, timeoutMs: number, take: (message: ResponseMessage) => T | undefined): Promise<T> {
    let result: { value: T } | null = null;
    this.failure = null;
    this.onMessage = (message) => {
      if (message.kind === 'padding') this.padded.record(message.line, message.content, message.padding);
      else if (!result) {
        const value = take(message);
        if (value !== undefined) result = { value };
      }
    };
    try {
      this.parser.expect(expectation);
      this.parse(NO_BYTES);
      await this.waitUntil(
        () => this.parser.awaiting().awaited,
        timeoutMs,
        () => result !== null,
      );
      return (result as unknown as { value: T }).value;
    } catch (error) {
      const progress = this.parser.awaiting().progress;
      this.parser.expect(null);
      // A body read part way: say how far it got (its bytes were consumed as they came).
      if (error instanceof ReadTimeout && progress) throw new ReadTimeout(progress.awaited, error.timeoutMs, error.partial, progress.after);
      throw error;
    } finally {
      this.onMessage = null;
      this.failure = null;
    }
  }

  /** Feed the parser; a parse error fails the read in progress. */
  private parse(chunk: Buffer): void {
    try {
      this.parser.parse(chunk, (message) => this.onMessage?.(message));
    } catch (error) {
      if (!(error instanceof ResponseParseError)) throw error;
      this.failure = new ProtocolViolation(error.expected, error.message);
    }
  }

  /**
   * Assert the server closes the connection within `withinMs` without sending anything else.
   * A reset counts as a close.
   */
  async expectClose(withinMs: number): Promise<CloseKind> {
    const deadline = performance.now() + withinMs;
    for (;;) {
      if (this.parser.unread) {
        throw new ProtocolViolation('the close', `the server sent more bytes instead: "${this.preview()}"`);
      }
      if (this.socket.closedBy) return this.socket.closedBy;
      const left = deadline - performance.now();
      if (left <= 0 || !(await this.socket.nextEvent(left))) {
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
      if (this.parser.unread) {
        throw new ProtocolViolation('silence', `the server sent "${this.preview()}"`);
      }
      const left = deadline - performance.now();
      if (this.socket.closedBy || left <= 0) return this.socket.closedBy;
      await this.socket.nextEvent(left);
    }
  }

  /**
   * Leave as a good client does, so that a server whose workers are freed only by `quit`
   * gets its worker back: finish a half-sent line, send `quit` (unless the last request
   * already was), and wait (at most `waitMs`,
   * discarding whatever still arrives) for the server to close; then close.
   *
   *     ...get_meta  ->  "\r\n" "quit\r\n"  ->  (answers, "0 OK\r\n")  <- close
   */
  async leave(waitMs: number): Promise<'closed by the server' | 'left open'> {
    let outcome: 'closed by the server' | 'left open' = 'closed by the server';
    if (this.socket.open) {
      if (!this.sentTail.endsWith(QUIT_LINE)) {
        this.transcript.event(this.label, 'the suite leaves: quit');
        const finish = this.sentTail.endsWith('\n') ? '' : '\r\n';
        this.socket.raw.write(`${finish}quit\r\n`, 'latin1', () => undefined);
      }
      const deadline = performance.now() + waitMs;
      // Bytes still coming are drained (a flood stops the wait: that server will not close).
      let drained = 0;
      while (!this.socket.closedBy && drained < LEAVE_DRAIN_BYTES) {
        drained += this.parser.take(this.parser.unread).length;
        const left = deadline - performance.now();
        if (left <= 0 || !(await this.socket.nextEvent(left))) break;
      }
      if (!this.socket.closedBy) outcome = 'left open';
    }
    this.close();
    return outcome;
  }

  /** Close our side politely (FIN); a read still waiting ends now, not at its timeout. */
  close(): void {
    this.socket.close();
  }

  /** Abort the connection with a TCP reset (RST), as a crashing client would. */
  reset(): void {
    this.socket.reset();
  }

  /**
   * Resolve once `ready()` holds. Throws PeerClosed if the server closes first, ReadTimeout
   * if no byte arrives for `timeoutMs` (every byte that arrives restarts the wait).
   */
  private async waitUntil(awaited: () => string, timeoutMs: number, ready: () => boolean): Promise<void> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (ready()) return;
      if (this.socket.closedHere) throw new ClosedHere(awaited());
      if (this.socket.closedBy) throw new PeerClosed(awaited(), this.socket.closedBy, Buffer.from(this.parser.peek(256)));
      if (!(await this.socket.nextEvent(timeoutMs))) {
        this.transcript.event(this.label, `waited ${timeoutMs} ms for ${awaited()}: nothing more came`);
        throw new ReadTimeout(awaited(), timeoutMs, Buffer.from(this.parser.peek(256)));
      }
    }
  }

  private preview(): string {
    const bytes = this.parser.peek(200);
    return escapeBytes(bytes) + (this.parser.unread > bytes.length ? `... (${this.parser.unread} bytes)` : '');
  }
}
