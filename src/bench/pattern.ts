import { createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { finished } from 'node:stream/promises';
import type { Fixture } from '../fixtures/fixture-set';

/**
 * The bench's generated files.
 *
 * The big file: byte i is (i * 7 + (i >> 16)) & 255. Within one 64 KiB block k the bytes are
 * (7 j + k) & 255, and since 7 * 183 = 1281 = 1 (mod 256), that is the row (7 j') & 255 taken
 * from j' = j + 183 k (mod 256): every block is a window of one small table. So the file is
 * written, and received bytes are checked, with memcpy and memcmp only, at any size and
 * without computing a byte at a time.
 *
 * The slow-reader file: zeros, made sparse (truncate), so a 1 GiB file costs no disk and no
 * time to write. Its base64 is "AAAA...".
 */
export const PATTERN_BLOCK = 64 * 1024;
const INVERSE_OF_7 = 183;
const TABLE = Buffer.alloc(PATTERN_BLOCK + 256);
for (let j = 0; j < TABLE.length; j++) TABLE[j] = (j * 7) & 255;

const MIB = 1024 * 1024;

/** Byte `i` of the big file (the definition; the table is the fast way to the same bytes). */
export function patternByte(i: number): number {
  return (i * 7 + Math.floor(i / PATTERN_BLOCK)) & 255;
}

/**
 * The file's bytes from `position` up to the end of its 64 KiB block (at most `max`): a view
 * into the table, never to be written to.
 */
export function patternView(position: number, max: number): Buffer {
  const block = Math.floor(position / PATTERN_BLOCK);
  const within = position - block * PATTERN_BLOCK;
  const start = ((block * INVERSE_OF_7) & 255) + within;
  return TABLE.subarray(start, start + Math.min(max, PATTERN_BLOCK - within));
}

/** Index in `bytes` of the first byte that differs from the file at `position`, or -1. */
export function patternMismatch(position: number, bytes: Uint8Array): number {
  let done = 0;
  while (done < bytes.length) {
    const expected = patternView(position + done, bytes.length - done);
    const received = bytes.subarray(done, done + expected.length);
    if (!expected.equals(received)) {
      for (let i = 0; i < expected.length; i++) if (expected[i] !== received[i]) return done + i;
    }
    done += expected.length;
  }
  return -1;
}

/** Index in `bytes` of the first byte that is not zero, or -1 (the slow-reader file). */
export function zeroMismatch(_position: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return i;
  return -1;
}

export const bigFileName = (mib: number) => `bench${mib}M.bin`;
export const slowFileName = (mib: number) => `slow${mib}M.bin`;

/** The big file as a fixture (so the preflight can check a served copy's size). */
export function bigFile(mib: number): Fixture {
  const size = mib * MIB;
  return {
    name: bigFileName(mib),
    size,
    description: `the bench's ${mib} MiB pattern file`,
    bytes: (offset = 0, length = size - offset) => {
      const out = Buffer.alloc(length);
      for (let done = 0; done < length; ) done += patternView(offset + done, length - done).copy(out, done);
      return out;
    },
    writeTo: (directory) => writePattern(path.join(directory, bigFileName(mib)), size),
  };
}

/** The slow-reader file: `mib` MiB of zeros, sparse. */
export function slowFile(mib: number): Fixture {
  const size = mib * MIB;
  return {
    name: slowFileName(mib),
    size,
    description: `${mib} MiB of zeros, for the bench's slow reader`,
    bytes: (offset = 0, length = size - offset) => Buffer.alloc(length),
    writeTo: async (directory) => {
      const file = path.join(directory, slowFileName(mib));
      await fs.writeFile(file, '');
      await fs.truncate(file, size);
    },
  };
}

/** Write the big file's first `size` bytes with a streaming writer (1 MiB at a time, with backpressure). */
export async function writePattern(file: string, size: number): Promise<void> {
  const out = createWriteStream(file, { highWaterMark: 4 * MIB });
  for (let at = 0; at < size; ) {
    const length = Math.min(MIB, size - at);
    // A fresh buffer per write: the stream keeps each one until it is flushed.
    const chunk = Buffer.allocUnsafe(length);
    for (let done = 0; done < length; ) done += patternView(at + done, length - done).copy(chunk, done);
    at += length;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end();
  await finished(out);
}
