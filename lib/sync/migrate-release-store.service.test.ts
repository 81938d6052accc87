/**
 * Issue 9: "the migration of a store made by the current release (a fixture database dump)".
 * The store (db/fixtures/release-0009-store.sql: parsed at import, attachment bytes in
 * attachment_blobs, sources mostly not kept) is loaded into a fresh database and migrated to the
 * latest schema.
 * 1. On both engines: the list, bodies and attachment downloads work as before, and rows are
 *    where migration 0010 puts them (no source: 'pending'; all keep extracted_version 1).
 * 2. With PostgreSQL and a real Dovecot holding the same mailbox: the sync fetches every missing
 *    source byte for byte, once, and nothing it already had.
 * 3. …without extracting again what the old import extracted (snippets, bodies, attachment rows).
 */
import assert from 'node:assert/strict';
import { X509Certificate, createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../db/client.ts';
import {
  RELEASE_0009_ACCOUNT_EMAIL,
  RELEASE_0009_MAILBOX,
  loadRelease0009Store,
  releaseSource,
} from '../../db/fixtures/release-0009-store.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { findUserAttachment } from '../../db/queries/attachment-download.ts';
import { readAttachmentBytes } from '../message-store/read-attachment-bytes.ts';
import { listFolderMessages } from '../../db/queries/message-list.ts';
import { readMessageSource } from '../../db/queries/message-sources.ts';
import { rowsOf } from '../../db/queries/rows-of.ts';
import { mailAccounts, mailFolders, messages, users } from '../../db/schema/index.ts';
import { createTestDatabase, type TestDatabase } from '../../e2e/support/test-database.ts';
import { testEngines } from '../../e2e/support/test-engines.ts';
import { seal } from '../crypto/secret-box.ts';
import { countingSourceStore } from './fixtures/counting-source-store.ts';
import { eventually, startSyncTestEnv, untilLive, type SyncTestEnv } from './fixtures/sync-test-env.ts';
import { startSyncSupervisor } from './sync-supervisor.ts';

type Db = Database['db'];

async function folderOf(db: Db, path: string) {
  const [folder] = await db.select().from(mailFolders).where(eq(mailFolders.path, path));
  return folder!;
}

/** What the old import extracted, to compare after the sync: nothing of it may be rewritten. */
async function extracted(db: Db) {
  const rows = rowsOf<{ id: string; snippet: string; extracted_version: number; body_xmin: string; attachment_ids: string }>(
    await db.execute(sql`
      select m.id, m.snippet, m.extracted_version, b.xmin::text as body_xmin,
        coalesce((select string_agg(a.id::text, ',' order by a.id) from attachments a where a.message_id = m.id), '') as attachment_ids
      from messages m left join message_bodies b on b.message_id = m.id order by m.id`),
  );
  return rows;
}

for (const [engine, open] of testEngines) {
  describe(`a release-0009 store migrated on ${engine}`, async () => {
    const { database, cleanup } = await open();
    after(cleanup);
    await loadRelease0009Store(database);
    await migrateDatabase(database);
    const { db } = database;

    test('the list, bodies and attachment downloads work; rows are where migration 0010 puts them', async () => {
      const inbox = await folderOf(db, 'INBOX');
      const listed = await listFolderMessages(db, inbox.id, 50);
      assert.equal(listed.length, RELEASE_0009_MAILBOX.filter((m) => m.folder === 'INBOX').length);
      assert.ok(
        listed.every((m) => m.snippet.length > 0),
        'snippets kept',
      );

      const rows = await db.select().from(messages);
      for (const row of rows) {
        const spec = RELEASE_0009_MAILBOX.find(
          (m) =>
            m.folder === (row.folderId === inbox.id ? 'INBOX' : 'Archive') &&
            m.internalDate.getTime() === row.internalDate.getTime(),
        )!;
        // A kept source (the damaged message's too) makes the row 'done'; without one it waits.
        assert.equal(row.bodyState, spec.sourceKept ? 'done' : 'pending', spec.file);
        assert.equal(row.extractedVersion, 1, `${spec.file}: what the old import extracted is kept`);
        const body = rowsOf<{ text: string | null; html: string | null }>(
          await db.execute(sql`select text, html from message_bodies where message_id = ${row.id}`),
        );
        assert.ok(body[0]?.text || body[0]?.html, `${spec.file}: body kept`);
      }
      const damaged = rows.find((m) => m.parseError)!;
      assert.match(damaged.parseError!, /closing boundary is missing/);
      assert.ok((await readMessageSource(db, damaged.id))!.equals(releaseSource(RELEASE_0009_MAILBOX[5]!)));

      const [owner] = await db.select().from(users).where(eq(users.email, RELEASE_0009_ACCOUNT_EMAIL));
      const attachmentRows = rowsOf<{ id: string; blob_hash: string; content_hash: string; filename: string }>(
        await db.execute(sql`select id, blob_hash, content_hash, filename from attachments`),
      );
      assert.ok(attachmentRows.some((a) => a.filename === 'Ansprechpartner Müller.csv'));
      for (const a of attachmentRows) {
        assert.equal(a.content_hash, a.blob_hash, 'content_hash from the blob address');
        const download = await findUserAttachment(db, owner!.id, a.id);
        assert.ok(download, a.filename);
        const bytes = await readAttachmentBytes(db, download);
        assert.equal(createHash('sha256').update(bytes).digest('hex'), a.content_hash);
      }
    });
  });
}

describe('a migrated release-0009 store synced against Dovecot holding the same mailbox (PostgreSQL)', () => {
  let env: SyncTestEnv;
  let testDb: TestDatabase;
  let database: Database;
  let before0: Awaited<ReturnType<typeof extracted>>;
  const counted = countingSourceStore();
  const onServer = new Map<string, Buffer>();

  before(async () => {
    env = await startSyncTestEnv();
    testDb = await createTestDatabase('crm_release');
    database = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
    await loadRelease0009Store(database);
    await migrateDatabase(database);
  });
  after(async () => {
    await database?.close();
    await testDb?.drop();
    await env?.close();
  });

  test('every missing source is fetched once, byte for byte; nothing already stored is fetched', async (t) => {
    const { db } = database;
    // The fixture's account moves to this test's Dovecot, with the same mailbox in the same order.
    const password = 'pw-release';
    await env.stack.addUser(RELEASE_0009_ACCOUNT_EMAIL, password);
    const sealed = seal(password, env.key);
    const fingerprint = new X509Certificate(env.stack.certPem).fingerprint256;
    await db
      .update(mailAccounts)
      .set({
        imapHost: env.stack.host,
        imapPort: env.stack.ports.imaps,
        imapSecretSealed: sealed.data,
        imapSecretKeyId: sealed.keyId,
        imapTrustedFingerprint: fingerprint,
        smtpHost: env.stack.host,
        smtpPort: env.stack.ports.smtps,
        smtpSecretSealed: sealed.data,
        smtpSecretKeyId: sealed.keyId,
        smtpTrustedFingerprint: fingerprint,
      })
      .where(eq(mailAccounts.email, RELEASE_0009_ACCOUNT_EMAIL));
    const [account] = await db.select().from(mailAccounts).where(eq(mailAccounts.email, RELEASE_0009_ACCOUNT_EMAIL));
    const testAccount = { accountId: account!.id, tenantId: account!.tenantId, email: RELEASE_0009_ACCOUNT_EMAIL, password };
    await env.withImap(testAccount, async (client) => {
      for (const m of RELEASE_0009_MAILBOX) await client.append(m.folder, releaseSource(m), m.flags, m.internalDate);
      // Dovecot picks UIDVALIDITY itself: the folders take the server's cursor, as if the old
      // release's last pass had just seen this mailbox (so Archive's strategy is 'none').
      for (const path of ['INBOX', 'Archive']) {
        const status = await client.status(path, { uidValidity: true, uidNext: true, highestModseq: true });
        if (!status) throw new Error(`no STATUS for ${path}`);
        const folder = await folderOf(db, path);
        await db
          .update(mailFolders)
          .set({
            uidValidity: Number(status.uidValidity),
            uidNext: status.uidNext!,
            highestModseq: status.highestModseq!.toString(),
          })
          .where(eq(mailFolders.id, folder.id));
        await db
          .update(messages)
          .set({ uidValidity: Number(status.uidValidity) })
          .where(eq(messages.folderId, folder.id));
        const lock = await client.getMailboxLock(path, { readOnly: true });
        try {
          for await (const m of client.fetch('1:*', { uid: true, source: true }))
            onServer.set(`${folder.id}/${m.uid}`, m.source!);
        } finally {
          lock.release();
        }
      }
    });
    before0 = await extracted(db);
    const rows0 = await db.select().from(messages);
    const missing = rows0.filter((m) => m.bodyState === 'pending').map((m) => m.id);
    assert.equal(missing.length, RELEASE_0009_MAILBOX.filter((m) => !m.sourceKept).length);

    const supervisor = startSyncSupervisor(env.deps({ database, sources: counted.store }));
    try {
      await untilLive(supervisor, testAccount);
      await eventually(
        async () => (await db.select().from(messages)).filter((m) => m.bodyState !== 'done').length,
        (n) => n === 0,
      );
      await untilLive(supervisor, testAccount);
    } finally {
      await supervisor.stop();
    }

    assert.deepEqual([...counted.puts.keys()].sort(), [...missing].sort(), 'only the missing sources were fetched');
    assert.ok(
      [...counted.puts.values()].every((n) => n === 1),
      'none twice',
    );
    let mailboxBytes = 0;
    for (const row of await db.select().from(messages)) {
      const original = onServer.get(`${row.folderId}/${row.uid}`)!;
      assert.ok((await readMessageSource(db, row.id))!.equals(original), `uid ${row.uid}: byte for byte`);
      mailboxBytes += original.byteLength;
    }
    const missingBytes = rows0.filter((m) => missing.includes(m.id)).reduce((n, m) => n + m.size, 0);
    assert.equal(counted.bytes(), missingBytes, 'bytes of sources fetched = what was missing');
    // Issue 9's target is ≤ 1.05 × the mailbox; for an upgraded store it is the missing part only.
    t.diagnostic(`sources fetched: ${counted.bytes()} bytes of a ${mailboxBytes}-byte mailbox`);
    assert.ok(counted.bytes() <= mailboxBytes);
  });

  test('nothing the old import extracted is extracted again (snippets, bodies, attachment rows, extracted_version)', async () => {
    assert.ok(before0, 'runs after the sync above');
    // What the server runs after the import: the worker finds nothing to do for these rows.
    await env.extract({ db: database.db });
    assert.deepEqual(await extracted(database.db), before0);
  });
});
