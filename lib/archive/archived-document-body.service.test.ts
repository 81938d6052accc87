// The body of an archived message, read from the CRM's own .eml (issue 12: "each opening in the
// same safe reader"): after the mailbox is gone, and never for someone who may not see it.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { migrateDatabase } from '../../db/migrate.ts';
import { messages } from '../../db/schema/index.ts';
import { insertColleague, insertCrm, insertMailbox } from '../../e2e/support/archive-fixtures.ts';
import { testEngines } from '../../e2e/support/test-engines.ts';
import { createInProcessBus } from '../events/in-process-bus.ts';
import { archiveAttachments } from './archive-attachments.ts';
import { archiveMessage } from './archive-messages.ts';
import { archivedDocumentBody } from './archived-document-body.ts';

for (const [engine, open] of testEngines) {
  describe(`archived document body on ${engine}`, async () => {
    const { database, cleanup } = await open();
    const bus = createInProcessBus();
    after(async () => (await bus.close(), await cleanup()));
    await migrateDatabase(database);
    const { db } = database;
    const ann = await insertMailbox(db, 'ann@example.test');
    const bob = await insertColleague(db, ann.tenantId, 'bob@example.test');
    const crm = await insertCrm(db, ann.tenantId);
    const annViewer = { userId: ann.userId, tenantId: ann.tenantId };
    const bobViewer = { userId: bob.userId, tenantId: bob.tenantId };

    test('the text comes from the archived .eml, also once the mailbox message is gone', async () => {
      const mail = await ann.mail({ subject: 'Body', text: 'Prijs: 4.200 euro.' });
      const { documentIds } = await archiveMessage({ db, bus }, annViewer, mail.messageId, [crm.company], {});
      await db.delete(messages).where(eq(messages.id, mail.messageId));
      const body = await archivedDocumentBody(db, bobViewer, documentIds[0]!);
      assert.match(body?.text ?? '', /4\.200 euro/);
    });

    test('a private document has no body for a colleague; an attachment has none at all', async () => {
      const mail = await ann.mail({ attachments: [{ filename: 'a.txt', content: Buffer.from('hello') }] });
      const priv = await archiveMessage({ db, bus }, annViewer, mail.messageId, [crm.person], { visibility: 'private' });
      assert.ok(await archivedDocumentBody(db, annViewer, priv.documentIds[0]!));
      assert.equal(await archivedDocumentBody(db, bobViewer, priv.documentIds[0]!), null);
      const file = await archiveAttachments({ db, bus }, annViewer, mail.messageId, [mail.attachments[0]!.id], [crm.person], {});
      assert.equal(await archivedDocumentBody(db, annViewer, file.documentIds[0]!), null);
      assert.equal(await archivedDocumentBody(db, annViewer, 'not-a-uuid'), null);
    });
  });
}
