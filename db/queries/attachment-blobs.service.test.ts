// Attachment bytes on both engines: binary COPY on PostgreSQL, INSERT on PGlite, byte for byte.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { inArray, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { terminateCopyAndExpectRetryable } from '../../e2e/support/terminate-copy.ts';
import { testEngines } from '../../e2e/support/test-engines.ts';
import type { Database } from '../client.ts';
import { migrateDatabase } from '../migrate.ts';
import { attachmentBlobs } from '../schema/index.ts';
import { storeAttachmentBlobs } from './attachment-blobs.ts';

const blob = (data: Uint8Array) => [createHash('sha256').update(data).digest('hex'), data] as const;

/** Sizes around the encoder's pass-through threshold, an empty one, a 3 MB one, every byte value. */
const samples = new Map([
  blob(new Uint8Array(0)),
  blob(Buffer.from('small text attachment\n')),
  blob(randomBytes(4095)),
  blob(randomBytes(4096)),
  blob(Uint8Array.from({ length: 256 }, (_, i) => i)),
  blob(randomBytes(3 * 1024 * 1024)),
]);

async function readBack(database: Database, hashes: string[]) {
  const rows = await database.db.select().from(attachmentBlobs).where(inArray(attachmentBlobs.hash, hashes));
  return new Map(rows.map((r) => [r.hash, r]));
}

for (const [engine, open] of testEngines) {
  describe(`attachment blobs on ${engine}`, async () => {
    const { database, url, cleanup } = await open();
    after(cleanup);
    await migrateDatabase(database);

    test('every blob comes back byte for byte, with its size', async () => {
      await storeAttachmentBlobs(database.db, samples);
      const stored = await readBack(database, [...samples.keys()]);
      assert.equal(stored.size, samples.size);
      for (const [hash, data] of samples) {
        const row = stored.get(hash)!;
        assert.equal(row.size, data.byteLength, hash);
        assert.ok(Buffer.from(row.data).equals(Buffer.from(data)), `bytes of ${data.byteLength}-byte blob`);
      }
    });

    test('storing known blobs again, mixed with new ones, adds only the new ones', async () => {
      const fresh = blob(randomBytes(10_000));
      await storeAttachmentBlobs(database.db, new Map([...samples, fresh]));
      const stored = await readBack(database, [...samples.keys(), fresh[0]]);
      assert.equal(stored.size, samples.size + 1);
      assert.ok(Buffer.from(stored.get(fresh[0])!.data).equals(Buffer.from(fresh[1])));
    });

    if (url) {
      for (const where of ['on its own', 'inside a transaction (a savepoint, as storeMessageBodies runs it)'] as const) {
        test(`a blob another connection commits while the COPY runs is not an error, ${where}`, async () => {
          const raced = blob(randomBytes(50_000));
          const other = blob(randomBytes(20_000));
          const rival = postgres(url, { max: 1, onnotice: () => {} });
          const watcher = postgres(url, { max: 1, onnotice: () => {} });
          try {
            // The rival inserts the blob without committing: our pre-check cannot see it, our COPY
            // waits on its unique-index entry and fails with a unique violation once it commits;
            // the INSERT fallback then skips it.
            // Waits for state, not time: the rival holds its uncommitted row until our COPY is
            // seen waiting on it (a lock wait in pg_stat_activity), then commits.
            let inserted!: () => void;
            let commit!: () => void;
            const rowInserted = new Promise<void>((resolve) => (inserted = resolve));
            const commitNow = new Promise<void>((resolve) => (commit = resolve));
            const committed = rival.begin(async (tx) => {
              await tx`insert into attachment_blobs (hash, size, data) values (${raced[0]}, ${raced[1].byteLength}, ${Buffer.from(raced[1])})`;
              inserted();
              await commitNow;
            });
            await rowInserted;
            const blobs = new Map([raced, other]);
            const storing =
              where === 'on its own'
                ? storeAttachmentBlobs(database.db, blobs)
                : database.db.transaction(async (tx) => {
                    await storeAttachmentBlobs(tx, blobs);
                    // The transaction is still usable after the failed COPY was rolled back to its savepoint.
                    await tx.execute(sql`select 1`);
                  });
            storing.catch(() => {}); // awaited below, after the commit
            for (;;) {
              const [row] = await watcher<{ waiting: number }[]>`
                select count(*)::int as waiting from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`;
              if (row!.waiting > 0) break;
              await new Promise((resolve) => setImmediate(resolve));
            }
            commit();
            await committed;
            await storing;
          } finally {
            await rival.end();
            await watcher.end();
          }
          const stored = await readBack(database, [raced[0], other[0]]);
          assert.equal(stored.size, 2);
          assert.ok(Buffer.from(stored.get(raced[0])!.data).equals(Buffer.from(raced[1])));
          assert.ok(Buffer.from(stored.get(other[0])!.data).equals(Buffer.from(other[1])));
        });
      }

      for (const where of ['on its own', 'inside a transaction'] as const) {
        test(`the connection terminated during the COPY: a retryable error, no uncaught exception, and a retry stores everything, ${where} (issue 8 item 14)`, async () => {
          // Big enough that the COPY is still running when the other connection finds it.
          const blobs = new Map(Array.from({ length: 24 }, () => blob(randomBytes(2 * 1024 * 1024))));
          const uncaught: unknown[] = [];
          const record = (error: unknown) => void uncaught.push(error);
          process.on('uncaughtException', record);
          const killer = postgres(url, { max: 1, onnotice: () => {} });
          try {
            const store = () =>
              where === 'on its own'
                ? storeAttachmentBlobs(database.db, blobs)
                : database.db.transaction((tx) => storeAttachmentBlobs(tx, blobs));
            await terminateCopyAndExpectRetryable(killer, 'attachment_blobs', store());
            await store();
            assert.equal((await readBack(database, [...blobs.keys()])).size, blobs.size, 'the retry stored every blob');
            // Checked last, after the many I/O turns of the retry: a stray callback of the dead connection has run.
            assert.deepEqual(uncaught, [], 'no uncaught exception');
          } finally {
            process.off('uncaughtException', record);
            await killer.end();
          }
        });
      }
    }
  });
}
