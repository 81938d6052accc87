import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RateLimiter } from './rate-limiter.ts';

test('allows `limit` hits per window, then refuses until the window passes', () => {
  let now = 0;
  const limiter = new RateLimiter(3, 1000, () => now);
  assert.deepEqual(
    [1, 2, 3, 4].map(() => limiter.hit('a')),
    [true, true, true, false],
  );
  assert.equal(limiter.hit('b'), true, 'keys are independent');
  now = 999;
  assert.equal(limiter.hit('a'), false);
  now = 1000;
  assert.equal(limiter.hit('a'), true, 'a new window starts');
});

test('reset forgets a key', () => {
  const limiter = new RateLimiter(1, 1000, () => 0);
  assert.equal(limiter.hit('a'), true);
  assert.equal(limiter.hit('a'), false);
  limiter.reset('a');
  assert.equal(limiter.hit('a'), true);
});
