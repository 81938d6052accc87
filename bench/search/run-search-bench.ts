/**
 * `npm run bench:search`: the message store's query benchmark (issue 9, Benchmarks).
 *
 *   1. seeds N messages (default 100,000) straight into a fresh PostgreSQL database at
 *      TEST_POSTGRES_URL: bodies, attachment names, seven folders over three accounts, one viewer
 *      with two accounts and another user's mail beside it (seed-store.ts),
 *   2. builds their search documents with the product's SQL (messageSearchVector) in the extraction worker's batches,
 *      timed as "indexing",
 *   3. times the first page of a folder (listFolderMessages, as GraphQL `messages`) and
 *      searchMessages with plain words, operators, a phrase with a negation, and a rare word,
 *   4. times opening a message (issue 10: the `message(id)` resolver's openMessage) for a text
 *      message, an HTML newsletter, and a newsletter opened before extraction (measure-open-message.ts),
 * then prints p50/p95 against the targets and drops the database. A script, not a test:
 * it asserts nothing and exits 0 unless it could not run.
 *
 * Options: --messages N (default 100000), --samples N (per query kind, default 200).
 */
import { sql } from 'drizzle-orm';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { createTestDatabase } from '../../e2e/support/test-database.ts';
import { machineFacts } from '../sync/machine-facts.ts';
import { indexStore } from './index-store.ts';
import { measureOpenMessage } from './measure-open-message.ts';
import { measureFolderPage, measureSearch, type QueryMeasurement } from './measure-queries.ts';
import { formatSearchReport } from './search-report.ts';
import { RARE_WORD, seedStore } from './seed-store.ts';

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '100000' },
    samples: { type: 'string', default: '200' },
  },
});
const count = Number(args.messages);
const samples = Number(args.samples);
if (!Number.isInteger(count) || count < 1000) throw new Error('--messages must be an integer ≥ 1000');
if (!Number.isInteger(samples) || samples < 1) throw new Error('--samples must be a positive integer');

const machine = await machineFacts();
const testDb = await createTestDatabase('crm_bench_search');
const database = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
try {
  const { db } = database;
  await migrateDatabase(database);
  let start = performance.now();
  const store = await seedStore(db, count);
  const seedMs = performance.now() - start;
  console.log(`seeded ${count} messages in ${(seedMs / 1000).toFixed(1)} s; indexing…`);
  start = performance.now();
  const indexing = await indexStore(db);
  const indexMs = performance.now() - start;
  console.log(`indexed ${indexing.indexed} in ${(indexMs / 1000).toFixed(1)} s; measuring…`);
  // Fresh statistics after the search vectors were written, as autovacuum would leave them.
  await db.execute(sql`vacuum analyze messages`);
  const measurements: QueryMeasurement[] = [
    await measureFolderPage(db, store.viewerFolders, samples),
    await measureSearch(
      db,
      store.viewerUserId,
      'search: plain words',
      ['vergadering', 'weekly report', 'factuur levering'],
      samples,
    ),
    await measureSearch(
      db,
      store.viewerUserId,
      'search: operators',
      [
        'from:sender1757 has:attachment after:2025-06-01',
        'from:sender has:attachment after:2026-06-01',
        'is:unread in:Projects before:2026-01-01',
        'subject:offerte is:flagged',
      ],
      samples,
    ),
    await measureSearch(
      db,
      store.viewerUserId,
      'search: phrase + negation',
      ['"weekly report" -invoice', '"project planning" -klant'],
      samples,
    ),
    await measureSearch(db, store.viewerUserId, 'search: rare word', [RARE_WORD], samples),
    ...(await measureOpenMessage(db, store.viewerUserId, store.viewerFolders[0]!.id, samples)),
  ];
  console.log(formatSearchReport({ machine, messages: count, store, seedMs, indexMs, indexing, measurements }));
} finally {
  await database.close();
  await testDb.drop();
}
