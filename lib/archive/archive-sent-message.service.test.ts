// "Send and archive" (issue 12) on both engines: the intent is checked when queued (targets in the
// sender's tenant) and stored with the outbox row; after the server accepted the message the bytes
// sent are archived once — after-send twice at once, or a stop between "sent" and the after-send
// step followed by the start-up catch-up (twice), still make one document and one link per target.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { migrateDatabase } from '../../db/migrate.ts';
import { readArchiveBlob } from '../../db/queries/archived-documents.ts';
import { archivedDocuments, archiveLinks, outboxMessages, persons } from '../../db/schema/index.ts';
import { insertCrm, insertMailbox } from '../../e2e/support/archive-fixtures.ts';
import { testEngines } from '../../e2e/support/test-engines.ts';
import { afterSent, catchUpAfterSent } from '../drafts/after-sent.ts';
import { isAppError } from '../errors.ts';
import { createInProcessBus } from '../events/in-process-bus.ts';
import { composeMessage } from '../mail/mime/compose-message.ts';
import { queueMessage, type ComposeRequest } from '../outbox/queue-message.ts';
import { archiveTopic, type ArchiveChanged } from './archive-events.ts';
import type { ArchiveOnSend } from './archive-on-send.ts';

const code = (expected: string) => (error: unknown) => isAppError(error) && error.code === expected;

for (const [engine, open] of testEngines) {
  describe(`send and archive on ${engine}`, async () => {
    const { database, cleanup } = await open();
    const bus = createInProcessBus();
    after(async () => (await bus.close(), await cleanup()));
    await migrateDatabase(database);
    const { db } = database;
    const deps = { db, bus };
    const ann = await insertMailbox(db, 'ann@example.test');
    const crm = await insertCrm(db, ann.tenantId);
    const outsider = await insertMailbox(db, 'eve@elsewhere.test');
    const outsiderCrm = await insertCrm(db, outsider.tenantId, 'Other ');
    const viewer = { userId: ann.userId, name: 'Ann', tenantId: ann.tenantId };
    const events: ArchiveChanged[] = [];
    const subscription = bus.subscribe<ArchiveChanged>(archiveTopic(ann.tenantId));
    void (async () => {
      for await (const event of subscription) events.push(event);
    })();

    const compose = (subject: string, archive: ArchiveOnSend | null): ComposeRequest => ({
      accountId: ann.accountId,
      to: ['piet@acme.test'],
      cc: [],
      bcc: ['boss@example.test'],
      subject,
      text: `Beste Piet, ${subject}.`,
      html: null,
      replyToMessageId: null,
      forwardMessageId: null,
      forwardAsAttachment: false,
      attachmentIds: [],
      archive,
    });

    /** Queued an hour ahead (no sender runs here), then "sent" as a sender that stopped right after the 250. */
    const sentWithoutAfterSteps = async (subject: string, archive: ArchiveOnSend | null) => {
      const queued = await queueMessage(deps, viewer, compose(subject, archive), { sendAt: new Date(Date.now() + 3600_000) });
      const { raw } = await composeMessage({
        from: { name: 'Ann', address: 'ann@example.test' },
        to: queued.draft.to,
        cc: [],
        bcc: queued.draft.bcc,
        subject,
        text: queued.draft.text,
        html: null,
        inReplyTo: null,
        references: [],
        attachments: [],
        messageId: queued.messageId,
        date: new Date(),
      });
      const [sent] = await db
        .update(outboxMessages)
        .set({ state: 'sent', raw, sentAt: new Date() })
        .where(eq(outboxMessages.id, queued.id))
        .returning();
      return sent!;
    };
    const documentsOf = (messageIdHeader: string) =>
      db.select().from(archivedDocuments).where(eq(archivedDocuments.messageIdHeader, messageIdHeader));
    const linksOf = async (documentId: string) =>
      (await db.select().from(archiveLinks).where(eq(archiveLinks.documentId, documentId))).map((l) => l.targetId).sort();

    test('the intent is checked before anything is queued: targets of another tenant, none at all, a long category', async () => {
      const before = (await db.select({ n: sql<number>`count(*)::int` }).from(outboxMessages))[0]!.n;
      await assert.rejects(
        queueMessage(deps, viewer, compose('Fout', { targets: [outsiderCrm.person] })),
        code('ARCHIVE_TARGET_NOT_FOUND'),
      );
      await assert.rejects(queueMessage(deps, viewer, compose('Fout', { targets: [] })), code('BAD_USER_INPUT'));
      await assert.rejects(
        queueMessage(deps, viewer, compose('Fout', { targets: [crm.person], category: 'x'.repeat(101) })),
        code('BAD_USER_INPUT'),
      );
      const afterwards = (await db.select({ n: sql<number>`count(*)::int` }).from(outboxMessages))[0]!.n;
      assert.equal(afterwards, before, 'nothing queued');
    });

    test('after the server accepted it: the bytes sent are archived once, however often the step runs', async () => {
      const sent = await sentWithoutAfterSteps('Offerte verstuurd', {
        targets: [crm.person, crm.company, crm.person],
        category: ' Quote ',
        visibility: 'private',
      });
      assert.deepEqual(sent.archive, {
        targets: [crm.person, crm.company],
        category: 'Quote',
        visibility: 'private',
      });
      await Promise.all([afterSent(deps, sent), afterSent(deps, sent)]);
      await afterSent(deps, sent);
      const header = sent.messageId.replace(/^<|>$/g, '');
      const documents = await documentsOf(header);
      assert.equal(documents.length, 1, 'one document');
      const [document] = documents;
      assert.deepEqual(await linksOf(document!.id), [crm.person.id, crm.company.id].sort(), 'one link per target');
      assert.ok((await readArchiveBlob(db, document!.blobHash))!.equals(sent.raw!), 'the .eml is the bytes sent');
      assert.equal(document!.subject, 'Offerte verstuurd');
      assert.equal(document!.category, 'Quote');
      assert.equal(document!.privateTo, ann.userId);
      assert.deepEqual(
        document!.to.map((a) => a.address),
        ['piet@acme.test'],
      );
      assert.equal(document!.from[0]!.address, 'ann@example.test');
      const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, sent.id));
      assert.ok(row!.archivedAt, 'the intent is marked done');
      assert.equal(events.filter((e) => e.documentIds.includes(document!.id)).length, 1, 'announced once');
    });

    test('a stop between "sent" and the after-send step: the start-up catch-up archives it, once', async () => {
      const sent = await sentWithoutAfterSteps('Na de crash', { targets: [crm.company] });
      const header = sent.messageId.replace(/^<|>$/g, '');
      assert.equal((await documentsOf(header)).length, 0, 'nothing archived yet');
      await catchUpAfterSent(deps);
      await catchUpAfterSent(deps);
      const documents = await documentsOf(header);
      assert.equal(documents.length, 1);
      assert.deepEqual(await linksOf(documents[0]!.id), [crm.company.id]);
      assert.equal(documents[0]!.visibility, 'tenant');
    });

    test('a target deleted between queuing and sending is left out; with none left the intent is given up', async () => {
      const [extra] = await db.insert(persons).values({ tenantId: ann.tenantId, name: 'Tijdelijk' }).returning();
      const both = await sentWithoutAfterSteps('Een weg', { targets: [{ kind: 'person', id: extra!.id }, crm.sale] });
      const [gone] = await db.insert(persons).values({ tenantId: ann.tenantId, name: 'Weg' }).returning();
      const none = await sentWithoutAfterSteps('Alles weg', { targets: [{ kind: 'person', id: gone!.id }] });
      await db.delete(persons).where(eq(persons.id, extra!.id));
      await db.delete(persons).where(eq(persons.id, gone!.id));
      await afterSent(deps, both);
      await afterSent(deps, none);
      const [document] = await documentsOf(both.messageId.replace(/^<|>$/g, ''));
      assert.deepEqual(await linksOf(document!.id), [crm.sale.id]);
      assert.equal((await documentsOf(none.messageId.replace(/^<|>$/g, ''))).length, 0);
      const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, none.id));
      assert.ok(row!.archivedAt, 'not tried again at every start');
    });

    test('a message sent without the intent is not archived', async () => {
      const sent = await sentWithoutAfterSteps('Alleen versturen', null);
      await afterSent(deps, sent);
      assert.equal((await documentsOf(sent.messageId.replace(/^<|>$/g, ''))).length, 0);
    });
  });
}
