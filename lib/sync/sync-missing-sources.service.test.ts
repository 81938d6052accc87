/**
 * Sources still missing after a start (issue 9): rows 'pending' in a folder whose state did not
 * change get no folder pass (strategy 'none'), so the background sweep (backfill-sources.ts)
 * must fetch them, once the account is live, with 'backfilling' progress. Real Dovecot
 * (e2e/mail-stack) and PostgreSQL, as the other sync tests.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq, inArray, sql } from 'drizzle-orm';
import { messageSources } from '../../db/schema/index.ts';
import { countingSourceStore } from './fixtures/counting-source-store.ts';
import { daysAgo, eventually, makeMessage, startSyncTestEnv, untilLive, type SyncTestEnv } from './fixtures/sync-test-env.ts';
import { startSyncSupervisor, type SyncSupervisor } from './sync-supervisor.ts';

let env: SyncTestEnv;
before(async () => {
  env = await startSyncTestEnv();
});
after(async () => {
  await env?.close();
});

async function withSupervisor<T>(fn: (supervisor: SyncSupervisor) => Promise<T>, overrides = {}): Promise<T> {
  const supervisor = startSyncSupervisor(env.deps(overrides));
  try {
    return await fn(supervisor);
  } finally {
    await supervisor.stop();
  }
}

test('an unchanged folder with rows waiting for their source gets them after the account is live, each fetched once', async () => {
  const account = await env.createAccount('unchanged');
  await env.withImap(account, async (client) => {
    for (let i = 1; i <= 4; i++) {
      const body = `Archived text ${i}. `.repeat(50 * i);
      await client.append(
        'Archive',
        makeMessage({ subject: `archived ${i}`, id: `u-${i}@example.com`, body }),
        ['\\Seen'],
        daysAgo(i),
      );
    }
    await client.append('INBOX', makeMessage({ subject: 'hello', id: 'u-inbox@example.com' }), [], daysAgo(1));
  });
  await withSupervisor((supervisor) => untilLive(supervisor, account));

  // As a store left it whose sources were never kept (what migration 0010 sends back to
  // 'pending'), or a pass cut short after the envelopes whose cursor was saved anyway.
  const { db } = env.database;
  const archive = await env.folder(account, 'Archive');
  const ids = (await env.rows(account, 'Archive')).map((m) => m.id);
  assert.equal(ids.length, 4);
  await db.delete(messageSources).where(inArray(messageSources.messageId, ids));
  await db.execute(sql`update messages set body_state = 'pending' where folder_id = ${archive.id}`);

  const counted = countingSourceStore();
  const progress = env.progressEvents(account);
  await withSupervisor(
    async (supervisor) => {
      await untilLive(supervisor, account);
      await eventually(
        () => env.rows(account, 'Archive'),
        (rows) => rows.every((m) => m.bodyState === 'done'),
      );
      // The sweep ends in 'live' again.
      await untilLive(supervisor, account);
    },
    { sources: counted.store },
  );

  // The folder got no pass of its own: its cursor is as the first run left it ('none').
  const after = await env.folder(account, 'Archive');
  assert.deepEqual([after.uidNext, after.highestModseq], [archive.uidNext, archive.highestModseq]);
  // Each missing source fetched once and stored byte for byte; nothing else fetched.
  assert.deepEqual([...counted.puts.keys()].sort(), [...ids].sort());
  assert.ok(
    [...counted.puts.values()].every((n) => n === 1),
    'no source fetched twice',
  );
  const onServer = await env.withImap(account, async (client) => {
    const lock = await client.getMailboxLock('Archive', { readOnly: true });
    try {
      const sources = new Map<string, Buffer>();
      for await (const m of client.fetch('1:*', { envelope: true, source: true })) sources.set(m.envelope!.messageId!, m.source!);
      return sources;
    } finally {
      lock.release();
    }
  });
  let mailboxBytes = 0;
  for (const row of await env.rows(account, 'Archive')) {
    const [stored] = await db.select().from(messageSources).where(eq(messageSources.messageId, row.id));
    const original = onServer.get(`<${row.messageId}>`);
    assert.ok(original && stored, row.subject);
    assert.ok(Buffer.from(stored.bytes).equals(original), `${row.subject}: byte for byte`);
    mailboxBytes += original.byteLength;
  }
  assert.equal(counted.bytes(), mailboxBytes, 'bytes fetched = the missing sources, once');
  // 'backfilling' names the folder; the change of phase is sent at once (progress-reporter.ts).
  await progress.waitFor((e) => e.phase === 'backfilling' && e.path === 'Archive');
  progress.stop();
});
