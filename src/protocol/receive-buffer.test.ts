import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom as prng } from '../testing/random';
import { ReceiveBuffer } from './receive-buffer';

describe('ReceiveBuffer', () => {
  test('starts empty', () => {
    const buffer = new ReceiveBuffer();
    assert.equal(buffer.length, 0);
    assert.equal(buffer.indexOf(0x0a), -1);
    assert.deepEqual(buffer.peek(), Buffer.alloc(0));
    assert.deepEqual(buffer.take(5), Buffer.alloc(0));
  });

  test('append, indexOf, peek, take, skip', () => {
    const buffer = new ReceiveBuffer();
    buffer.append(Buffer.from('0 OK\r\n41\r\n'));
    assert.equal(buffer.length, 10);
    assert.equal(buffer.indexOf(0x0a), 5);
    assert.equal(buffer.indexOf(0x0a, 6), 9);
    assert.equal(buffer.indexOf(0x0a, 10), -1);
    assert.deepEqual(buffer.peek(4), Buffer.from('0 OK'));
    assert.equal(buffer.length, 10, 'peek does not consume');
    assert.deepEqual(buffer.take(6), Buffer.from('0 OK\r\n'));
    assert.equal(buffer.length, 4);
    assert.equal(buffer.indexOf(0x0a), 3, 'positions are relative to the unread bytes');
    buffer.skip(2);
    assert.deepEqual(buffer.peek(), Buffer.from('\r\n'));
    buffer.skip(10);
    assert.equal(buffer.length, 0);
  });

  test('peek and take never go past the unread bytes', () => {
    const buffer = new ReceiveBuffer();
    buffer.append(Buffer.from('abc'));
    assert.deepEqual(buffer.peek(100), Buffer.from('abc'));
    assert.deepEqual(buffer.take(100), Buffer.from('abc'));
    assert.equal(buffer.length, 0);
  });

  test('indexOf does not find bytes already consumed, nor stale bytes past the end', () => {
    const buffer = new ReceiveBuffer();
    buffer.append(Buffer.from('a\nb\n'));
    buffer.skip(4);
    assert.equal(buffer.indexOf(0x0a), -1);
    buffer.append(Buffer.from('xy'));
    assert.equal(buffer.indexOf(0x0a), -1, 'the old LF bytes behind the end are not data');
    assert.equal(buffer.indexOf(0x0a, 3), -1, 'nor when the search starts past the end, on an old LF');
    buffer.skip(1);
    buffer.append(Buffer.from('\n'));
    assert.equal(buffer.indexOf(0x0a), 1);
  });

  test('take returns a copy that later appends do not change', () => {
    const buffer = new ReceiveBuffer();
    buffer.append(Buffer.from('hello'));
    const taken = buffer.take(5);
    buffer.append(Buffer.from('XXXXX'));
    assert.deepEqual(taken, Buffer.from('hello'));
  });

  test('a chunk larger than the initial capacity', () => {
    const buffer = new ReceiveBuffer();
    const big = Buffer.alloc(100_000, 0x61);
    big[99_999] = 0x0a;
    buffer.append(big);
    assert.equal(buffer.length, 100_000);
    assert.equal(buffer.indexOf(0x0a), 99_999);
    assert.deepEqual(buffer.take(100_000), big);
  });

  test('compaction keeps the unread bytes when the consumed front is reused', () => {
    const buffer = new ReceiveBuffer();
    buffer.append(Buffer.alloc(4000, 0x61)); // capacity 4096
    buffer.skip(3990);
    buffer.append(Buffer.from('0123456789')); // 20 live bytes, does not fit at the end: compacts
    assert.deepEqual(buffer.peek(), Buffer.from('aaaaaaaaaa0123456789'));
    assert.equal(buffer.indexOf(0x30), 10);
  });

  test('a byte-for-byte model over many random appends and partial takes', () => {
    for (const seed of [1, 2, 3, 42, 1234]) {
      const random = prng(seed);
      const buffer = new ReceiveBuffer();
      let model = Buffer.alloc(0);
      let counter = 0;
      for (let step = 0; step < 2000; step++) {
        const op = random();
        if (op < 0.5) {
          // Sizes from tiny to larger than the current capacity, to force both growth and compaction.
          const size = random() < 0.1 ? Math.floor(random() * 20_000) : Math.floor(random() * 300);
          const chunk = Buffer.alloc(size);
          for (let i = 0; i < size; i++) chunk[i] = random() < 0.02 ? 0x0a : 0x20 + (counter++ % 90);
          buffer.append(chunk);
          model = Buffer.concat([model, chunk]);
        } else if (op < 0.75) {
          const count = Math.floor(random() * (model.length + 10));
          const taken = buffer.take(count);
          const expected = model.subarray(0, Math.min(count, model.length));
          assert.deepEqual(taken, expected, `seed ${seed} step ${step}: take(${count})`);
          model = model.subarray(expected.length);
        } else if (op < 0.9) {
          const count = Math.floor(random() * (model.length + 10));
          buffer.skip(count);
          model = model.subarray(Math.min(count, model.length));
        } else {
          const from = Math.floor(random() * (model.length + 2));
          assert.equal(buffer.indexOf(0x0a, from), model.indexOf(0x0a, from), `seed ${seed} step ${step}: indexOf(LF, ${from})`);
          const count = Math.floor(random() * (model.length + 2));
          assert.deepEqual(buffer.peek(count), model.subarray(0, count), `seed ${seed} step ${step}: peek(${count})`);
        }
        assert.equal(buffer.length, model.length, `seed ${seed} step ${step}: length`);
      }
      assert.deepEqual(buffer.peek(), model, `seed ${seed}: final contents`);
      assert.equal(buffer.indexOf(0x0a), model.indexOf(0x0a));
    }
  });
});
