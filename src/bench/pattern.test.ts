import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { bigFile, PATTERN_BLOCK, patternByte, patternMismatch, patternView, slowFile, writePattern, zeroMismatch } from './pattern';

describe('the bench pattern', () => {
  test('the table windows give byte i = (i * 7 + (i >> 16)) & 255, across block edges', () => {
    for (const start of [0, 1, PATTERN_BLOCK - 3, 5 * PATTERN_BLOCK + 17, 255 * PATTERN_BLOCK - 2, 256 * PATTERN_BLOCK + 9, 2 ** 32 + 5]) {
      let at = start;
      while (at < start + 1000) {
        const view = patternView(at, start + 1000 - at);
        for (let i = 0; i < view.length; i++) assert.equal(view[i], patternByte(at + i), `byte ${at + i}`);
        // A view ends at the end of its 64 KiB block, or where asked.
        assert.ok((at + view.length) % PATTERN_BLOCK === 0 || at + view.length === start + 1000);
        at += view.length;
      }
      assert.equal(patternByte(start), (start * 7 + Math.floor(start / 65536)) & 255);
    }
  });

  test('a mismatch is found at its index; the right bytes have none', () => {
    const file = bigFile(1);
    const bytes = file.bytes(PATTERN_BLOCK - 10, 40);
    assert.equal(patternMismatch(PATTERN_BLOCK - 10, bytes), -1);
    bytes[25] ^= 1;
    assert.equal(patternMismatch(PATTERN_BLOCK - 10, bytes), 25);
    assert.equal(zeroMismatch(0, Buffer.alloc(9)), -1);
    assert.equal(zeroMismatch(0, Buffer.from([0, 0, 3])), 2);
  });

  test('written files: the big one byte for byte, the slow one sparse zeros', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-pattern-'));
    try {
      const size = 3 * 1024 * 1024 + 123;
      await writePattern(path.join(dir, 'p.bin'), size);
      const content = readFileSync(path.join(dir, 'p.bin'));
      assert.equal(content.length, size);
      assert.equal(patternMismatch(0, content), -1);
      const big = bigFile(2);
      assert.equal(big.name, 'bench2M.bin');
      await big.writeTo(dir);
      assert.deepEqual(readFileSync(path.join(dir, big.name)).subarray(100_000, 100_100), big.bytes(100_000, 100));
      const slow = slowFile(3);
      await slow.writeTo(dir);
      assert.equal(statSync(path.join(dir, 'slow3M.bin')).size, 3 * 1024 * 1024);
      assert.deepEqual(slow.bytes(5, 3), Buffer.alloc(3));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
