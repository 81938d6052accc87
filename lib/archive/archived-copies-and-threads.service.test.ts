// Archived mail found again from elsewhere: a copy that reaches the store later (the Sent copy of a
// message sent and archived, the same mail in a colleague's mailbox) gets its mark once its hash is
// known (announceArchivedCopies); a reply starts archived where its thread is (findThreadArchiveTargets).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { migrateDatabase } from '../../db/migrate.ts';
import { findArchivedCopies, findThreadArchiveTargets } from '../../db/queries/archived-documents.ts';
import { messages } from '../../db/schema/index.ts';
import { insertColleague, insertCrm, insertMailbox, type MailboxFixture } from '../../e2e/support/archive-fixtures.ts';
import { insertSourceMessage } from '../../e2e/support/insert-source-message.ts';
import { testEngines } from '../../e2e/support/test-engines.ts';
import { createInProcessBus } from '../events/in-process-bus.ts';
import { announceArchivedCopies } from './announce-archived-copies.ts';
import { archiveTopic, type ArchiveChanged } from './archive-events.ts';
import { archiveMessage } from './archive-messages.ts';
import { archiveStatusForMessages } from './archived-documents.ts';

for (const [engine, open] of testEngines) {
  describe(`archived copies on ${engine}`, async () => {
    const { database, cleanup } = await open();
    const bus = createInProcessBus();
    after(async () => (await bus.close(), await cleanup()));
    await migrateDatabase(database);
    const { db } = database;
    const ann = await insertMailbox(db, 'ann@example.test');
    const bob = await insertColleague(db, ann.tenantId, 'bob@example.test');
    const eve = await insertMailbox(db, 'eve@elsewhere.test');
    const crm = await insertCrm(db, ann.tenantId);
    let uid = 1000;
    /** The same bytes stored in another mailbox, its content hash known (as after extraction). */
    const copyIn = async (box: MailboxFixture, source: Buffer) => {
      const copy = await insertSourceMessage(db, { accountId: box.accountId, folderId: box.folderId, uid: uid++ }, source);
      await db
        .update(messages)
        .set({ contentHash: createHash('sha256').update(source).digest('hex') })
        .where(eq(messages.id, copy.messageId));
      return copy.messageId;
    };

    test('a copy in a colleague’s mailbox is announced and marked; a copy in another tenant is not', async () => {
      const mail = await ann.mail({ subject: 'Offer for Piet' });
      const archived = await archiveMessage({ db, bus }, { userId: ann.userId, tenantId: ann.tenantId }, mail.messageId, [
        crm.person,
      ]);
      const bobsCopy = await copyIn(bob, mail.source);
      const evesCopy = await copyIn(eve, mail.source);
      const unrelated = (await bob.mail({ subject: 'Something else' })).messageId;

      const events = bus.subscribe<ArchiveChanged>(archiveTopic(ann.tenantId));
      await announceArchivedCopies(db, bus, [bobsCopy, evesCopy, unrelated]);
      const { value } = await events.next();
      assert.deepEqual(value, {
        change: 'archived',
        targets: [],
        privateTo: null,
        messageIds: [bobsCopy],
        documentIds: archived.documentIds,
      });
      assert.deepEqual(
        (await findArchivedCopies(db, [evesCopy, unrelated])).map((c) => c.messageId),
        [],
        'another tenant’s copy and other mail are no archived copies',
      );
      const marks = await archiveStatusForMessages(db, { userId: bob.userId, tenantId: bob.tenantId }, [bobsCopy]);
      assert.deepEqual(
        marks.map((m) => [m.messageId, m.targets.map((t) => t.name)]),
        [[bobsCopy, ['Piet Jansen']]],
      );
      await events.return?.();
    });

    test('a private document’s copy is announced to its owner only', async () => {
      const mail = await ann.mail({ subject: 'Only mine' });
      await archiveMessage({ db, bus }, { userId: ann.userId, tenantId: ann.tenantId }, mail.messageId, [crm.company], {
        visibility: 'private',
      });
      const annsSentCopy = await copyIn(ann, mail.source);
      const events = bus.subscribe<ArchiveChanged>(archiveTopic(ann.tenantId));
      await announceArchivedCopies(db, bus, [annsSentCopy]);
      const { value } = await events.next();
      assert.equal(value.privateTo, ann.userId);
      assert.deepEqual(value.messageIds, [annsSentCopy]);
      await events.return?.();
    });

    test('a reply’s thread: targets of the archived messages it answers, for colleagues too; private ones only for their owner', async () => {
      const annViewer = { userId: ann.userId, tenantId: ann.tenantId };
      const bobViewer = { userId: bob.userId, tenantId: bob.tenantId };
      const question = await ann.mail({ subject: 'Question' });
      await archiveMessage({ db, bus }, annViewer, question.messageId, [crm.company]);
      const secret = await ann.mail({ subject: 'Secret' });
      await archiveMessage({ db, bus }, annViewer, secret.messageId, [crm.project], { visibility: 'private' });
      const [q] = await db.select({ id: messages.messageId }).from(messages).where(eq(messages.id, question.messageId));
      const [p] = await db.select({ id: messages.messageId }).from(messages).where(eq(messages.id, secret.messageId));
      // Bob's copy of a later reply in the thread: it answers the question (and, further up, the secret).
      const reply = (await bob.mail({ subject: 'Re: Question' })).messageId;
      await db
        .update(messages)
        .set({ inReplyTo: `<${q!.id}>`, references: [`<${p!.id}>`, `<${q!.id}>`] })
        .where(eq(messages.id, reply));

      const names = async (viewer: { userId: string; tenantId: string }, id: string) =>
        (await findThreadArchiveTargets(db, viewer, id)).map((t) => t.name).sort();
      assert.deepEqual(await names(bobViewer, reply), ['Acme BV'], 'the question’s company; not Ann’s private project');
      assert.deepEqual(await names(annViewer, secret.messageId), ['Website'], 'the message itself, archived privately');
      assert.deepEqual(await names(annViewer, reply), [], 'not Ann’s message: nothing');
      assert.deepEqual(await names(bobViewer, (await bob.mail({ subject: 'Unrelated' })).messageId), []);
    });
  });
}
