import { unescapeBytes } from '../client/escape';
import { CLIENT_CLOSED_NOTE, CLIENT_RESET_NOTE, CONNECTED_NOTE, type TranscriptData } from '../client/transcript';

/*
 * What a reproducer sends, as data: the scenario's connections, sends, pauses, closes and
 * resets, read back from its transcript (or built by the fuzzing steps), with long runs of
 * one byte kept as repetitions so that a 5 MiB line is a few pieces, not 5 MiB of text.
 */

/** Bytes as pieces: literal bytes, or one unit repeated (a 5 MiB file name is a few pieces). */
export type Piece = { bytes: Buffer } | { unit: Buffer; count: number };

export interface ReproStep {
  client: string;
  action: 'connect' | 'send' | 'close' | 'reset';
  /** For send: the bytes, as pieces. */
  pieces?: Piece[];
  /** Milliseconds since the start (pauses are the gaps between steps). */
  atMs: number;
}

/** How many bytes pieces stand for. */
export const pieceLength = (pieces: Piece[]) =>
  pieces.reduce((sum, piece) => sum + ('bytes' in piece ? piece.bytes.length : piece.unit.length * piece.count), 0);

/** Long runs of one byte inside recorded bytes become a repetition. */
const RUN_AT_LEAST = 16;

/** The steps of a scenario, from its transcript: connections, sends (long ones rebuilt from their pattern), closes and resets. */
export function stepsFromTranscript(transcript: TranscriptData): { steps: ReproStep[]; caveats: string[] } {
  const steps: ReproStep[] = [];
  const caveats: string[] = [];
  const open = new Set<string>();
  if (transcript.elided > 0)
    caveats.push(
      `the transcript kept only its first and last entries (${transcript.elided} in the middle were left out), so this reproducer sends only what was kept`,
    );
  for (const entry of transcript.entries) {
    if (entry.client === 'probe' || entry.client === 'preflight') continue;
    if (entry.direction === 'event') {
      const note = entry.note ?? '';
      if (note.startsWith(CONNECTED_NOTE)) {
        steps.push({ client: entry.client, action: 'connect', atMs: entry.atMs });
        open.add(entry.client);
      } else if (note === CLIENT_CLOSED_NOTE && open.has(entry.client)) {
        steps.push({ client: entry.client, action: 'close', atMs: entry.atMs });
        open.delete(entry.client);
      } else if (note === CLIENT_RESET_NOTE && open.has(entry.client)) {
        steps.push({ client: entry.client, action: 'reset', atMs: entry.atMs });
        open.delete(entry.client);
      }
      continue;
    }
    if (entry.direction !== 'sent') continue;
    if (!open.has(entry.client)) {
      steps.push({ client: entry.client, action: 'connect', atMs: entry.atMs });
      open.add(entry.client);
    }
    const head = unescapeBytes(entry.head);
    if (entry.omitted === 0) {
      // Sends close in time share an entry; they go out as the same pieces, with the same pauses.
      const starts = [{ offset: 0, atMs: entry.atMs }, ...(entry.pieces ?? [])];
      starts.forEach((start, i) => {
        const bytes = head.subarray(start.offset, starts[i + 1]?.offset ?? head.length);
        if (bytes.length) steps.push({ client: entry.client, action: 'send', pieces: compress([{ bytes }]), atMs: start.atMs });
      });
      continue;
    }
    const tail = unescapeBytes(entry.tail);
    const unit = repeatedUnit(head, tail);
    if (unit) {
      steps.push({
        client: entry.client,
        action: 'send',
        pieces: compress([{ bytes: head }, { unit, count: entry.omitted / unit.length }, { bytes: tail }]),
        atMs: entry.atMs,
      });
    } else {
      caveats.push(
        `${entry.omitted} bytes sent by client ${entry.client} were not recorded (only the first ${head.length} and the last ${tail.length}) and are no repetition: this reproducer sends zero bytes ("\\0") in their place`,
      );
      steps.push({
        client: entry.client,
        action: 'send',
        pieces: compress([{ bytes: head }, { unit: Buffer.from([0]), count: entry.omitted }, { bytes: tail }]),
        atMs: entry.atMs,
      });
    }
  }
  return { steps, caveats };
}

/**
 * The unit that repeats across the omitted middle of a long entry: the end of the head and
 * the start of the tail must both be that unit repeated, in phase. Null if none (1 to 16 bytes).
 */
export function repeatedUnit(head: Buffer, tail: Buffer): Buffer | null {
  for (let size = 1; size <= 16 && size * 2 <= head.length; size++) {
    const unit = head.subarray(head.length - size);
    let periodic = true;
    for (let i = head.length - 2 * size; i < head.length; i++) if (head[i] !== unit[(i - (head.length - 2 * size)) % size]) periodic = false;
    if (!periodic) continue;
    // The tail starts in phase if the omitted length is a multiple of the unit (checked by the caller's count).
    const check = Math.min(tail.length, size * 2);
    if (check < size) continue;
    let matches = true;
    for (let i = 0; i < check; i++) if (tail[i] !== unit[i % size]) matches = false;
    if (matches) return Buffer.from(unit);
  }
  return null;
}

/** Literal runs of one byte become repetitions; neighbouring repetitions of the same unit merge. */
export function compress(pieces: Piece[]): Piece[] {
  const split: Piece[] = [];
  for (const piece of pieces) {
    if (!('bytes' in piece)) {
      split.push(piece);
      continue;
    }
    const bytes = piece.bytes;
    let start = 0;
    let i = 0;
    while (i < bytes.length) {
      let j = i;
      while (j < bytes.length && bytes[j] === bytes[i]) j++;
      if (j - i >= RUN_AT_LEAST) {
        if (i > start) split.push({ bytes: bytes.subarray(start, i) });
        split.push({ unit: bytes.subarray(i, i + 1), count: j - i });
        start = j;
      }
      i = j;
    }
    if (start < bytes.length) split.push({ bytes: bytes.subarray(start) });
  }
  const merged: Piece[] = [];
  for (const piece of split) {
    const last = merged[merged.length - 1];
    if (last && 'unit' in last && 'unit' in piece && last.unit.equals(piece.unit)) last.count += piece.count;
    else if (last && 'bytes' in last && 'bytes' in piece) merged[merged.length - 1] = { bytes: Buffer.concat([last.bytes, piece.bytes]) };
    else if ('unit' in piece) merged.push({ unit: piece.unit, count: piece.count });
    else merged.push(piece);
  }
  // A repetition of a multi-byte unit that is a repetition of one byte reads better as that byte.
  return merged.map((piece) =>
    'unit' in piece && piece.unit.length > 1 && piece.unit.every((b) => b === piece.unit[0])
      ? { unit: piece.unit.subarray(0, 1), count: piece.count * piece.unit.length }
      : piece,
  );
}
