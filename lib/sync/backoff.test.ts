import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay } from './backoff.ts';

test('grows exponentially from the base, within half and all of each step', () => {
  assert.equal(
    backoffDelay(1, {}, () => 0),
    500,
  );
  assert.equal(
    backoffDelay(1, {}, () => 0.999999),
    1_000,
  );
  assert.equal(
    backoffDelay(2, {}, () => 0.999999),
    2_000,
  );
  assert.equal(
    backoffDelay(4, { baseMs: 100 }, () => 0),
    400,
  );
});

test('is capped at maxMs however many attempts failed', () => {
  assert.equal(
    backoffDelay(50, { maxMs: 60_000 }, () => 0.999999),
    60_000,
  );
  assert.equal(
    backoffDelay(10_000, { maxMs: 300_000 }, () => 0),
    150_000,
  );
});

test('by default no reconnect waits more than 60 s, and a grown wait is at least 30 s (issue 8 item 16)', () => {
  for (let attempt = 1; attempt <= 40; attempt++) {
    assert.ok(backoffDelay(attempt, {}, () => 0.999999) <= 60_000, `attempt ${attempt}`);
  }
  assert.equal(
    backoffDelay(7, {}, () => 0.999999),
    60_000,
  );
  assert.equal(
    backoffDelay(7, {}, () => 0),
    30_000,
  );
  assert.equal(
    backoffDelay(1_000, {}, () => 0),
    30_000,
  );
});

test('jitter stays within half and all of the capped step, and spreads the draws', () => {
  const delays = Array.from({ length: 200 }, () => backoffDelay(30));
  for (const delay of delays) assert.ok(delay >= 30_000 && delay <= 60_000, `${delay}`);
  assert.ok(new Set(delays).size > 100, 'spread over the range');
  assert.ok(Math.min(...delays) < 40_000 && Math.max(...delays) > 50_000, 'both ends of the range are reached');
});

test('jitter spreads accounts that failed together', () => {
  const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(5)));
  assert.ok(delays.size > 10, `expected spread, got ${[...delays].join(',')}`);
  for (const delay of delays) assert.ok(delay >= 8_000 && delay <= 16_000);
});

test('attempt 0 or below behaves like the first retry', () => {
  assert.equal(
    backoffDelay(0, {}, () => 0),
    500,
  );
});
