import type { FileHandle } from 'node:fs/promises';

/**
 * Bytes of a file range in order, read piece by piece so that a slice of any size never sits
 * in memory whole. Each piece but the last holds exactly `pieceBytes`.
 */
export async function* readRange(handle: FileHandle, offset: number, size: number, pieceBytes: number, reuse: boolean): AsyncGenerator<Buffer> {
  let position = offset;
  let remaining = size;
  let buffer = Buffer.allocUnsafe(Math.min(pieceBytes, size));
  while (remaining > 0) {
    const want = Math.min(pieceBytes, remaining);
    if (!reuse) buffer = Buffer.allocUnsafe(want);
    let filled = 0;
    while (filled < want) {
      const { bytesRead } = await handle.read(buffer, filled, want - filled, position + filled);
      if (bytesRead === 0) throw new FileShrank(position + filled);
      filled += bytesRead;
    }
    yield buffer.subarray(0, want);
    position += want;
    remaining -= want;
  }
}

/** The file got shorter between the size check and the read. */
export class FileShrank extends Error {
  constructor(at: number) {
    super(`file ended at byte ${at} while being sliced`);
  }
}

/**
 * Pieces of 3 x 64 KiB. Base64 turns every 3 bytes into 4 characters, so the encodings of
 * pieces whose lengths are multiples of 3 concatenate into the encoding of the whole slice:
 * no padding appears until the last piece.
 *
 *     bytes  [0 .. 196607] [196608 .. 393215] [393216 .. end]
 *     base64 "...(262144 chars, no '=')" "...(262144 chars)" "...==" "\r\n"
 */
export const BASE64_PIECE_BYTES = 3 * 64 * 1024;

/**
 * The base64 text of a file range, piece by piece (one line once joined; no CR LF here).
 * The read of the next piece starts before this one is handed over, so the disk works
 * while the socket drains (two pieces in flight, so no buffer is reused).
 */
export async function* base64Range(handle: FileHandle, offset: number, size: number): AsyncGenerator<string> {
  const pieces = readRange(handle, offset, size, BASE64_PIECE_BYTES, false);
  let next = pieces.next();
  try {
    for (;;) {
      const piece = await next;
      if (piece.done) return;
      next = pieces.next();
      yield piece.value.toString('base64');
    }
  } finally {
    // The consumer may stop (the client went away) with a read still in flight: its outcome
    // no longer matters, and must not surface as an unhandled rejection.
    next.catch(() => {});
  }
}
