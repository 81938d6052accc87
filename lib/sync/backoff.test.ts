import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_IMAP_TIMEOUTS } from '../mail/imap/imap-timeouts.ts';
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

test('by default no reconnect waits more than 40 s, and a grown wait is at least 20 s (issue 8 items 12 and 16)', () => {
  for (let attempt = 1; attempt <= 40; attempt++) {
    assert.ok(backoffDelay(attempt, {}, () => 0.999999) <= 40_000, `attempt ${attempt}`);
  }
  assert.equal(
    backoffDelay(7, {}, () => 0.999999),
    40_000,
  );
  assert.equal(
    backoffDelay(7, {}, () => 0),
    20_000,
  );
  assert.equal(
    backoffDelay(1_000, {}, () => 0),
    20_000,
  );
});

test('a connect stuck in a dead path plus the longest wait stay under the 60 s of issue 8 item 12', () => {
  assert.ok(DEFAULT_IMAP_TIMEOUTS.connectMs + backoffDelay(1_000, {}, () => 0.999999) < 60_000);
});

test('jitter stays within half and all of the capped step, and spreads the draws', () => {
  const delays = Array.from({ length: 200 }, () => backoffDelay(30));
  for (const delay of delays) assert.ok(delay >= 20_000 && delay <= 40_000, `${delay}`);
  assert.ok(new Set(delays).size > 100, 'spread over the range');
  assert.ok(Math.min(...delays) < 25_000 && Math.max(...delays) > 35_000, 'both ends of the range are reached');
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
