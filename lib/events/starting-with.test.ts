import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createInProcessBus } from './in-process-bus.ts';
import { startingWith } from './starting-with.ts';

test('yields the first value, then the rest', async () => {
  const bus = createInProcessBus();
  const events = startingWith('snapshot', bus.subscribe<string>('t'));
  assert.deepEqual(await events.next(), { value: 'snapshot', done: false });
  const next = events.next();
  await bus.publish('t', 'change');
  assert.deepEqual(await next, { value: 'change', done: false });
  await events.return!();
  await bus.close();
});

test('without a first value it is the rest alone', async () => {
  const bus = createInProcessBus();
  const events = startingWith<string>(undefined, bus.subscribe<string>('t'));
  const next = events.next();
  await bus.publish('t', 'change');
  assert.deepEqual(await next, { value: 'change', done: false });
  await events.return!();
  await bus.close();
});

test('return() before the first next() still closes the rest (a client that left during setup)', async () => {
  let closed = false;
  const rest: AsyncIterableIterator<string> = {
    next: () => new Promise(() => {}),
    return: async () => {
      closed = true;
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => rest,
  };
  await startingWith('snapshot', rest).return!();
  assert.equal(closed, true);
});
