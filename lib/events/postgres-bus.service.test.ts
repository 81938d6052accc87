// Two handles on one PostgreSQL database stand in for two server processes.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { openDatabase } from '../../db/client.ts';
import { createTestDatabase } from '../../e2e/support/test-database.ts';
import { createPostgresBus } from './postgres-bus.ts';

test('an event published on one connection reaches a subscriber on another, once', async () => {
  const testDb = await createTestDatabase();
  const a = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
  const b = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
  after(async () => {
    await a.close();
    await b.close();
    await testDb.drop();
  });
  const busA = await createPostgresBus(a);
  const busB = await createPostgresBus(b);
  const onB = busB.subscribe<{ n: number }>('tenant:t1:users');
  const onA = busA.subscribe<{ n: number }>('tenant:t1:users');
  const other = busB.subscribe<{ n: number }>('tenant:t2:users');
  await busA.publish('tenant:t1:users', { n: 1 });
  await busA.publish('tenant:t1:users', { n: 2 });
  assert.deepEqual((await onB.next()).value, { n: 1 });
  assert.deepEqual((await onB.next()).value, { n: 2 });
  assert.deepEqual((await onA.next()).value, { n: 1 }, 'the publisher’s own process hears it too, via the round trip');
  const pending = other.next();
  const raced = await Promise.race([pending, new Promise((r) => setTimeout(() => r('quiet'), 200))]);
  assert.equal(raced, 'quiet', 'other topics stay quiet');
  await assert.rejects(busA.publish('big', { blob: 'x'.repeat(9000) }), /NOTIFY allows/);
  await other.return?.();
  await busA.close();
  await busB.close();
});
