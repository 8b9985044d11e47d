import { Base64Payload } from './base64-payload';
import { escapeBytes } from './escape';
import { splitPadding } from './line-padding';
import { ReceiveBuffer } from './receive-buffer';
import { type Awaiting, type Expectation, type ResponseMessage, ResponseParseError } from './response-messages';
import { parseStatusLine } from './status-line';
import { CR, LF } from './wire';

export * from './response-messages';

export type MessageCallback = (message: ResponseMessage) => void;

export interface ParserOptions {
  /** Longest status, size, listing or header line (default 64 KiB); also the most padding held. */
  maxLineBytes?: number;
}

/** A raw slice being read: its header line, the empty line, then `left` of `length` bytes. */
interface RawState {
  phase: 'header' | 'blank' | 'body';
  left: number;
  length: number;
}

/**
 * A pure, push-based parser of HFTP responses, in the shape of pg-protocol's
 * `Parser.parse(buffer, callback)`: no socket, no clock. Bytes go in as they arrive; it keeps
 * the unfinished ones and calls back with typed messages (`response-messages.ts`).
 *
 * HFTP responses do not say what they are, so the user tells the parser what comes next
 * (`expect`); once that is read the parser is idle again, and the bytes after it wait, unread,
 * for the next `expect` (or `take`). A callback may call `expect` to go on (after a status
 * line: the body it announces). `parse` of an empty chunk parses the bytes already held.
 *
 * The tolerances live here, and only here: spaces and tabs before any line's CR LF are
 * forgiven and reported (`padding`), and a payload may come in several lines, each padded
 * (`=`) on its own. A line longer than `maxLineBytes` is an error, not an ever-growing buffer;
 * a payload is decoded as it comes, so the encoded text is never held whole.
 */
export class ResponseParser {
  readonly maxLineBytes: number;
  private readonly buffer = new ReceiveBuffer();
  private expecting: Expectation | null = null;
  private scanned = 0; // bytes of the buffer searched for a LF already
  private names = 0;
  private base64: Base64Payload | null = null;
  private raw: RawState | null = null;
  private consumedBytes = 0;

  constructor(options: ParserOptions = {}) {
    this.maxLineBytes = options.maxLineBytes ?? 64 * 1024;
  }

  /** What is being read; null when idle. */
  get expectation(): Expectation | null {
    return this.expecting;
  }

  /** Say what comes next (null: nothing, hold the bytes). Bytes held are parsed at the next `parse`. */
  expect(expectation: Expectation | null): void {
    this.expecting = expectation;
    this.scanned = 0;
    this.names = 0;
    this.base64 = expectation?.kind === 'base64' && expectation.size > 0 ? new Base64Payload(expectation.size, this.maxLineBytes) : null;
    this.raw = expectation?.kind === 'raw' ? { phase: 'header', left: 0, length: 0 } : null;
  }

  /**
   * Take `chunk` and parse as far as the expectation goes. Throws a ResponseParseError (and
   * goes idle) when the bytes cannot be what was expected; the messages before it were given.
   */
  parse(chunk: Uint8Array, callback: MessageCallback): void {
    if (chunk.length) this.buffer.append(chunk);
    try {
      while (this.expecting && this.step(this.expecting, callback));
    } catch (error) {
      this.expect(null);
      throw error;
    }
  }

  /** Bytes received and not parsed (after the current item, or of an unfinished line). */
  get unread(): number {
    return this.buffer.length;
  }

  /** Bytes parsed and given away since the parser was made: where the last message ended. */
  get consumed(): number {
    return this.consumedBytes;
  }

  /** Up to `count` unread bytes, left unread (a view, valid until the next `parse`). */
  peek(count = this.buffer.length): Buffer {
    return this.buffer.peek(count);
  }

  /** Take `count` unread bytes as they are (exact reads: a raw body read by hand, stray bytes). */
  take(count: number): Buffer {
    const bytes = this.buffer.take(count);
    this.consumedBytes += bytes.length;
    return bytes;
  }

  /** What the parser waits for now, in words. */
  awaiting(): Awaiting {
    const e = this.expecting;
    if (!e) return { awaited: 'nothing' };
    switch (e.kind) {
      case 'status':
        return { awaited: 'a status line' };
      case 'line':
        return { awaited: e.awaited ?? 'a line' };
      case 'size':
        return { awaited: 'the size line of get_metadata' };
      case 'listing': {
        const awaited = 'a listing line (a file name, or the empty line that ends the listing)';
        if (!this.names) return { awaited };
        return {
          awaited,
          progress: { awaited: 'the next name or the empty line that ends the listing', after: `after ${this.names} name${this.names === 1 ? '' : 's'}` },
        };
      }
      case 'base64':
        return this.base64 ? this.base64.awaiting() : { awaited: 'the payload line (empty, for SIZE 0)' };
      case 'raw':
        if (this.raw?.phase === 'header') return { awaited: 'the Content-Length line of a raw slice' };
        if (this.raw?.phase === 'blank') return { awaited: 'the empty line after Content-Length' };
        return { awaited: `${this.raw?.left} more of the ${this.raw?.length} bytes of the raw slice` };
    }
  }

  /** Read one step of `e`; false when more bytes are needed. */
  private step(e: Expectation, emit: MessageCallback): boolean {
    switch (e.kind) {
      case 'status': {
        const line = this.line('a status line', this.maxLineBytes);
        if (!line) return false;
        const status = parseStatusLine(this.forgive(line, 'status line', emit));
        if (!status) throw new ResponseParseError('a status line', `"${escapeBytes(line)}\\r\\n" is not of the form <digits> <text>\\r\\n`);
        return this.done({ kind: 'status', ...status }, emit);
      }
      case 'line': {
        const line = this.line(e.awaited ?? 'a line', e.maxBytes ?? this.maxLineBytes);
        if (!line) return false;
        return this.done({ kind: 'line', line: this.forgive(line, e.label ?? 'line', emit) }, emit);
      }
      case 'size': {
        // 41\r\n
        const line = this.line('the size line of get_metadata', this.maxLineBytes);
        if (!line) return false;
        const digits = this.forgive(line, 'size line', emit).toString('latin1');
        if (!/^[0-9]+$/.test(digits)) throw new ResponseParseError('the size line', `"${escapeBytes(line)}\\r\\n" is not a decimal size`);
        return this.done({ kind: 'size', size: Number(digits) }, emit);
      }
      case 'listing': {
        // NAME\r\n ... \r\n
        const line = this.line('a listing line (a file name, or the empty line that ends the listing)', this.maxLineBytes);
        if (!line) return false;
        const name = this.forgive(line, 'listing line', emit);
        if (!name.length) return this.done({ kind: 'listingEnd', names: this.names }, emit);
        if (this.names >= (e.maxNames ?? Number.POSITIVE_INFINITY)) throw new ResponseParseError('the listing', `more than ${e.maxNames} names`);
        this.names++;
        emit({ kind: 'name', name: name.toString('latin1') });
        return true;
      }
      case 'base64':
        if (!this.base64) return this.emptyPayload(emit);
        if (!this.base64.step(this.buffer, (count) => this.skip(count), emit)) return false;
        return this.base64.lines === null || this.done({ kind: 'payloadEnd', lines: this.base64.lines }, emit);
      case 'raw':
        return this.rawSlice(emit);
    }
  }

  /** The expectation is met: go idle, then tell (the callback may expect more). */
  private done(message: ResponseMessage, emit: MessageCallback): boolean {
    this.expect(null);
    emit(message);
    return true;
  }

  /** The next line, without its CR LF; null if it has not ended yet. */
  private line(awaited: string, maxBytes: number): Buffer | null {
    const end = this.buffer.indexOf(LF, this.scanned);
    if (end === -1) {
      this.scanned = this.buffer.length;
      if (this.scanned > maxBytes) throw new ResponseParseError(awaited, `no end of line within ${maxBytes} bytes: "${this.preview()}"`);
      return null;
    }
    this.scanned = 0;
    const line = this.take(end + 1);
    if (end === 0 || line[end - 1] !== CR) throw new ResponseParseError(awaited, `line ended by a LF without CR: "${escapeBytes(line)}"`);
    return line.subarray(0, end - 1);
  }

  /** A line's content without the spaces and tabs before its CR LF, reporting them. */
  private forgive(line: Buffer, what: string, emit: MessageCallback): Buffer {
    const { content, padding } = splitPadding(line);
    if (padding.length) emit({ kind: 'padding', line: what, content, padding });
    return content;
  }

  /** SIZE 0: one empty line (`\r\n`). */
  private emptyPayload(emit: MessageCallback): boolean {
    const line = this.line('the payload line (empty, for SIZE 0)', this.maxLineBytes);
    if (!line) return false;
    const content = this.forgive(line, 'payload line', emit);
    if (content.length) throw new ResponseParseError('the payload', `expected an empty line for SIZE 0, got "${escapeBytes(content)}"`);
    return this.done({ kind: 'payloadEnd', lines: 1 }, emit);
  }

  /**
   *     Content-Length: 20\r\n
   *     \r\n
   *     calor que hace hoy,      (20 bytes as they are, no CR LF after them)
   */
  private rawSlice(emit: MessageCallback): boolean {
    const r = this.raw as RawState;
    if (r.phase === 'header') {
      const awaited = 'the Content-Length line of a raw slice';
      const line = this.line(awaited, this.maxLineBytes);
      if (!line) return false;
      const header = /^Content-Length: ([0-9]+)$/.exec(this.forgive(line, 'Content-Length line', emit).toString('latin1'));
      if (!header) throw new ResponseParseError(awaited, `"${escapeBytes(line)}\\r\\n" is not "Content-Length: SIZE\\r\\n"`);
      Object.assign(r, { phase: 'blank', left: Number(header[1]), length: Number(header[1]) });
      emit({ kind: 'rawLength', length: r.length });
      return true;
    }
    if (r.phase === 'blank') {
      const awaited = 'the empty line after Content-Length';
      const line = this.line(awaited, this.maxLineBytes);
      if (!line) return false;
      if (this.forgive(line, 'line after Content-Length', emit).length) throw new ResponseParseError(awaited, `"${escapeBytes(line)}\\r\\n" is not empty`);
      r.phase = 'body';
      return true;
    }
    if (r.left > 0) {
      if (!this.buffer.length) return false;
      const bytes = this.take(Math.min(r.left, this.buffer.length));
      r.left -= bytes.length;
      emit({ kind: 'rawChunk', bytes });
      return true;
    }
    return this.done({ kind: 'rawEnd', length: r.length }, emit);
  }

  private skip(count: number): void {
    this.buffer.skip(count);
    this.consumedBytes += count;
  }

  private preview(): string {
    const bytes = this.buffer.peek(200);
    return escapeBytes(bytes) + (this.buffer.length > bytes.length ? `... (${this.buffer.length} bytes)` : '');
  }
}
