import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { decidePriority, firstByPriority, type Lookup } from './first-by-priority.ts';
import { withTimeout } from './with-timeout.ts';

const pending = { settled: false } as const;
const done = <T>(value: T | null) => ({ settled: true, value }) as const;

test('decidePriority: a result wins only when everything above it came back empty', () => {
  assert.deepEqual(decidePriority([done('a'), pending]), { type: 'win', index: 0, value: 'a' });
  assert.deepEqual(decidePriority([pending, done('b')]), { type: 'wait' });
  assert.deepEqual(decidePriority([done(null), done('b'), pending]), { type: 'win', index: 1, value: 'b' });
  assert.deepEqual(decidePriority([done(null), done(null)]), { type: 'none' });
  assert.deepEqual(decidePriority([]), { type: 'none' });
});

const after =
  <T>(ms: number, value: T | null, seen?: AbortSignal[]): Lookup<T> =>
  async (signal) => {
    seen?.push(signal);
    await sleep(ms);
    return value;
  };

test('a faster lower-priority answer waits for the higher one', async () => {
  assert.equal(await firstByPriority([after(60, 'high'), after(0, 'low')]), 'high');
  assert.equal(await firstByPriority([after(60, null), after(0, 'low')]), 'low');
});

test('a rejection counts as empty; all empty is null', async () => {
  const boom: Lookup<string> = async () => {
    throw new Error('boom');
  };
  const syncBoom: Lookup<string> = () => {
    throw new Error('sync boom');
  };
  assert.equal(await firstByPriority([boom, syncBoom, after(0, 'third')]), 'third');
  assert.equal(await firstByPriority([boom, after(0, null)]), null);
  assert.equal(await firstByPriority([]), null);
});

test('the losers are aborted once the answer is known', async () => {
  const seen: AbortSignal[] = [];
  const started = Date.now();
  assert.equal(await firstByPriority([after(0, 'first', seen), after(10_000, 'never', seen)]), 'first');
  assert.ok(Date.now() - started < 1000, 'does not wait for the slow loser');
  assert.ok(seen.every((signal) => signal.aborted));
});

test('the caller aborting answers null at once, even for lookups that ignore signals', async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 20);
  const started = Date.now();
  assert.equal(await firstByPriority([after(5_000, 'late')], controller.signal), null);
  assert.ok(Date.now() - started < 1000);
});

test('withTimeout answers null after the bound and aborts the lookup', async () => {
  const seen: AbortSignal[] = [];
  const started = Date.now();
  assert.equal(await withTimeout(after(5_000, 'late', seen), 50)(new AbortController().signal), null);
  assert.ok(Date.now() - started < 1000);
  assert.equal(seen[0]?.aborted, true);
  assert.equal(await withTimeout(after(0, 'quick', seen), 1000)(new AbortController().signal), 'quick');
  assert.equal(seen[1]?.aborted, true, 'a finished lookup is told to stop whatever it left running');
});

test('withTimeout inside firstByPriority lets a slow higher step time out without stalling the rest', async () => {
  const started = Date.now();
  assert.equal(await firstByPriority([withTimeout(after(5_000, 'slow'), 80), after(0, 'fast')]), 'fast');
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 70 && elapsed < 1000, `took ${elapsed} ms`);
});
