/**
 * Bytes received and not yet consumed, in one growable buffer: appending is amortised O(1)
 * and searching never rescans consumed bytes, so a 44 MB base64 line costs no more than its
 * own size.
 */
export class ReceiveBuffer {
  private data = Buffer.alloc(0);
  private start = 0;
  private end = 0;

  get length(): number {
    return this.end - this.start;
  }

  append(chunk: Uint8Array): void {
    if (this.end + chunk.length > this.data.length) this.makeRoom(chunk.length);
    this.data.set(chunk, this.end);
    this.end += chunk.length;
  }

  /**
   * Position (relative to the unread bytes) of the first `byte` at or after `from` (>= 0), or
   * -1. Only the unread bytes are searched, never the spare space after them.
   */
  indexOf(byte: number, from = 0): number {
    return this.data.subarray(this.start, this.end).indexOf(byte, from);
  }

  /** The unread bytes, without consuming them (a view, valid until the next append). */
  peek(count = this.length): Buffer {
    return this.data.subarray(this.start, this.start + Math.min(count, this.length));
  }

  /** Remove and return the next `count` bytes (a copy). */
  take(count: number): Buffer {
    const bytes = Buffer.from(this.peek(count));
    this.skip(bytes.length);
    return bytes;
  }

  skip(count: number): void {
    this.start += Math.min(count, this.length);
    if (this.start === this.end) this.start = this.end = 0;
  }

  private makeRoom(extra: number): void {
    const live = this.length;
    const needed = live + extra;
    if (needed <= this.data.length / 2) {
      this.data.copy(this.data, 0, this.start, this.end);
    } else {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.data.length * 2, 4096));
      this.data.copy(grown, 0, this.start, this.end);
      this.data = grown;
    }
    this.start = 0;
    this.end = live;
  }
}
