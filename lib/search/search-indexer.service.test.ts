// The background search indexer (issue 9: index off the import's critical path), on both engines:
// a stored body becomes searchable once the indexer has run; while the sync imports it waits; a
// message still waiting for its body is not its business; it resumes by itself after a restart.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { migrateDatabase } from '../../db/migrate.ts';
import { insertMessages, storeMessageBodies } from '../../db/queries/messages.ts';
import { countUnindexedMessages } from '../../db/queries/search-index.ts';
import { searchMessages } from '../../db/queries/search-messages.ts';
import { mailFolders } from '../../db/schema/index.ts';
import { insertTestAccount } from '../../e2e/support/insert-test-account.ts';
import { testEngines } from '../../e2e/support/test-engines.ts';
import { parseSearchQuery } from './parse-search-query.ts';
import { startSearchIndexer } from './search-indexer.ts';

for (const [engine, open] of testEngines) {
  describe(`search indexer on ${engine}`, async () => {
    const { database, cleanup } = await open();
    after(cleanup);
    await migrateDatabase(database);
    const { db } = database;
    const { userId, accountId } = await insertTestAccount(db, { email: 'ix@t.test' });
    const [folder] = await db.insert(mailFolders).values({ accountId, path: 'INBOX', name: 'Inbox' }).returning();
    let uid = 0;
    const store = async (subject: string, body: string | null) => {
      const [row] = await insertMessages(db, [
        { accountId, folderId: folder!.id, uidValidity: 1, uid: ++uid, internalDate: new Date(), subject },
      ]);
      if (body === null) return row!.id;
      await storeMessageBodies(db, [
        {
          id: row!.id,
          contentHash: `h${uid}`,
          text: body,
          html: null,
          snippet: body.slice(0, 20),
          references: [],
          hasAttachments: false,
          parseError: null,
          source: Buffer.from(`Subject: ${subject}\r\n\r\n${body}`),
          attachments: [],
        },
      ]);
      return row!.id;
    };
    const found = async (q: string) => {
      const parsed = parseSearchQuery(q);
      assert.ok(parsed.ok);
      return (await searchMessages(db, userId, parsed.query, 50)).rows.map((r) => r.subject).sort();
    };

    test('bodies stored are indexed in the background, in batches; pending ones wait for their body', async () => {
      for (let n = 0; n < 7; n++) await store(`Offerte ${n}`, `De fietsen voor klant ${n} staan klaar.`);
      await store('Nog zonder body', null);
      assert.deepEqual(await found('fiets'), [], 'the body write itself builds no search document');
      assert.equal(await countUnindexedMessages(db), 7);
      const indexer = startSearchIndexer({ db, batch: 3, idleMs: 50 });
      try {
        await indexer.drained();
        assert.equal(await countUnindexedMessages(db), 0);
        assert.equal((await found('fiets')).length, 7);
        assert.deepEqual(await found('zonder'), [], 'a message without its body is not indexed yet');
        // New mail after the first pass: the next drained() covers it.
        await store('Nieuwe mail', 'Vergaderingen volgende week.');
        await indexer.drained();
        assert.deepEqual(await found('vergadering'), ['Nieuwe mail']);
      } finally {
        await indexer.stop();
      }
    });

    test('while the sync imports, the indexer waits; afterwards it catches up', async () => {
      await store('Tijdens import', 'Prijslijst in de bijlage.');
      let importing = true;
      let looked = 0;
      const busy = () => (looked++, importing);
      const indexer = startSearchIndexer({ db, busy, idleMs: 20 });
      try {
        // Wait until it has asked three times (state, not time): it found the sync busy and did nothing.
        while (looked < 3) await new Promise((resolve) => setTimeout(resolve, 10));
        assert.equal(await countUnindexedMessages(db), 1);
        importing = false;
        await indexer.drained();
        assert.deepEqual(await found('prijslijst'), ['Tijdens import']);
      } finally {
        await indexer.stop();
      }
    });
  });
}
