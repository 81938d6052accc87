// Archiving to the CRM on both engines (issue 12): the original source byte for byte in the CRM's
// own store, idempotent (twice, and two calls at once), surviving the account's removal and the
// attachment sweep, visibility ("only me") and tenant isolation in every query, bulk of 100,
// single attachments, unarchive, and the suggestions by address and domain.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { migrateDatabase } from '../../db/migrate.ts';
import { findArchivedDocument, readArchiveBlob } from '../../db/queries/archived-documents.ts';
import { sweepUnreferencedBlobs } from '../../db/queries/attachment-blobs.ts';
import { rowsOf } from '../../db/queries/rows-of.ts';
import { searchArchive } from '../../db/queries/search-archive.ts';
import {
  archiveBlobs,
  archivedDocuments,
  archiveLinks,
  attachmentBlobs,
  attachments,
  messages,
  messageSources,
} from '../../db/schema/index.ts';
import { insertColleague, insertCrm, insertMailbox } from '../../e2e/support/archive-fixtures.ts';
import { testEngines } from '../../e2e/support/test-engines.ts';
import type { AppServices } from '../app-services.ts';
import type { Viewer } from '../auth/viewer.ts';
import { isAppError } from '../errors.ts';
import { createInProcessBus } from '../events/in-process-bus.ts';
import { removeMailAccount } from '../mail-accounts/manage-mail-account.ts';
import { parseSearchQuery } from '../search/parse-search-query.ts';
import { archiveAttachments } from './archive-attachments.ts';
import { archiveTopic, type ArchiveChanged } from './archive-events.ts';
import { archiveMessage, archiveMessages } from './archive-messages.ts';
import { archivedDocuments as timeline, archiveStatusForMessages } from './archived-documents.ts';
import { suggestArchiveTargets } from './suggest-archive-targets.ts';
import { unarchive } from './unarchive.ts';

const code = (expected: string) => (error: unknown) => isAppError(error) && error.code === expected;

for (const [engine, open] of testEngines) {
  describe(`archive on ${engine}`, async () => {
    const { database, cleanup } = await open();
    const bus = createInProcessBus();
    after(async () => (await bus.close(), await cleanup()));
    await migrateDatabase(database);
    const { db } = database;
    const deps = { db, bus };

    const ann = await insertMailbox(db, 'ann@example.test');
    const bob = await insertColleague(db, ann.tenantId, 'bob@example.test');
    const crm = await insertCrm(db, ann.tenantId);
    const annViewer = { userId: ann.userId, tenantId: ann.tenantId };
    const bobViewer = { userId: bob.userId, tenantId: bob.tenantId };
    const outsider = await insertMailbox(db, 'eve@elsewhere.test');
    const outsiderViewer = { userId: outsider.userId, tenantId: outsider.tenantId };
    const outsiderCrm = await insertCrm(db, outsider.tenantId, 'Other ');
    const count = async (table: typeof archivedDocuments | typeof archiveLinks | typeof archiveBlobs) =>
      (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;

    test('a message is archived as its source byte for byte, with its fields, linked to the person and company', async () => {
      const mail = await ann.mail({ subject: 'Offerte Q4', text: 'De prijs is 4.200 euro.' });
      const result = await archiveMessage(deps, annViewer, mail.messageId, [crm.person, crm.company], { category: ' Quote ' });
      assert.equal(result.documentIds.length, 1);
      assert.equal(result.newLinks, 2);
      assert.deepEqual(result.targets.map((t) => t.name).sort(), ['Acme BV', 'Piet Jansen']);
      const document = await findArchivedDocument(db, annViewer, result.documentIds[0]!);
      assert.ok(document);
      assert.equal(document.kind, 'message');
      assert.equal(document.subject, 'Offerte Q4');
      assert.equal(document.category, 'Quote');
      assert.equal(document.visibility, 'tenant');
      assert.equal(document.contentType, 'message/rfc822');
      assert.equal(document.sourceMessageId, mail.messageId);
      assert.equal(document.messageIdHeader, `m1.${ann.accountId}@acme.test`);
      assert.equal(document.from[0]!.address, 'piet@acme.test');
      assert.match(document.snippet, /4\.200 euro/);
      assert.ok((await readArchiveBlob(db, document.blobHash))!.equals(mail.source), 'the .eml is the source byte for byte');
      const page = await timeline(db, bobViewer, crm.company);
      assert.deepEqual(
        page.nodes.map((n) => n.id),
        result.documentIds,
        'a colleague sees it on the company’s timeline',
      );
    });

    test('archiving the same mail to the same target twice, and twice at once, makes one document and one link', async () => {
      const mail = await ann.mail();
      const first = await archiveMessage(deps, annViewer, mail.messageId, [crm.project]);
      const again = await archiveMessage(deps, annViewer, mail.messageId, [crm.project]);
      assert.deepEqual(again.documentIds, first.documentIds);
      assert.equal(again.newLinks, 0);

      const other = await ann.mail();
      const documentsBefore = await count(archivedDocuments);
      const linksBefore = await count(archiveLinks);
      const concurrent = await Promise.all([
        archiveMessage(deps, annViewer, other.messageId, [crm.sale]),
        archiveMessage(deps, annViewer, other.messageId, [crm.sale]),
      ]);
      assert.deepEqual(concurrent[0].documentIds, concurrent[1].documentIds);
      assert.equal(concurrent[0].newLinks + concurrent[1].newLinks, 1, 'exactly one of the two calls linked it');
      assert.equal(await count(archivedDocuments), documentsBefore + 1);
      assert.equal(await count(archiveLinks), linksBefore + 1);

      // The same mail twice in one bulk call, and a copy of it in another folder (same source): one document.
      const bulk = await archiveMessages(deps, annViewer, [other.messageId, other.messageId], [crm.sale]);
      assert.deepEqual(bulk.documentIds, concurrent[0].documentIds);
    });

    test('the document outlives the mailbox: account removed, attachment sweep run, the .eml still byte-identical', async () => {
      const owner = await insertColleague(db, ann.tenantId, 'carol@example.test');
      const carol = { userId: owner.userId, tenantId: owner.tenantId };
      const logo = randomBytes(40_000);
      const mail = await owner.mail({ subject: 'With a logo', attachments: [{ filename: 'logo.png', content: logo }] });
      // As an old import stored it: the attachment's bytes in attachment_blobs, which the sweep deletes once unreferenced.
      const blobHash = mail.attachments[0]!.contentHash;
      await db.insert(attachmentBlobs).values({ hash: blobHash, size: logo.byteLength, data: logo }).onConflictDoNothing();
      await db.update(attachments).set({ blobHash }).where(eq(attachments.id, mail.attachments[0]!.id));
      const whole = await archiveMessage(deps, carol, mail.messageId, [crm.person]);
      const single = await archiveAttachments(deps, carol, mail.messageId, [mail.attachments[0]!.id], [crm.person]);

      const services = { database, sync: undefined } as unknown as AppServices;
      await removeMailAccount(services, { user: { id: owner.userId } } as Viewer, owner.accountId);
      assert.equal((await db.select().from(messages).where(eq(messages.id, mail.messageId))).length, 0, 'the mail is gone');
      await sweepUnreferencedBlobs(db);
      assert.equal((await db.select().from(attachmentBlobs).where(eq(attachmentBlobs.hash, blobHash))).length, 0, 'swept');

      const document = await findArchivedDocument(db, carol, whole.documentIds[0]!);
      assert.equal(document?.sourceMessageId, null, 'the link to the mailbox message is cleared, the document stays');
      assert.ok((await readArchiveBlob(db, document.blobHash))!.equals(mail.source), '.eml byte-identical');
      const attachment = await findArchivedDocument(db, carol, single.documentIds[0]!);
      assert.equal(attachment?.filename, 'logo.png');
      assert.ok((await readArchiveBlob(db, attachment.blobHash))!.equals(logo), 'the attachment byte-identical');
    });

    test('the mail again after a UIDVALIDITY reset (a new row, the same source) shows the mark; the old row’s link is cleared', async () => {
      const mail = await ann.mail({ subject: 'Before the reset' });
      const archived = await archiveMessage(deps, annViewer, mail.messageId, [crm.company]);
      await db.delete(messages).where(eq(messages.id, mail.messageId));
      assert.equal((await findArchivedDocument(db, annViewer, archived.documentIds[0]!))?.sourceMessageId, null);
      const again = await ann.mail({ subject: 'Before the reset' });
      await db
        .update(messageSources)
        .set({ bytes: mail.source, size: mail.source.byteLength })
        .where(eq(messageSources.messageId, again.messageId));
      await db
        .update(messages)
        .set({ contentHash: (await findArchivedDocument(db, annViewer, archived.documentIds[0]!))!.blobHash })
        .where(eq(messages.id, again.messageId));
      const marks = await archiveStatusForMessages(db, annViewer, [again.messageId]);
      assert.deepEqual(
        marks.map((m) => [m.wholeMessage, m.targets.map((t) => t.name)]),
        [[true, ['Acme BV']]],
      );
      assert.deepEqual(await archiveStatusForMessages(db, outsiderViewer, [again.messageId]), [], 'not the outsider’s message');
    });

    test('a single attachment is archived as its decoded bytes; another message’s attachment is NOT_FOUND', async () => {
      const pdf = randomBytes(10_000);
      const mail = await ann.mail({
        subject: 'Offerte met bijlage',
        attachments: [
          { filename: 'offerte.pdf', content: pdf },
          { filename: 'notes.txt', content: Buffer.from('x') },
        ],
      });
      const result = await archiveAttachments(deps, annViewer, mail.messageId, [mail.attachments[0]!.id], [crm.company]);
      const document = await findArchivedDocument(db, annViewer, result.documentIds[0]!);
      assert.equal(document?.kind, 'attachment');
      assert.equal(document.subject, 'Offerte met bijlage', 'the message it came from');
      assert.equal(document.filename, 'offerte.pdf');
      assert.ok((await readArchiveBlob(db, document.blobHash))!.equals(pdf));
      const marks = await archiveStatusForMessages(db, annViewer, [mail.messageId]);
      assert.equal(marks[0]?.wholeMessage, false, 'marked as having an archived attachment, not as archived whole');
      const elsewhere = await ann.mail({ attachments: [{ filename: 'a.txt', content: Buffer.from('a') }] });
      await assert.rejects(
        archiveAttachments(deps, annViewer, mail.messageId, [elsewhere.attachments[0]!.id], [crm.company]),
        code('NOT_FOUND'),
      );
    });

    test('private ("only me") is hidden from a colleague in the timeline, the document, the marks and unarchive', async () => {
      const mail = await ann.mail({ subject: 'Persoonlijk' });
      const result = await archiveMessage(deps, annViewer, mail.messageId, [crm.person], { visibility: 'private' });
      const id = result.documentIds[0]!;
      assert.ok(
        (await timeline(db, annViewer, crm.person)).nodes.some((n) => n.id === id),
        'the owner sees it',
      );
      assert.ok(!(await timeline(db, bobViewer, crm.person)).nodes.some((n) => n.id === id), 'the colleague does not');
      assert.equal(await findArchivedDocument(db, bobViewer, id), undefined);
      await assert.rejects(unarchive(deps, bobViewer, id), code('NOT_FOUND'));
      assert.equal((await archiveStatusForMessages(db, annViewer, [mail.messageId]))[0]?.documentIds[0], id);
      const search = async (viewer: typeof annViewer, text: string) => {
        const parsed = parseSearchQuery(text);
        assert.ok(parsed.ok);
        return (await searchArchive(db, viewer, parsed.query, 50)).map((d) => d.id);
      };
      for (const q of ['persoonlijk', 'in:archive subject:persoonlijk', 'person:jansen', 'company:acme.test persoonlijk']) {
        assert.ok((await search(annViewer, q)).includes(id), `the owner finds it by ${q}`);
        assert.ok(!(await search(bobViewer, q)).includes(id), `the colleague does not by ${q}`);
      }

      // The colleague archiving the same mail tenant-wide makes a second document: neither changes the other.
      const bobsCopy = await bob.mail({ subject: 'Persoonlijk' });
      await db
        .update(messageSources)
        .set({ bytes: mail.source, size: mail.source.byteLength })
        .where(eq(messageSources.messageId, bobsCopy.messageId));
      const shared = await archiveMessage(deps, bobViewer, bobsCopy.messageId, [crm.person]);
      assert.notEqual(shared.documentIds[0], id);
      assert.equal((await findArchivedDocument(db, annViewer, id))?.visibility, 'private');
    });

    test('tenant isolation: another tenant’s target, message or document is not found, its timeline empty', async () => {
      const mail = await ann.mail();
      await assert.rejects(
        archiveMessage(deps, annViewer, mail.messageId, [outsiderCrm.person]),
        code('ARCHIVE_TARGET_NOT_FOUND'),
      );
      await assert.rejects(
        archiveMessage(deps, annViewer, mail.messageId, [{ kind: 'company', id: crm.person.id }]),
        code('ARCHIVE_TARGET_NOT_FOUND'),
        'a person claimed to be a company',
      );
      await assert.rejects(archiveMessage(deps, outsiderViewer, mail.messageId, [outsiderCrm.person]), code('NOT_FOUND'));
      await assert.rejects(
        archiveMessage(deps, bobViewer, mail.messageId, [crm.person]),
        code('NOT_FOUND'),
        'a colleague’s mail is not yours',
      );
      const mine = await archiveMessage(deps, annViewer, mail.messageId, [crm.person]);
      assert.equal((await timeline(db, outsiderViewer, crm.person)).nodes.length, 0);
      assert.equal(await findArchivedDocument(db, outsiderViewer, mine.documentIds[0]!), undefined);
      await assert.rejects(unarchive(deps, outsiderViewer, mine.documentIds[0]!), code('NOT_FOUND'));
    });

    test('a message whose source is not stored yet is ARCHIVE_SOURCE_NOT_STORED, naming it; nothing is written', async () => {
      const mail = await ann.mail();
      await db.update(messages).set({ bodyState: 'pending' }).where(eq(messages.id, mail.messageId));
      const ready = await ann.mail();
      const before = await count(archivedDocuments);
      await assert.rejects(
        archiveMessages(deps, annViewer, [ready.messageId, mail.messageId], [crm.person]),
        (error: unknown) => {
          assert.ok(isAppError(error) && error.code === 'ARCHIVE_SOURCE_NOT_STORED');
          assert.deepEqual(error.details, { messageIds: [mail.messageId] });
          return true;
        },
      );
      assert.equal(await count(archivedDocuments), before);
    });

    test('bulk: 100 messages in one call, one document and one link each, newest first in pages', async () => {
      const mails = [];
      for (let i = 0; i < 100; i++) mails.push(await ann.mail({ subject: `Bulk ${i}` }));
      const started = performance.now();
      const result = await archiveMessages(
        deps,
        annViewer,
        mails.map((m) => m.messageId),
        [crm.sale],
      );
      const took = performance.now() - started;
      assert.equal(result.documentIds.length, 100);
      assert.equal(result.newLinks, 100);
      console.log(`[archive ${engine}] 100 messages archived in ${Math.round(took)} ms`);
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await timeline(db, bobViewer, crm.sale, { first: 30, after });
        seen.push(...page.nodes.map((n) => n.id));
        for (let i = 1; i < page.nodes.length; i++)
          assert.ok(page.nodes[i - 1]!.datedAt >= page.nodes[i]!.datedAt, 'newest first');
        if (!page.hasNextPage) break;
        after = page.endCursor;
      }
      assert.equal(new Set(seen).size, seen.length, 'no document twice across pages');
      assert.ok(result.documentIds.every((id) => seen.includes(id)));
    });

    test('unarchive: one target leaves the document, the last removes it and its bytes; an event each time', async () => {
      const mail = await ann.mail({ text: 'unique ' + randomBytes(8).toString('hex') });
      const events = bus.subscribe<ArchiveChanged>(archiveTopic(ann.tenantId));
      try {
        const result = await archiveMessage(deps, annViewer, mail.messageId, [crm.person, crm.company]);
        const id = result.documentIds[0]!;
        const archived = (await events.next()).value as ArchiveChanged;
        assert.equal(archived.change, 'archived');
        assert.deepEqual(archived.documentIds, [id]);
        assert.deepEqual(archived.messageIds, [mail.messageId]);
        assert.equal(archived.privateTo, null);

        assert.deepEqual(await unarchive(deps, bobViewer, id, crm.person), { documentDeleted: false });
        assert.deepEqual(((await events.next()).value as ArchiveChanged).targets, [crm.person]);
        assert.equal(
          (await timeline(db, annViewer, crm.person)).nodes.some((n) => n.id === id),
          false,
        );
        assert.equal(
          (await timeline(db, annViewer, crm.company)).nodes.some((n) => n.id === id),
          true,
        );
        const hash = (await findArchivedDocument(db, annViewer, id))!.blobHash;
        assert.deepEqual(await unarchive(deps, annViewer, id), { documentDeleted: true });
        assert.equal(await findArchivedDocument(db, annViewer, id), undefined);
        assert.equal(await readArchiveBlob(db, hash), null, 'bytes no document uses are deleted');
      } finally {
        await events.return?.();
      }
    });

    test('suggestions: the person by the sender’s address, their company, companies by domain; own addresses left out', async () => {
      const mail = await ann.mail({ from: 'piet@acme.test', to: 'ann@example.test, info@acme.test' });
      await db
        .update(messages)
        .set({
          to: [
            { name: 'Ann', address: 'ann@example.test' },
            { name: '', address: 'info@acme.test' },
          ],
        })
        .where(eq(messages.id, mail.messageId));
      const suggestions = await suggestArchiveTargets(db, annViewer, mail.messageId);
      assert.deepEqual(
        suggestions.map((s) => [s.kind, s.name, s.reason, s.matched]),
        [
          ['person', 'Piet Jansen', 'address', 'piet@acme.test'],
          ['company', 'Acme BV', 'person', 'piet@acme.test'],
        ],
      );
      const byDomain = await ann.mail({ from: 'sales@acme.test' });
      assert.deepEqual(
        (await suggestArchiveTargets(db, annViewer, byDomain.messageId)).map((s) => [s.kind, s.reason, s.matched]),
        [['company', 'domain', 'acme.test']],
      );
      const fromSelf = await ann.mail({ from: 'ann@example.test', to: 'colleague@example.test' });
      assert.deepEqual(await suggestArchiveTargets(db, annViewer, fromSelf.messageId), []);
      await assert.rejects(suggestArchiveTargets(db, outsiderViewer, mail.messageId), code('NOT_FOUND'));
      // The other tenant has its own Acme with the same domain: never suggested here.
      assert.ok(!suggestions.some((s) => s.name.startsWith('Other')));
    });

    test('the archive bytes are their own table: nothing in attachment_blobs or message_sources is referenced', async () => {
      const refs = rowsOf<{ table: string }>(
        await db.execute(sql`select distinct confrelid::regclass::text as table from pg_constraint
          where conrelid in ('archived_documents'::regclass, 'archive_links'::regclass) and contype = 'f'`),
      ).map((r) => r.table);
      assert.ok(!refs.includes('attachment_blobs') && !refs.includes('message_sources'), refs.join());
    });
  });
}
