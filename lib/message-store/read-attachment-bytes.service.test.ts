// Attachment bytes on both engines (issue 9): cut from the stored source when the row has no blob,
// from attachment_blobs when it has one (rows from before), never wrong bytes when the row and the
// source disagree, a 20 MB attachment byte for byte, and the owner rule of findUserAttachment.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { migrateDatabase } from '../../db/migrate.ts';
import { findUserAttachment } from '../../db/queries/attachment-download.ts';
import { attachmentBlobs, attachments, mailFolders, messageSources, messages } from '../../db/schema/index.ts';
import { insertSourceMessage } from '../../e2e/support/insert-source-message.ts';
import { insertTestAccount } from '../../e2e/support/insert-test-account.ts';
import { testEngines } from '../../e2e/support/test-engines.ts';
import { isAppError } from '../errors.ts';
import { EVERY_ENCODING, everyEncodingSource } from '../mail/mime/fixtures/every-encoding.ts';
import { readAttachmentBytes } from './read-attachment-bytes.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const notInSource = (error: unknown) => isAppError(error) && error.code === 'ATTACHMENT_NOT_IN_SOURCE';

for (const [engine, open] of testEngines) {
  describe(`attachment bytes on ${engine}`, async () => {
    const { database, cleanup } = await open();
    after(cleanup);
    await migrateDatabase(database);
    const { db } = database;
    const owner = await insertTestAccount(db, { email: 'owner@cut.test' });
    const stranger = await insertTestAccount(db, { email: 'stranger@cut.test' });
    const [folder] = await db
      .insert(mailFolders)
      .values({ accountId: owner.accountId, path: 'INBOX', name: 'Inbox' })
      .returning();
    let uid = 1;
    const insert = (source: Buffer) =>
      insertSourceMessage(db, { accountId: owner.accountId, folderId: folder!.id, uid: uid++ }, source);
    /** The bytes the download would send, through the owner's lookup. */
    const download = async (attachmentId: string, userId = owner.userId) => {
      const row = await findUserAttachment(db, userId, attachmentId);
      return row && readAttachmentBytes(db, row);
    };
    const extractedVersion = async (messageId: string) =>
      (await db.select({ v: messages.extractedVersion }).from(messages).where(eq(messages.id, messageId)))[0]!.v;

    test('cut from the source: base64 with every byte value, quoted-printable, an inline cid image, byte-identical', async () => {
      const message = await insert(everyEncodingSource());
      assert.equal(message.attachments.length, EVERY_ENCODING.length);
      for (const [i, expected] of EVERY_ENCODING.entries()) {
        const row = message.attachments[i]!;
        assert.equal(row.contentHash, sha256(expected.bytes), `the helper recorded ${expected.name}`);
        const bytes = await download(row.id);
        assert.ok(bytes?.equals(expected.bytes), expected.name);
      }
      assert.deepEqual(await db.select().from(attachmentBlobs), [], 'nothing cached: a cut writes no blob');
    });

    test('an old row with its bytes in attachment_blobs (no ordinal, no source) still downloads', async () => {
      const bytes = randomBytes(70_000);
      const hash = sha256(bytes);
      const [message] = await db
        .insert(messages)
        .values({ accountId: owner.accountId, folderId: folder!.id, uidValidity: 1, uid: uid++, internalDate: new Date() })
        .returning();
      await db.insert(attachmentBlobs).values({ hash, size: bytes.byteLength, data: bytes });
      const [row] = await db
        .insert(attachments)
        .values({
          messageId: message!.id,
          filename: 'old.pdf',
          contentType: 'application/pdf',
          size: bytes.byteLength,
          blobHash: hash,
          contentHash: hash,
        })
        .returning();
      assert.ok((await download(row!.id))?.equals(bytes));
    });

    test('a row the source does not match: the typed error, never other bytes, and the message goes back to extraction', async () => {
      const message = await insert(everyEncodingSource());
      const [first] = message.attachments;
      // As if the extractor had recorded another file here (a parser change, a wrong index).
      await db
        .update(attachments)
        .set({ contentHash: sha256(Buffer.from('not in this message')) })
        .where(eq(attachments.id, first!.id));
      assert.equal(await extractedVersion(message.messageId), 1);
      await assert.rejects(download(first!.id), notInSource);
      assert.equal(await extractedVersion(message.messageId), 0, 'the extraction worker will rebuild its attachment index');

      // The right hash at the wrong ordinal is the right file: equal hashes are equal bytes.
      const other = await insert(everyEncodingSource());
      const notes = other.attachments[2]!;
      await db.update(attachments).set({ ordinal: 0 }).where(eq(attachments.id, notes.id));
      assert.ok((await download(notes.id))?.equals(EVERY_ENCODING[2]!.bytes));
      assert.equal(await extractedVersion(other.messageId), 1, 'found by its hash: nothing to rebuild');
    });

    test('no blob and no ordinal, or no stored source: the typed error', async () => {
      const message = await insert(everyEncodingSource());
      const [first, second] = message.attachments;
      await db.update(attachments).set({ ordinal: null, contentHash: null }).where(eq(attachments.id, first!.id));
      await assert.rejects(download(first!.id), notInSource);
      await db.delete(messageSources).where(eq(messageSources.messageId, message.messageId));
      await assert.rejects(download(second!.id), notInSource);
    });

    test('a 20 MB attachment between two others is cut byte for byte; cuts queued together all answer right', async () => {
      const big = randomBytes(20 * 1024 * 1024);
      const small = randomBytes(30_000);
      const source = await new MailComposer({
        from: 'sender@big.test',
        to: 'owner@cut.test',
        subject: 'twenty megabytes',
        text: 'See attached.',
        attachments: [
          { filename: 'before.bin', content: small },
          { filename: 'big.bin', content: big },
          { filename: 'after.txt', content: 'the last one' },
        ],
      })
        .compile()
        .build();
      const message = await insert(source);
      const [before, middle, last] = message.attachments;
      const [b, m, l] = await Promise.all([download(before!.id), download(middle!.id), download(last!.id)]);
      assert.ok(m?.equals(big), '20 MB byte for byte');
      assert.ok(b?.equals(small));
      assert.equal(l?.toString(), 'the last one');
    });

    test("another user's attachment is not found, whatever its bytes' origin", async () => {
      const message = await insert(everyEncodingSource());
      assert.equal(await findUserAttachment(db, stranger.userId, message.attachments[1]!.id), undefined);
      assert.equal(await download(message.attachments[1]!.id, stranger.userId), undefined);
      assert.ok(await download(message.attachments[1]!.id), 'the owner gets it');
    });
  });
}
