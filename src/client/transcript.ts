import { escapeBytes } from '../protocol/escape';

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
  /** Sent entries: where each later send began (the entry merges sends close in time), and when. */
  splits?: { offset: number; at: number }[];
}

/** Sends remembered per entry at most (a reproducer re-sends the pieces with their pauses). */
const MAX_SPLITS = 300;

/**
 * The notes the client writes when it connects (followed by " HOST:PORT"), closes or resets a
 * connection. Reproducers find those steps by them (report/repro-steps.ts): reword one here only.
 */
export const CONNECTED_NOTE = 'connected to';
export const CLIENT_CLOSED_NOTE = 'the client closed the connection';
export const CLIENT_RESET_NOTE = 'the client reset the connection';

/** A transcript entry keeps its first HEAD_BYTES bytes and its last TAIL_BYTES, whatever its length. */
export const HEAD_BYTES = 200;
export const TAIL_BYTES = 80;

/** One line of the wire transcript. Bytes are escaped ("\r\n", "\x00"), head and tail of long runs. */
export interface TranscriptEntry {
  /** Milliseconds since the scenario's first connection. */
  atMs: number;
  /** The client: "A", "B", "N1", ... */
  client: string;
  direction: 'sent' | 'received' | 'event';
  /** Bytes in the entry (0 for an event). */
  length: number;
  /** The first bytes, escaped. */
  head: string;
  /** Bytes left out between head and tail (0 when the entry is short enough to keep whole). */
  omitted: number;
  /** The last bytes when some were left out, escaped ("" otherwise). */
  tail: string;
  /** For an event: what happened (connected, closed by the server, a timeout). */
  note?: string;
  /**
   * For a sent entry kept whole that merges several sends: where each send after the first
   * began (byte offset in the entry) and when, so that a reproducer sends the same pieces
   * with the same pauses.
   */
  pieces?: { offset: number; atMs: number }[];
}

export interface TranscriptData {
  entries: TranscriptEntry[];
  /** Entries left out in the middle (only the first and last are kept). */
  elided: number;
}

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
      if (direction === 'sent' && (last.splits ??= []).length < MAX_SPLITS) last.splits.push({ offset: last.length, at: now });
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
    return formatTranscript(this.toData(), indent);
  }

  /** The transcript as data, for the scenario's record. */
  toData(): TranscriptData {
    return { entries: this.entries.map(entryData), elided: this.elided };
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

function entryData(entry: Entry): TranscriptEntry {
  const common = { atMs: Math.round(entry.at * 10) / 10, client: entry.connection, direction: entry.direction, length: entry.length };
  if (entry.direction === 'event') return { ...common, head: '', omitted: 0, tail: '', note: entry.note };
  const omitted = entry.length - entry.head.length - entry.tail.length;
  return omitted > 0
    ? { ...common, head: escapeBytes(entry.head), omitted, tail: escapeBytes(entry.tail) }
    : {
        ...common,
        head: escapeBytes(entry.head) + escapeBytes(entry.tail),
        omitted: 0,
        tail: '',
        ...(entry.splits?.length ? { pieces: entry.splits.map((split) => ({ offset: split.offset, atMs: Math.round(split.at * 10) / 10 })) } : {}),
      };
}

/**
 * The transcript as text, one entry per line:
 *
 *        +0.4 ms  A  >  "get_metadata archivo.txt\r\n"
 *        +1.1 ms  A  <  "0 OK\r\n41\r\n"
 *      +302.0 ms  A  -- closed by the server (EOF)
 */
export function formatTranscript(transcript: TranscriptData, indent = '  '): string {
  const lines = transcript.entries.map((entry) => indent + formatEntry(entry));
  if (transcript.elided > 0) lines.splice(Math.ceil(lines.length / 2), 0, `${indent}... ${transcript.elided} more entries ...`);
  return lines.length ? lines.join('\n') : `${indent}(nothing was sent or received)`;
}

function formatEntry(entry: TranscriptEntry): string {
  const time = `+${entry.atMs.toFixed(1)} ms`.padStart(12);
  if (entry.direction === 'event') return `${time}  ${entry.client}  -- ${entry.note}`;
  const arrow = entry.direction === 'sent' ? '>' : '<';
  const omitted = entry.omitted > 0 ? ` ... ${entry.omitted} bytes ... "${entry.tail}"` : '';
  const size = entry.length > HEAD_BYTES ? ` (${entry.length} bytes)` : '';
  return `${time}  ${entry.client}  ${arrow}  "${entry.head}"${omitted}${size}`;
}
