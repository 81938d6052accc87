import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chunk, toSequenceSet } from './uid-sets.ts';

test('runs of UIDs collapse to ranges, in ascending order, without duplicates', () => {
  assert.equal(toSequenceSet([9, 1, 2, 3, 5, 7, 8, 3]), '1:3,5,7:9');
  assert.equal(toSequenceSet([42]), '42');
  assert.equal(toSequenceSet([]), '');
});

test('chunk keeps order and the last chunk short', () => {
  assert.deepEqual(chunk([5, 4, 3, 2, 1], 2), [[5, 4], [3, 2], [1]]);
  assert.deepEqual(chunk([], 3), []);
});
