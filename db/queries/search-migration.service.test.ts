// Migrations 0008_search and 0010_source_first on a store made before them, on both engines: the
// messages stored before have no source and no search document; once the sync has fetched their
// sources, the extraction worker indexes them and they are found.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { migrationsBefore } from '../../e2e/support/migrations-before.ts';
import { testEngines } from '../../e2e/support/test-engines.ts';
import { parseSearchQuery } from '../../lib/search/parse-search-query.ts';
import { migrateDatabase } from '../migrate.ts';
import { insertMessages, storeFetchedSources } from './messages.ts';
import { rowsOf } from './rows-of.ts';
import { searchMessages } from './search-messages.ts';
import { createInProcessBus } from '../../lib/events/in-process-bus.ts';
import { startExtractionWorker } from '../../lib/message-store/extraction-worker.ts';
import { createParserPool } from '../../lib/mail/mime/parser-pool.ts';

/** The first message as its source: the body and attachment name the test searches for. */
const OLD_MESSAGE = [
  'Subject: Oude offerte',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b"',
  '',
  '--b',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: 8bit',
  '',
  'De fietsen staan bij het café.',
  '--b',
  'Content-Type: application/pdf',
  'Content-Disposition: attachment; filename="prijslijst-2026.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  'AA==',
  '--b--',
  '',
].join('\r\n');

for (const [engine, open] of testEngines) {
  describe(`migrations 0008_search and 0010_source_first on ${engine}`, async () => {
    const { database, cleanup } = await open();
    const before = migrationsBefore('0008_search');
    after(async () => (await cleanup(), fs.rmSync(before, { recursive: true, force: true })));
    await migrateDatabase(database, { migrationsFolder: before });
    const { db } = database;

    test('messages stored before the migration are found after it', async () => {
      // In SQL, not with insertTestAccount: drizzle's insert names every column of today's schema,
      // and a store from before 0008 lacks the later ones (mail_accounts.files_sent_mail, 0017).
      const [{ userId, accountId }] = rowsOf<{ userId: string; accountId: string }>(
        await db.execute(sql`with t as (insert into tenants (name) values ('old') returning id),
          u as (insert into users (tenant_id, email, name, password_hash) select id, 'old@t.test', 'old', 'not-used' from t returning id, tenant_id)
          insert into mail_accounts (tenant_id, user_id, email, settings_source, imap_host, imap_port, imap_ssl, imap_username,
            imap_password_sealed, imap_password_key_id, smtp_host, smtp_port, smtp_ssl, smtp_username, smtp_password_sealed,
            smtp_password_key_id, status)
          select tenant_id, id, 'old@t.test', 'manual', 'imap.invalid', 993, true, 'old@t.test', 'x', 'k', 'imap.invalid', 465,
            true, 'old@t.test', 'x', 'k', 'connected' from u
          returning user_id as "userId", id as "accountId"`),
      ) as [{ userId: string; accountId: string }];
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
      const states = rowsOf<{ uid: number; body_state: string; extracted_version: number }>(
        await db.execute(sql`select uid::int, body_state, extracted_version from messages order by uid`),
      );
      // No source was kept and the search indexer never reached them: fetched again, extracted again.
      assert.deepEqual(
        states.map((r) => [r.uid, r.body_state, r.extracted_version]),
        [
          [1, 'pending', 0],
          [2, 'pending', 0],
        ],
      );
      // What the sync's background fetch stores, then the extraction worker's pass.
      await storeFetchedSources(db, [
        { messageId: done, bytes: Buffer.from(OLD_MESSAGE) },
        {
          messageId: stored.find((s) => s.uid === 2)!.id,
          bytes: Buffer.from('Subject: Nog zonder body offerte\r\n\r\nLater.\r\n'),
        },
      ]);
      const bus = createInProcessBus();
      const pool = createParserPool({ size: 0 });
      const worker = startExtractionWorker({ db, bus, pool, idleMs: 20 });
      await worker.drained();
      await worker.stop();
      await bus.close();
      const found = async (q: string) => {
        const parsed = parseSearchQuery(q);
        assert.ok(parsed.ok);
        return (await searchMessages(db, userId, parsed.query, 10)).rows.map((r) => r.subject);
      };
      assert.deepEqual(await found('fiets cafe'), ['Oude offerte']);
      assert.deepEqual(await found('prijslijst'), ['Oude offerte']);
      assert.deepEqual(await found('offerte'), ['Nog zonder body offerte', 'Oude offerte']);
    });
  });
}
