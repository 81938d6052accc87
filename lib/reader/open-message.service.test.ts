// message(id)'s core on both engines (issue 10): only the owner's message; bodies from
// message_bodies once extracted, else parsed from the stored source on open and the extraction
// stored (so the attachment rows the routes need exist); format=flowed joined; cid: parts as
// signed inline URLs (raster only), everything else as attachments; remote images as signed
// image-proxy URLs; a .eml URL once the source is stored.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { migrateDatabase } from '../../db/migrate.ts';
import { attachments, mailFolders, messageBodies, messages } from '../../db/schema/index.ts';
import { insertTestAccount } from '../../e2e/support/insert-test-account.ts';
import { testEngines } from '../../e2e/support/test-engines.ts';
import { loadCredentialsKey } from '../crypto/mail-credentials-key.ts';
import { createUrlSigner } from '../crypto/signed-url.ts';
import { EXTRACT_VERSION } from '../message-store/extract-version.ts';
import { databaseSourceStore } from '../message-store/source-store.ts';
import { FORMAT_FLOWED_EML, FORMAT_FLOWED_TEXT_START, newsletterSource } from './fixtures/reader-messages.ts';
import { openMessage } from './open-message.ts';

const signer = createUrlSigner(loadCredentialsKey(Buffer.alloc(32, 7).toString('base64'), '/nonexistent'));

for (const [engine, open] of testEngines) {
  describe(`openMessage on ${engine}`, async () => {
    const { database, cleanup } = await open();
    after(cleanup);
    await migrateDatabase(database);
    const { db } = database;
    const owner = await insertTestAccount(db, { email: 'owner@reader.test' });
    const stranger = await insertTestAccount(db, { email: 'stranger@reader.test' });
    const [folder] = await db
      .insert(mailFolders)
      .values({ accountId: owner.accountId, path: 'INBOX', name: 'Inbox' })
      .returning();
    let uid = 1;
    /** A message as the import leaves it (source stored, not extracted), or only its envelope ('pending'). */
    const imported = async (source: Buffer | null, fields: Partial<typeof messages.$inferInsert> = {}) => {
      const [row] = await db
        .insert(messages)
        .values({
          accountId: owner.accountId,
          folderId: folder!.id,
          uidValidity: 1,
          uid: uid++,
          internalDate: new Date('2026-12-01T10:00:00Z'),
          subject: 'Our news / December',
          from: [{ name: 'News', address: 'news@letter.test' }],
          bodyState: source ? 'done' : 'pending',
          ...fields,
        })
        .returning({ id: messages.id });
      if (source) await databaseSourceStore.put(db, [{ messageId: row!.id, bytes: source }]);
      return row!.id;
    };
    const deps = { db, signer };

    test('another user’s message, a gone one and a malformed id are null', async () => {
      const id = await imported(await newsletterSource());
      assert.equal(await openMessage(deps, stranger.userId, id), null);
      assert.equal(await openMessage(deps, owner.userId, '00000000-0000-0000-0000-000000000000'), null);
      assert.equal(await openMessage(deps, owner.userId, 'not-a-uuid'), null);
      assert.ok(await openMessage(deps, owner.userId, id));
    });

    test('not yet extracted: parsed from the source on open, the extraction stored once, inline and remote images signed', async () => {
      const id = await imported(await newsletterSource(['https://img.example/hero.png', 'https://track.example/p.gif?u=1&m=2']));
      const announced: string[] = [];
      const detail = (await openMessage({ ...deps, extracted: (m) => announced.push(m.id) }, owner.userId, id))!;
      assert.deepEqual(announced, [id], 'the list is told the message now has its snippet');
      assert.equal(detail.subject, 'Our news / December');
      assert.match(detail.html ?? '', /<h1>Hello<\/h1>/);
      assert.equal(detail.text?.trim(), 'Hello. Read more.');
      assert.equal(detail.parseError, null);
      // The PNG logo is an inline image; the SVG badge is not served as one: listed as an attachment.
      assert.deepEqual(
        detail.inlineImages.map((i) => i.contentId),
        ['logo@letter.test'],
      );
      assert.match(detail.inlineImages[0]!.url, /^\/api\/inline\/[0-9a-f-]{36}\?e=\d+&s=[\w-]{43}$/);
      assert.deepEqual(
        detail.attachments.map((a) => [a.filename, a.contentType]),
        [
          ['badge.svg', 'image/svg+xml'],
          ['programme.pdf', 'application/pdf'],
        ],
      );
      assert.match(detail.attachments[1]!.url, /^\/api\/attachments\/[0-9a-f-]{36}$/);
      assert.deepEqual(
        detail.remoteImages.map((r) => r.original),
        ['https://img.example/hero.png', 'https://track.example/p.gif?u=1&m=2'],
      );
      const proxied = new URL(detail.remoteImages[1]!.proxied, 'http://app');
      assert.equal(proxied.pathname, '/api/image-proxy');
      assert.equal(proxied.searchParams.get('m'), id);
      assert.equal(proxied.searchParams.get('u'), 'https://track.example/p.gif?u=1&m=2');
      assert.ok(
        signer.verify(
          {
            userId: owner.userId,
            kind: 'image-proxy',
            subject: [id, proxied.searchParams.get('u')!],
            expires: Number(proxied.searchParams.get('e')),
          },
          proxied.searchParams.get('s')!,
        ),
      );
      assert.match(detail.sourceUrl ?? '', new RegExp(`^/api/messages/${id}/source\\?e=\\d+&s=`));
      const [row] = await db.select().from(messages).where(eq(messages.id, id));
      assert.equal(row!.extractedVersion, EXTRACT_VERSION, 'stored as the extraction worker would');
      assert.equal((await db.select().from(attachments).where(eq(attachments.messageId, id))).length, 3);
      const again = (await openMessage({ ...deps, extracted: (m) => announced.push(m.id) }, owner.userId, id))!;
      assert.deepEqual(announced, [id], 'opened again: read from the store, not parsed again');
      assert.deepEqual(
        again.attachments.map((a) => a.id),
        detail.attachments.map((a) => a.id),
      );
    });

    test('extracted: the stored bodies are shown, not the source parsed again', async () => {
      const id = await imported(await newsletterSource(), { extractedVersion: EXTRACT_VERSION });
      await db
        .insert(messageBodies)
        .values({ messageId: id, text: 'stored text', html: '<p>stored <img src="https://img.example/s.png"></p>' });
      const detail = (await openMessage(deps, owner.userId, id))!;
      assert.equal(detail.text, 'stored text');
      assert.deepEqual(
        detail.remoteImages.map((r) => r.original),
        ['https://img.example/s.png'],
      );
      assert.deepEqual(detail.attachments, [], 'no attachment rows were stored for it');
    });

    test('format=flowed is joined (RFC 3676), quotes and the signature kept apart', async () => {
      const detail = (await openMessage(deps, owner.userId, await imported(FORMAT_FLOWED_EML)))!;
      assert.equal(detail.html, null);
      const lines = detail.text!.split(/\r?\n/);
      assert.equal(lines[0], FORMAT_FLOWED_TEXT_START);
      assert.ok(lines.includes('> A quoted line that was also wrapped.'), JSON.stringify(lines));
      assert.ok(lines.includes('-- '), 'the signature separator keeps its space');
    });

    test('source not stored yet: headers only, no .eml URL', async () => {
      const detail = (await openMessage(deps, owner.userId, await imported(null)))!;
      assert.equal(detail.subject, 'Our news / December');
      assert.equal(detail.html, null);
      assert.equal(detail.text, null);
      assert.equal(detail.sourceUrl, null);
      assert.deepEqual(detail.from, [{ name: 'News', address: 'news@letter.test' }]);
    });
  });
}
