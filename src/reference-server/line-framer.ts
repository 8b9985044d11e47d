import { CR, LF } from '../protocol/wire';

/**
 * Incremental, byte-level request framing.
 *
 * Bytes arrive in arbitrary pieces; `push` returns the frames they complete. A request ends
 * at CR LF, wherever the TCP segments split it:
 *
 *     "get_meta" | "data archivo.txt\r" | "\n"   ->  line "get_metadata archivo.txt"
 *
 * A LF with no CR before it, or a CR followed by anything but LF, is a bad end of line. It
 * is reported the moment the offending byte arrives, without waiting for a CR LF that may
 * never come (`quit\n` alone gets its 100 at once):
 *
 *     "qui\nt\n\r\n"  ->  bad-eol (at the first \n)
 *
 * Memory is bounded whatever the line length: the framer keeps at most `maxKeptBytes` of a
 * line and only counts the rest (a 5 MiB file name is drained, not stored); a line that grows
 * past `maxLineBytes` without a terminator is reported as too long.
 *
 * After `bad-eol` or `too-long` the framer is spent: the connection is about to close, and
 * nothing after the error can be framed reliably.
 */
export type Frame =
  | {
      kind: 'line';
      /** The line without its CR LF, cut to `maxKeptBytes`. */
      bytes: Buffer;
      /** The length of the whole line as received (more than `bytes.length` if cut). */
      length: number;
      /** Some byte of the line (kept or not) is above 0x7f, so the request is not ASCII. */
      nonAscii: boolean;
    }
  | { kind: 'bad-eol' }
  | { kind: 'too-long'; length: number };

export interface FramerLimits {
  maxKeptBytes: number;
  maxLineBytes: number;
}

export const DEFAULT_FRAMER_LIMITS: FramerLimits = {
  // Longest meaningful request: "get_slice " + a 255-byte name + two 20-digit numbers + " raw".
  maxKeptBytes: 4096,
  // Past the course's 5 MiB file name with room to spare; a line longer than this is an attack.
  maxLineBytes: 16 * 1024 * 1024,
};

export class LineFramer {
  private kept: Buffer[] = [];
  private keptBytes = 0;
  private length = 0;
  private nonAscii = false;
  /** The last byte seen was a CR whose LF has not arrived yet. */
  private pendingCR = false;
  private spent = false;

  constructor(private readonly limits: FramerLimits = DEFAULT_FRAMER_LIMITS) {}

  /** Feed the next bytes received; returns the frames they complete, in order. */
  push(chunk: Buffer): Frame[] {
    const frames: Frame[] = [];
    let start = 0;
    while (!this.spent && start <= chunk.length) {
      if (this.pendingCR) {
        if (start === chunk.length) break;
        this.pendingCR = false;
        if (chunk[start] !== LF) {
          this.fail(frames, { kind: 'bad-eol' });
          break;
        }
        frames.push(this.takeLine());
        start += 1;
        continue;
      }
      const end = nextTerminatorByte(chunk, start);
      if (!this.append(chunk, start, end === -1 ? chunk.length : end, frames)) break;
      if (end === -1) break;
      if (chunk[end] === LF) {
        // A LF that did not follow a CR.
        this.fail(frames, { kind: 'bad-eol' });
        break;
      }
      this.pendingCR = true;
      start = end + 1;
    }
    return frames;
  }

  /** Bytes of the current, unfinished line (for tests and diagnostics). */
  get pendingLength(): number {
    return this.length;
  }

  private append(chunk: Buffer, from: number, to: number, frames: Frame[]): boolean {
    if (to <= from) return true;
    this.length += to - from;
    if (this.length > this.limits.maxLineBytes) {
      this.fail(frames, { kind: 'too-long', length: this.length });
      return false;
    }
    const room = this.limits.maxKeptBytes - this.keptBytes;
    if (room > 0) {
      const piece = Buffer.from(chunk.subarray(from, Math.min(to, from + room)));
      this.kept.push(piece);
      this.keptBytes += piece.length;
    }
    if (!this.nonAscii) {
      for (let i = from; i < to; i++) {
        if (chunk[i] > 0x7f) {
          this.nonAscii = true;
          break;
        }
      }
    }
    return true;
  }

  private takeLine(): Frame {
    const frame: Frame = {
      kind: 'line',
      bytes: this.kept.length === 1 ? this.kept[0] : Buffer.concat(this.kept),
      length: this.length,
      nonAscii: this.nonAscii,
    };
    this.kept = [];
    this.keptBytes = 0;
    this.length = 0;
    this.nonAscii = false;
    return frame;
  }

  private fail(frames: Frame[], frame: Frame): void {
    this.spent = true;
    this.kept = [];
    frames.push(frame);
  }
}

/** Index of the first CR or LF at or after `from`, or -1. */
function nextTerminatorByte(chunk: Buffer, from: number): number {
  const cr = chunk.indexOf(CR, from);
  const lf = chunk.indexOf(LF, from);
  if (cr === -1) return lf;
  if (lf === -1) return cr;
  return Math.min(cr, lf);
}
