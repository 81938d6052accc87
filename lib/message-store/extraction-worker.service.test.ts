// The extraction worker on both engines: what the import stored as sources becomes snippets,
// bodies, the attachment index and search documents in the background; it waits while the sync
// imports, reports 'indexing' progress, re-parses after a parser change (a version bump) and
// resumes after being killed (PostgreSQL, a second process).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, describe, test } from 'node:test';
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { messageStoreState, storeExtractions } from '../../db/queries/message-extraction.ts';
import { insertMessages, storeFetchedSources } from '../../db/queries/messages.ts';
import { rowsOf } from '../../db/queries/rows-of.ts';
import { attachments, mailFolders, messageBodies, messages } from '../../db/schema/index.ts';
import { insertTestAccount } from '../../e2e/support/insert-test-account.ts';
import { testEngines } from '../../e2e/support/test-engines.ts';
import { projectRoot } from '../project-root.ts';
import { createInProcessBus } from '../events/in-process-bus.ts';
import { syncProgressTopic, type SyncProgressEvent } from '../sync/sync-events.ts';
import { EXTRACT_VERSION } from './extract-version.ts';
import { startExtractionWorker, type ExtractionWorkerOptions } from './extraction-worker.ts';
import { createParserPool } from '../mail/mime/parser-pool.ts';

/** A message with a text body and, when `file` is given, a PDF attachment. */
function source(n: number, file?: string): Buffer {
  const head = [`Subject: Offerte ${n}`, `Message-ID: <x-${n}@t.test>`, `References: <thread-${n}@t.test>`, 'MIME-Version: 1.0'];
  if (!file)
    return Buffer.from([...head, 'Content-Type: text/plain; charset=utf-8', '', `Fietsen nummer ${n}.`, ''].join('\r\n'));
  return Buffer.from(
    [
      ...head,
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Fietsen nummer ${n}.`,
      '--b',
      `Content-Type: application/pdf; name="${file}"`,
      `Content-Disposition: attachment; filename="${file}"`,
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(`pdf ${n}`).toString('base64'),
      '--b--',
      '',
    ].join('\r\n'),
  );
}

/** `count` messages stored as the import stores them: envelope rows, then sources (body_state 'done'). */
async function importedMailbox(db: Db, email: string, count: number, withFile = (n: number) => n % 3 === 0) {
  const { accountId } = await insertTestAccount(db, { email });
  const [folder] = await db.insert(mailFolders).values({ accountId, path: 'INBOX', name: 'Inbox' }).returning();
  const rows = await insertMessages(
    db,
    Array.from({ length: count }, (_, i) => ({
      accountId,
      folderId: folder!.id,
      uidValidity: 1,
      uid: i + 1,
      internalDate: new Date(Date.UTC(2026, 10, 1, 0, i)),
      subject: `Offerte ${i + 1}`,
    })),
  );
  await storeFetchedSources(
    db,
    rows.map((r) => ({ messageId: r.id, bytes: source(r.uid, withFile(r.uid) ? `prijslijst-${r.uid}.pdf` : undefined) })),
  );
  return { accountId, folderId: folder!.id, rows };
}

async function runUntilDrained(
  options: Omit<ExtractionWorkerOptions, 'pool' | 'bus'> & { bus?: ExtractionWorkerOptions['bus'] },
) {
  const bus = options.bus ?? createInProcessBus();
  const pool = createParserPool({ size: 0 });
  const worker = startExtractionWorker({ idleMs: 20, ...options, bus, pool });
  await worker.drained();
  await worker.stop();
}

const states = async (db: Db, accountId: string) =>
  db
    .select({ uid: messages.uid, version: messages.extractedVersion, snippet: messages.snippet, error: messages.parseError })
    .from(messages)
    .where(eq(messages.accountId, accountId))
    .orderBy(asc(messages.uid));

for (const [engine, open] of testEngines) {
  describe(`extraction worker on ${engine}`, async () => {
    const { database, cleanup } = await open();
    after(cleanup);
    await migrateDatabase(database);
    const { db } = database;

    test('stored sources become snippets, bodies, References, the attachment index and search documents; progress says indexing', async () => {
      const { accountId, rows } = await importedMailbox(db, 'a@t.test', 12);
      const bus = createInProcessBus();
      const events: SyncProgressEvent[] = [];
      const subscription = bus.subscribe<SyncProgressEvent>(syncProgressTopic(accountId));
      const collecting = (async () => {
        for await (const event of subscription) events.push(event);
      })();
      const waiting = { messages: 12, sourcesStored: 12, sourcesPending: 0, sourcesFailed: 0 };
      assert.deepEqual(
        await messageStoreState(db, accountId, EXTRACT_VERSION),
        { ...waiting, indexed: 0 },
        'the admin overview before',
      );
      await runUntilDrained({ db, bus, batchMessages: 4, progressIntervalMs: 0 });
      assert.deepEqual(await messageStoreState(db, accountId, EXTRACT_VERSION), { ...waiting, indexed: 12 }, 'and after');
      const after = await states(db, accountId);
      assert.deepEqual(
        after.map((r) => [r.version, r.snippet, r.error]),
        after.map((r) => [EXTRACT_VERSION, `Fietsen nummer ${r.uid}.`, null]),
      );
      const [three] = await db
        .select()
        .from(messages)
        .where(eq(messages.id, rows.find((r) => r.uid === 3)!.id));
      assert.deepEqual([three!.references, three!.hasAttachments], [['thread-3@t.test'], true]);
      assert.match(three!.contentHash ?? '', /^[0-9a-f]{64}$/);
      const parts = await db.select().from(attachments).where(eq(attachments.messageId, three!.id));
      assert.deepEqual(
        parts.map((p) => [p.ordinal, p.filename, p.blobHash]),
        [[0, 'prijslijst-3.pdf', null]],
      );
      const [body] = await db.select().from(messageBodies).where(eq(messageBodies.messageId, three!.id));
      assert.equal(body!.text?.trim(), 'Fietsen nummer 3.');
      const found = rowsOf<{ uid: number }>(
        await db.execute(
          sql`select uid::int from messages where account_id = ${accountId} and search_vector @@ search_query('prijslijst', false)
            order by uid`,
        ),
      );
      assert.deepEqual(
        found.map((r) => r.uid),
        [3, 6, 9, 12],
        'attachment names are searchable',
      );
      await subscription.return?.();
      await collecting;
      const indexing = events.filter((e) => e.phase === 'indexing');
      assert.ok(indexing.length >= 2, 'indexing progress while it works');
      assert.equal(indexing[0]!.overallTotal, 12);
      assert.ok(indexing.every((e, i) => i === 0 || e.overallDone >= indexing[i - 1]!.overallDone));
      assert.deepEqual(
        [events.at(-1)!.phase, events.at(-1)!.overallDone, events.at(-1)!.overallTotal],
        ['live', 12, 12],
        'and live when done',
      );
    });

    test('it waits while the sync imports (lowest priority), then does the work', async () => {
      const { accountId } = await importedMailbox(db, 'busy@t.test', 3);
      let importing = true;
      const pool = createParserPool({ size: 0 });
      const worker = startExtractionWorker({ db, bus: createInProcessBus(), pool, busy: () => importing, idleMs: 20 });
      try {
        // Several of its pauses go by: it looked, saw the import, and did nothing.
        for (let round = 0; round < 5; round++) await new Promise((resolve) => setTimeout(resolve, 25));
        assert.ok(
          (await states(db, accountId)).every((r) => r.version === 0),
          'nothing extracted during the import',
        );
        importing = false;
        await worker.drained();
        assert.ok((await states(db, accountId)).every((r) => r.version === EXTRACT_VERSION));
      } finally {
        await worker.stop();
      }
    });

    test('a parser change (version bump) re-parses from the kept source: a message an older parser failed on is read', async () => {
      const { accountId, rows } = await importedMailbox(db, 'bump@t.test', 4, (n) => n === 2);
      await runUntilDrained({ db });
      // What an older, buggy parser left for message 2: nothing read, an error. Its source was kept.
      await storeExtractions(db, EXTRACT_VERSION + 1, []);
      const two = rows.find((r) => r.uid === 2)!.id;
      await db
        .update(messages)
        .set({ snippet: '', parseError: 'the message could not be parsed: Unexpected end of input', hasAttachments: false })
        .where(eq(messages.id, two));
      await db.delete(attachments).where(eq(attachments.messageId, two));
      await runUntilDrained({ db, version: EXTRACT_VERSION + 1 });
      const after = await states(db, accountId);
      assert.deepEqual(
        after.map((r) => [r.uid, r.version, r.error]),
        [1, 2, 3, 4].map((uid) => [uid, EXTRACT_VERSION + 1, null]),
        'every stored message re-parsed at the new version',
      );
      assert.equal(after[1]!.snippet, 'Fietsen nummer 2.');
      const parts = await db.select().from(attachments).where(eq(attachments.messageId, two));
      assert.deepEqual(
        parts.map((p) => p.filename),
        ['prijslijst-2.pdf'],
        'the attachment index is rebuilt once, not duplicated',
      );
    });
  });
}

describe('extraction worker killed in the middle (PostgreSQL, a second process)', async () => {
  const [, openPostgres] = testEngines[0]!;
  const { database, url, cleanup } = await openPostgres();
  after(cleanup);
  await migrateDatabase(database);
  const { db } = database;

  test('SIGKILL mid-way: what was committed stays, the rest is extracted after the restart, nothing twice', async () => {
    const total = 400;
    const { accountId } = await importedMailbox(db, 'kill@t.test', total);
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        './scripts/register-server-only.mjs',
        'lib/message-store/fixtures/extraction-process.ts',
        url!,
      ],
      { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = once(child, 'exit');
    const extracted = async () =>
      Number(
        rowsOf<{ n: number }>(
          await db.execute(
            sql`select count(*)::int as n from messages where account_id = ${accountId} and extracted_version > 0`,
          ),
        )[0]!.n,
      );
    try {
      // Wait for state, not time: some batches committed, most of the work still ahead.
      for (;;) {
        const n = await extracted();
        if (n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      child.kill('SIGKILL');
      await exited;
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    const atKill = await extracted();
    assert.ok(atKill > 0 && atKill < total, `killed mid-way (${atKill} of ${total} extracted)`);
    await runUntilDrained({ db });
    assert.equal(await extracted(), total, 'every message extracted after the restart');
    const [dupes] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from (select a.message_id, a.ordinal from attachments a
        join messages m on m.id = a.message_id where m.account_id = ${accountId}
        group by a.message_id, a.ordinal having count(*) > 1) d`),
    );
    assert.equal(Number(dupes!.n), 0, 'no attachment row twice');
    const [withFile] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from attachments a join messages m on m.id = a.message_id
        where m.account_id = ${accountId}`),
    );
    assert.equal(Number(withFile!.n), Math.floor(total / 3));
  });
});
