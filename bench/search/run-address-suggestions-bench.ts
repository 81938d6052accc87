/**
 * addressSuggestions on bench:search's store (issue 11): seeds N messages (default 100,000) with
 * seed-store.ts into a fresh database at TEST_POSTGRES_URL, then times
 *   1. suggestAddresses (the derived `correspondents` table) for short and long prefixes,
 *   2. the same answer computed from the messages themselves (what the table saves),
 *   3. the trigger's cost on the import path: insertMessages in the sync's 250-row batches, with
 *      the trigger on and off.
 * A script, not a test: it asserts nothing and drops the database at the end.
 *
 *   node --import tsx --import ./scripts/register-server-only.mjs bench/search/run-address-suggestions-bench.ts [--messages N]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { suggestAddresses } from '../../db/queries/address-suggestions.ts';
import { insertMessages } from '../../db/queries/messages.ts';
import { rowsOf } from '../../db/queries/rows-of.ts';
import { createTestDatabase } from '../../e2e/support/test-database.ts';
import { seedStore } from './seed-store.ts';

const { values: args } = parseArgs({ options: { messages: { type: 'string', default: '100000' } } });
const count = Number(args.messages);
const testDb = await createTestDatabase('crm_bench_suggest');
const database = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });

async function time(n: number, run: (i: number) => Promise<unknown>): Promise<string> {
  const ms: number[] = [];
  for (let i = 0; i < 2; i++) await run(i);
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await run(i);
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!.toFixed(1);
  return `n=${n} p50=${at(0.5)} ms p95=${at(0.95)} ms max=${at(1)} ms`;
}

try {
  const { db } = database;
  await migrateDatabase(database);
  const start = performance.now();
  const store = await seedStore(db, count);
  console.log(`seeded ${count} messages (trigger on) in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  await db.execute(sql`vacuum analyze`);
  const [viewer] = rowsOf<{ user_id: string; tenant_id: string; account_id: string }>(
    await db.execute(sql`select a.user_id, a.tenant_id, a.id as account_id from mail_folders f join mail_accounts a on a.id = f.account_id
      where f.id = ${store.viewerFolders.find((f) => f.path === 'viewer@INBOX')!.id}`),
  );
  const userId = viewer!.user_id;
  const suggestFor = { userId, tenantId: viewer!.tenant_id };
  const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from correspondents`)) as [{ n: number }];
  console.log(`correspondents: ${n} rows`);
  const prefixes = ['s', 'se', 'sender1', 'sender17', 'company4', 'zzz'];
  console.log(
    `suggestAddresses (table):   ${await time(200, (i) => suggestAddresses(db, suggestFor, prefixes[i % prefixes.length]!, 8))}`,
  );
  console.log(
    `from the messages (no table): ${await time(10, (i) =>
      db.execute(sql`select lower(e->>'address') a, count(*), max(m.internal_date) from messages m
        join mail_folders f on f.id = m.folder_id join mail_accounts ma on ma.id = m.account_id
        cross join lateral jsonb_array_elements(case when f.special_use = '\\Sent' then m."to" || m.cc else m."from" end) e
        where ma.user_id = ${userId} and lower(e->>'address') like ${`${prefixes[i % prefixes.length]}%`}
        group by 1 order by 2 desc limit 8`),
    )}`,
  );
  // The import's insert, 250 rows a batch as the sync writes them, with and without the trigger.
  const inbox = { id: store.viewerFolders.find((f) => f.path === 'viewer@INBOX')!.id, accountId: viewer!.account_id };
  let uid = 10_000_000;
  const batch = () =>
    Array.from({ length: 250 }, (_, k) => ({
      accountId: inbox.accountId,
      folderId: inbox.id,
      uidValidity: 1,
      uid: ++uid,
      internalDate: new Date(),
      from: [{ name: `Person ${uid % 5000}`, address: `person${uid % 5000}@new${k % 50}.example` }],
      to: [{ name: 'Viewer', address: 'viewer@bench.test' }],
    }));
  console.log(`insertMessages ×250, trigger on:  ${await time(40, () => insertMessages(db, batch()))}`);
  await db.execute(sql`alter table messages disable trigger messages_correspondents`);
  console.log(`insertMessages ×250, trigger off: ${await time(40, () => insertMessages(db, batch()))}`);
} finally {
  await database.close();
  await testDb.drop();
}
