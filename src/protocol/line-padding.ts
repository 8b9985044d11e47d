import { escapeBytes } from './escape';

/*
 * Spaces and tabs before a CR LF. The course's client strips every line it reads, and its
 * base64 decoder skips bytes outside the alphabet, so "0 OK \r\n", "41 \r\n", "bar \r\n" and
 * "Y2Fs \r\n" all pass the course's tests. The must rules forgive them (the response parser
 * strips them from every line, with `paddingStart`); the connection records each such line, and
 * STATUS-7 (should) reports them. Only SP and HT are forgiven: a CR, a NUL or any other byte
 * before the CR LF is part of the line and judged as such.
 */

const SP = 0x20;
const HT = 0x09;

/**
 * Where the trailing spaces and tabs of `line` (received without its CR LF) begin: the
 * length of the line's content. `line.length` when there are none; 0 for a line of only
 * spaces and tabs.
 */
export function paddingStart(line: Uint8Array): number {
  let end = line.length;
  while (end > 0 && (line[end - 1] === SP || line[end - 1] === HT)) end--;
  return end;
}

/** A line split into its content and the spaces and tabs sent after it, before the CR LF. */
export function splitPadding(line: Buffer): { content: Buffer; padding: Buffer } {
  const end = paddingStart(line);
  return { content: line.subarray(0, end), padding: line.subarray(end) };
}

/** A line the server padded, as HftpConnection records it. */
export interface PaddedLine {
  /** The connection's name in the transcript ("A", "B", ...). */
  client: string;
  /** What the line was read as: "status line", "size line", "listing line", "payload line 2", "line". */
  kind: string;
  /** The line's content before its padding; of a long line, only its last bytes. */
  content: Buffer;
  /** Whether `content` is only the end of the line. */
  truncated: boolean;
  /** The spaces and tabs between the content and the CR LF. */
  padding: Buffer;
}

/** The longest content kept for the record of a padded line. */
export const PADDED_CONTENT_BYTES = 40;

/** How many padded lines a connection keeps a record of (it counts them all). */
const MAX_PADDED_RECORDS = 100;

/** The padded lines of one connection: the first 100 kept, all counted. */
export class PaddedLineLog {
  readonly lines: PaddedLine[] = [];
  count = 0;

  constructor(private readonly client: string) {}

  /** A line the response parser forgave: `content` (of a long line, its end) and its padding. */
  record(kind: string, content: Buffer, padding: Buffer): void {
    this.count++;
    if (this.lines.length >= MAX_PADDED_RECORDS) return;
    const truncated = content.length > PADDED_CONTENT_BYTES;
    const kept = truncated ? content.subarray(-PADDED_CONTENT_BYTES) : content;
    this.lines.push({ client: this.client, kind, content: Buffer.from(kept), truncated, padding: Buffer.from(padding) });
  }
}

/** `client A: the status line "0 OK \r\n" (1 space before the CR LF)` */
export function describePaddedLine(line: PaddedLine): string {
  return `client ${line.client}: the ${line.kind} "${line.truncated ? '...' : ''}${escapeBytes(line.content)}${escapeBytes(line.padding)}\\r\\n" (${describePadding(line.padding)} before the CR LF)`;
}

/** "1 space", "2 spaces and 1 tab", "3 tabs". */
export function describePadding(padding: Uint8Array): string {
  let spaces = 0;
  let tabs = 0;
  for (const byte of padding) {
    if (byte === SP) spaces++;
    else if (byte === HT) tabs++;
  }
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [spaces ? count(spaces, 'space') : '', tabs ? count(tabs, 'tab') : ''].filter(Boolean).join(' and ') || 'nothing';
}
