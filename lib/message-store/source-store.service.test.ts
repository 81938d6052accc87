// The source store on both engines (binary COPY on PostgreSQL, INSERT on PGlite): what goes in
// comes back byte for byte, inside the batch transaction, and survives a lost connection.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { insertTestAccount } from '../../e2e/support/insert-test-account.ts';
import { testEngines } from '../../e2e/support/test-engines.ts';
import { binaryCopyInto } from '../../db/binary-copy-into.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { insertMessages, type NewMessageRow } from '../../db/queries/messages.ts';
import { rowsOf } from '../../db/queries/rows-of.ts';
import { mailFolders } from '../../db/schema/index.ts';
import { databaseSourceStore as store } from './source-store.ts';
import { terminateCopyAndExpectRetryable } from '../../e2e/support/terminate-copy.ts';

/** Bytes no text column could hold, and sizes around the COPY encoder's pass-through threshold. */
const samples = [
  Buffer.from('Subject: plain\r\n\r\nCRLF line ends\r\nand a lone CR\rand a lone LF\n.\r\n', 'latin1'),
  Buffer.from('Subject: 8-bit\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGr\xfc\xdfe, caf\xe9 \xff\xfe\r\n', 'latin1'),
  Buffer.concat([Buffer.from('Subject: NUL\r\n\r\n'), Buffer.from([0, 0, 1, 0, 0x80]), Buffer.from('\r\n')]),
  Uint8Array.from({ length: 256 }, (_, i) => i),
  randomBytes(4095),
  randomBytes(4096),
  new Uint8Array(0),
  randomBytes(3 * 1024 * 1024),
];

for (const [engine, open] of testEngines) {
  describe(`source store on ${engine}`, async () => {
    const { database, url, cleanup } = await open();
    after(cleanup);
    await migrateDatabase(database);
    const { db } = database;
    const { accountId } = await insertTestAccount(db, { email: 'src@t.test' });
    const [folder] = await db.insert(mailFolders).values({ accountId, path: 'INBOX', name: 'Inbox' }).returning();
    let nextUid = 1;
    /** `n` envelope rows (sources need their message: a foreign key). */
    const newMessages = async (n: number): Promise<string[]> => {
      const rows = Array.from({ length: n }, (): NewMessageRow => ({
        accountId,
        folderId: folder!.id,
        uidValidity: 1,
        uid: nextUid++,
        internalDate: new Date(),
      }));
      return (await insertMessages(db, rows)).map((r) => r.id);
    };

    test('put in a transaction, get byte for byte; has; a message without a source reads as null', async () => {
      const ids = await newMessages(samples.length + 1);
      const without = ids.pop()!;
      await db.transaction((tx) =>
        store.put(
          tx,
          samples.map((bytes, i) => ({ messageId: ids[i]!, bytes })),
        ),
      );
      for (const [i, bytes] of samples.entries()) {
        const back = await store.get(db, ids[i]!);
        assert.ok(back?.equals(Buffer.from(bytes)), `sample ${i} (${bytes.byteLength} bytes) comes back byte for byte`);
        assert.equal(await store.has(db, ids[i]!), true);
      }
      const sizes = rowsOf<{ size: number; length: number }>(
        await db.execute(sql`select size, length(bytes) as length from message_sources order by size`),
      );
      assert.ok(
        sizes.every((s) => Number(s.size) === Number(s.length)),
        'size is the byte length',
      );
      if (url) {
        // The sources above went by COPY, not by the fallback: the same COPY on its own succeeds.
        const [direct] = await newMessages(1);
        const copied = await binaryCopyInto(db, 'message_sources (message_id, bytes, size)', [
          [Buffer.from(direct!.replaceAll('-', ''), 'hex'), samples[2]!, samples[2]!.byteLength],
        ]);
        assert.equal(copied, true);
        assert.ok((await store.get(db, direct!))?.equals(Buffer.from(samples[2]!)));
      }
      // As for a message imported before sources were kept.
      assert.equal(await store.get(db, without), null);
      assert.equal(await store.has(db, without), false);
    });

    test('a source stored again replaces the old one (the COPY conflicts; the INSERT fallback runs in the same transaction)', async () => {
      const [id, other] = await newMessages(2);
      await store.put(db, [{ messageId: id!, bytes: Buffer.from('first\r\n') }]);
      const again = randomBytes(10_000);
      const beside = randomBytes(50_000);
      await db.transaction(async (tx) => {
        await store.put(tx, [
          { messageId: id!, bytes: again },
          { messageId: other!, bytes: beside },
        ]);
        // The transaction is still usable after the failed COPY was rolled back to its savepoint.
        await tx.execute(sql`select 1`);
      });
      assert.ok((await store.get(db, id!))?.equals(again));
      assert.ok((await store.get(db, other!))?.equals(beside));
    });

    test('a batch that fails stores no source (the transaction is the batch)', async () => {
      const [id] = await newMessages(1);
      await assert.rejects(
        db.transaction(async (tx) => {
          await store.put(tx, [{ messageId: id!, bytes: Buffer.from('lost with its batch\r\n') }]);
          throw new Error('the body write failed');
        }),
        /the body write failed/,
      );
      assert.equal(await store.has(db, id!), false);
    });

    test('the column is stored uncompressed (STORAGE EXTERNAL: no pglz pass on import)', async () => {
      const [row] = rowsOf<{ storage: string }>(
        await db.execute(sql`
          select attstorage as storage from pg_attribute
          where attrelid = 'message_sources'::regclass and attname = 'bytes'`),
      );
      assert.equal(row!.storage, 'e');
    });

    if (url) {
      test('the connection terminated during the source COPY: a retryable error, no uncaught exception, and a retry stores everything', async () => {
        // Big enough that the COPY is still running when the other connection finds it.
        const ids = await newMessages(24);
        const rows = ids.map((messageId) => ({ messageId, bytes: randomBytes(2 * 1024 * 1024) }));
        const uncaught: unknown[] = [];
        const record = (error: unknown) => void uncaught.push(error);
        process.on('uncaughtException', record);
        const killer = postgres(url, { max: 1, onnotice: () => {} });
        try {
          const put = () => db.transaction((tx) => store.put(tx, rows));
          await terminateCopyAndExpectRetryable(killer, 'message_sources', put());
          for (const { messageId } of rows) assert.equal(await store.has(db, messageId), false, 'nothing of the failed batch');
          await put();
          for (const { messageId, bytes } of rows) {
            assert.ok((await store.get(db, messageId))?.equals(bytes), 'the retry stored every source byte for byte');
          }
          // Checked last, after the many I/O turns of the retry: a stray callback of the dead connection has run.
          assert.deepEqual(uncaught, [], 'no uncaught exception');
        } finally {
          process.off('uncaughtException', record);
          await killer.end();
        }
      });
    }
  });
}
