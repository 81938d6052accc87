// Migration 0007_search on a store made before it, on both engines: the messages already stored
// are indexed by the migration and found, those still waiting for their body are not (yet).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { insertTestAccount } from '../../e2e/support/insert-test-account.ts';
import { migrationsBefore } from '../../e2e/support/migrations-before.ts';
import { testEngines } from '../../e2e/support/test-engines.ts';
import { parseSearchQuery } from '../../lib/search/parse-search-query.ts';
import { migrateDatabase } from '../migrate.ts';
import { insertMessages } from './messages.ts';
import { rowsOf } from './rows-of.ts';
import { searchMessages } from './search-messages.ts';
import { countUnindexedMessages, indexSearchDocuments } from './search-index.ts';

for (const [engine, open] of testEngines) {
  describe(`migration 0008_search on ${engine}`, async () => {
    const { database, cleanup } = await open();
    const before = migrationsBefore('0008_search');
    after(async () => (await cleanup(), fs.rmSync(before, { recursive: true, force: true })));
    await migrateDatabase(database, { migrationsFolder: before });
    const { db } = database;

    test('messages stored before the migration are found after it', async () => {
      const { userId, accountId } = await insertTestAccount(db, { email: 'old@t.test' });
      const [folder] = rowsOf<{ id: string }>(
        await db.execute(
          sql`insert into mail_folders (account_id, path, name) values (${accountId}, 'INBOX', 'Inbox') returning id`,
        ),
      );
      const stored = await insertMessages(db, [
        {
          accountId,
          folderId: folder!.id,
          uidValidity: 1,
          uid: 1,
          internalDate: new Date(Date.UTC(2026, 0, 1)),
          subject: 'Oude offerte',
          bodyState: 'done',
        },
        {
          accountId,
          folderId: folder!.id,
          uidValidity: 1,
          uid: 2,
          internalDate: new Date(Date.UTC(2026, 0, 2)),
          subject: 'Nog zonder body offerte',
        },
      ]);
      const done = stored.find((s) => s.uid === 1)!.id;
      // As the release before this one stored a body and an attachment (no search_vector column yet).
      await db.execute(sql`insert into message_bodies (message_id, text) values (${done}, 'De fietsen staan bij het café.')`);
      await db.execute(sql`insert into attachment_blobs (hash, size, data) values ('b1', 1, '\\x00'::bytea)`);
      await db.execute(
        sql`insert into attachments (message_id, filename, content_type, size, blob_hash) values (${done}, 'prijslijst-2026.pdf', 'application/pdf', 1, 'b1')`,
      );

      await migrateDatabase(database);
      // The migration adds the column; the background indexer fills it for the rows stored before.
      assert.equal(await countUnindexedMessages(db), 1);
      await indexSearchDocuments(db, 1_000);
      assert.equal(await countUnindexedMessages(db), 0);
      const found = async (q: string) => {
        const parsed = parseSearchQuery(q);
        assert.ok(parsed.ok);
        return (await searchMessages(db, userId, parsed.query, 10)).rows.map((r) => r.subject);
      };
      assert.deepEqual(await found('fiets cafe'), ['Oude offerte']);
      assert.deepEqual(await found('prijslijst'), ['Oude offerte']);
      assert.deepEqual(await found('offerte'), ['Oude offerte'], 'a row waiting for its body is indexed when the body comes');
    });
  });
}
