import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WakeSignal } from './wake-signal.ts';

test('a notification wakes the waiter; one that came while busy is kept until the next wait', async () => {
  const wake = new WakeSignal();
  const waiting = wake.wait(null);
  wake.notify();
  await waiting;
  wake.notify();
  // State, not time: a remembered notification makes wait() say it was notified (a lost one
  // would end in the timeout and say false).
  assert.equal(await wake.wait(5_000), true, 'the earlier notification was remembered');
});

test('reset forgets; wait ends on timeout or abort without rejecting', async () => {
  const wake = new WakeSignal();
  wake.notify();
  wake.reset();
  assert.equal(await wake.wait(60), false, 'forgotten: the wait ends by its timeout');
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 20);
  await wake.wait(null, controller.signal);
});

test('wait says whether it was notified; a notification after a timeout is kept for the next wait', async () => {
  const wake = new WakeSignal();
  assert.equal(await wake.wait(10), false);
  const controller = new AbortController();
  controller.abort();
  assert.equal(await wake.wait(null, controller.signal), false);
  wake.notify();
  assert.equal(await wake.wait(null, controller.signal), true, 'pending wins over an aborted signal');
  const waiting = wake.wait(null);
  wake.notify();
  assert.equal(await waiting, true);
  assert.equal(await wake.wait(10), false, 'consumed');
  wake.notify();
  assert.equal(await wake.wait(10), true);
});

test('take says whether a notification is pending and forgets it', () => {
  const wake = new WakeSignal();
  assert.equal(wake.take(), false);
  wake.notify();
  assert.equal(wake.take(), true);
  assert.equal(wake.take(), false, 'forgotten');
});
