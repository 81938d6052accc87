import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupBySize } from './group-by-size.ts';

const sized = (...sizes: number[]) => sizes.map((size, uid) => ({ uid, size }));

test('source fetches are bounded by message count and by bytes', () => {
  const groups = groupBySize(sized(10, 10, 10, 10, 10), 2, 1_000);
  assert.deepEqual(
    groups.map((g) => g.length),
    [2, 2, 1],
  );
  const bySize = groupBySize(sized(400, 400, 400, 100), 50, 1_000);
  assert.deepEqual(
    bySize.map((g) => g.map((m) => m.uid)),
    [
      [0, 1],
      [2, 3],
    ],
  );
});

test('a message larger than the byte budget still gets a fetch of its own', () => {
  assert.deepEqual(
    groupBySize(sized(10, 5_000, 10), 50, 1_000).map((g) => g.map((m) => m.uid)),
    [[0], [1], [2]],
  );
  assert.deepEqual(groupBySize([], 50, 1_000), []);
});
