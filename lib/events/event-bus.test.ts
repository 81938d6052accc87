import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createInProcessBus } from './in-process-bus.ts';

test('in-process bus delivers to subscribers of the topic only, in order', async () => {
  const bus = createInProcessBus();
  const a = bus.subscribe<number>('a');
  const b = bus.subscribe<number>('b');
  await bus.publish('a', 1);
  await bus.publish('b', 9);
  await bus.publish('a', 2);
  assert.deepEqual(await a.next(), { value: 1, done: false });
  assert.deepEqual(await a.next(), { value: 2, done: false });
  assert.deepEqual(await b.next(), { value: 9, done: false });
  await a.return?.();
  await bus.publish('a', 3);
  assert.deepEqual(await a.next(), { value: undefined, done: true }, 'nothing after return()');
  await bus.close();
});

test('a pending next() resolves when an event arrives, and ends on return()', async () => {
  const bus = createInProcessBus();
  const sub = bus.subscribe<string>('t');
  const pending = sub.next();
  await bus.publish('t', 'x');
  assert.deepEqual(await pending, { value: 'x', done: false });
  const waiting = sub.next();
  await sub.return?.();
  assert.deepEqual(await waiting, { value: undefined, done: true });
});
