import { escapeBytes } from './escape';

/** Who the bytes or the event belong to. */
export type Direction = 'sent' | 'received' | 'event';

interface Entry {
  at: number;
  connection: string;
  direction: Direction;
  /** The first bytes of the entry, kept whole. */
  head: Buffer;
  /** The last bytes past the head (a ring of TAIL_BYTES), kept when the entry is long. */
  tail: Buffer;
  length: number;
  note?: string;
}

export const HEAD_BYTES = 200;
export const TAIL_BYTES = 80;
/** Pieces that follow each other this closely in one direction read as one entry. */
const MERGE_WITHIN_MS = 20;
/** Entries printed at most: the first ones and the last ones, the middle elided. */
const MAX_ENTRIES = 120;

/**
 * Every byte sent and received in a scenario, with the time it crossed the socket, for
 * failure messages:
 *
 *        +0.0 ms  A  connected to 127.0.0.1:19500
 *        +0.4 ms  A  >  "get_metadata archivo.txt\r\n"
 *        +1.1 ms  A  <  "0 OK\r\n41\r\n"
 *      +302.0 ms  A  -- closed by the server (EOF)
 *
 * Memory is bounded: long runs of bytes keep their first and last bytes only, and only the
 * first and last entries are kept, whatever a target floods.
 */
export class Transcript {
  private readonly start = performance.now();
  private readonly entries: Entry[] = [];
  private elided = 0;
  /** Bytes received on all connections: zero means the target said nothing at all. */
  received = 0;

  record(connection: string, direction: 'sent' | 'received', bytes: Uint8Array): void {
    if (direction === 'received') this.received += bytes.length;
    const now = this.elapsed();
    const last = this.entries[this.entries.length - 1];
    if (last && last.connection === connection && last.direction === direction && now - last.at <= MERGE_WITHIN_MS) {
      append(last, bytes);
      return;
    }
    const entry: Entry = { at: now, connection, direction, head: Buffer.alloc(0), tail: Buffer.alloc(0), length: 0 };
    append(entry, bytes);
    this.push(entry);
  }

  event(connection: string, note: string): void {
    this.push({ at: this.elapsed(), connection, direction: 'event', head: Buffer.alloc(0), tail: Buffer.alloc(0), length: 0, note });
  }

  /** The transcript as text, one entry per line, bytes escaped. */
  format(indent = '  '): string {
    const lines = this.entries.map((entry) => indent + formatEntry(entry));
    if (this.elided > 0) lines.splice(MAX_ENTRIES / 2, 0, `${indent}... ${this.elided} more entries ...`);
    return lines.length ? lines.join('\n') : `${indent}(nothing was sent or received)`;
  }

  private push(entry: Entry): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) {
      // Keep the beginning (what was asked) and the end (what happened last).
      this.entries.splice(MAX_ENTRIES / 2, 1);
      this.elided++;
    }
  }

  private elapsed(): number {
    return performance.now() - this.start;
  }
}

function append(entry: Entry, bytes: Uint8Array): void {
  entry.length += bytes.length;
  const toHead = Math.min(HEAD_BYTES - entry.head.length, bytes.length);
  if (toHead > 0) entry.head = Buffer.concat([entry.head, bytes.subarray(0, toHead)]);
  if (toHead < bytes.length) {
    const rest = bytes.subarray(toHead);
    const tail = Buffer.concat([entry.tail, rest.subarray(Math.max(0, rest.length - TAIL_BYTES))]);
    entry.tail = tail.subarray(Math.max(0, tail.length - TAIL_BYTES));
  }
}

function formatEntry(entry: Entry): string {
  const time = `+${entry.at.toFixed(1)} ms`.padStart(12);
  if (entry.direction === 'event') return `${time}  ${entry.connection}  -- ${entry.note}`;
  const arrow = entry.direction === 'sent' ? '>' : '<';
  const omitted = entry.length - entry.head.length - entry.tail.length;
  const bytes =
    omitted > 0
      ? `"${escapeBytes(entry.head)}" ... ${omitted} bytes ... "${escapeBytes(entry.tail)}"`
      : `"${escapeBytes(entry.head)}${escapeBytes(entry.tail)}"`;
  const size = entry.length > HEAD_BYTES ? ` (${entry.length} bytes)` : '';
  return `${time}  ${entry.connection}  ${arrow}  ${bytes}${size}`;
}
