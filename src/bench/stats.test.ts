import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatNumber, percentile, summarize } from './stats';

test('percentile: nearest rank', () => {
  const values = Float64Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(values, 50), 50);
  assert.equal(percentile(values, 99), 99);
  assert.equal(percentile(values, 100), 100);
  assert.equal(percentile([7], 99), 7);
  assert.equal(percentile([], 50), 0);
});

test('summarize: median of odd and even counts, min, max', () => {
  assert.deepEqual(summarize([3, 1, 2]), { median: 2, min: 1, max: 3 });
  assert.deepEqual(summarize([4, 1, 3, 2]), { median: 2.5, min: 1, max: 4 });
  assert.ok(Number.isNaN(summarize([]).median));
});

test('formatNumber: about three significant digits', () => {
  assert.equal(formatNumber(1234.56), '1235');
  assert.equal(formatNumber(12), '12');
  assert.equal(formatNumber(12.345), '12.3');
  assert.equal(formatNumber(1.2345), '1.23');
  assert.equal(formatNumber(0.01234), '0.012');
  assert.equal(formatNumber(Number.NaN), '-');
});
