// The sync's message store on both engines: envelopes, then sources (binary COPY on PostgreSQL,
// INSERT on PGlite), then what extraction derives from them, read back as the reader would.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { insertTestAccount } from '../../e2e/support/insert-test-account.ts';
import { wellFormedExtraction } from '../../lib/mail/mime/parse-message.ts';
import { testEngines } from '../../e2e/support/test-engines.ts';
import { migrateDatabase } from '../migrate.ts';
import { attachmentBlobs, attachments, mailFolders, messageBodies, messageSources, messages } from '../schema/index.ts';
import { storeAttachmentBlobs, sweepUnreferencedBlobs } from './attachment-blobs.ts';
import { storeExtractions, type MessageExtraction } from './message-extraction.ts';
import { rowsOf } from './rows-of.ts';
import { insertMessages, markBodyFailed, storeFetchedSources, type NewMessageRow } from './messages.ts';

for (const [engine, open] of testEngines) {
  describe(`message store on ${engine}`, async () => {
    const { database, cleanup } = await open();
    after(cleanup);
    await migrateDatabase(database);
    const { db } = database;
    const { accountId } = await insertTestAccount(db, { email: 'u@t.test' });
    const [folder] = await db.insert(mailFolders).values({ accountId: accountId, path: 'INBOX', name: 'Inbox' }).returning();
    const row = (uid: number): NewMessageRow => ({
      accountId: accountId,
      folderId: folder!.id,
      uidValidity: 7,
      uid,
      messageId: `m${uid}@t.test`,
      internalDate: new Date(Date.UTC(2026, 10, uid)),
      sentAt: null,
      subject: `Grüße Nr. ${uid} — "quoted" \\ back`,
      from: [{ name: 'Åsa Ström', address: 'asa@t.test' }],
      to: [{ name: '', address: 'u@t.test' }],
      cc: [],
      bcc: [],
      replyTo: [],
      inReplyTo: null,
      flags: ['\\Seen', '$Label1'],
      seen: true,
      flagged: false,
      size: 1234 + uid,
      modseq: '9007199254740993',
      hasAttachments: uid === 2,
      bodyState: 'pending',
    });

    test('envelopes go in once; a second insert of the same UIDs adds nothing', async () => {
      const first = await insertMessages(db, [row(1), row(2)]);
      assert.deepEqual(first.map((r) => r.uid).sort(), [1, 2]);
      const again = await insertMessages(db, [row(2), row(3)]);
      assert.deepEqual(
        again.map((r) => r.uid),
        [3],
      );
      const stored = await db.select().from(messages).where(eq(messages.folderId, folder!.id)).orderBy(asc(messages.uid));
      assert.equal(stored.length, 3);
      const m = stored[0]!;
      assert.equal(m.subject, 'Grüße Nr. 1 — "quoted" \\ back');
      assert.deepEqual(m.from, [{ name: 'Åsa Ström', address: 'asa@t.test' }]);
      assert.deepEqual(m.flags, ['\\Seen', '$Label1']);
      assert.equal(m.modseq, '9007199254740993');
      assert.equal(m.internalDate.toISOString(), '2026-11-01T00:00:00.000Z');
      assert.equal(m.bodyState, 'pending');
    });

    test('sources stored mark rows done; extraction writes bodies, the attachment index (no bytes) and its version', async () => {
      const ids = new Map((await db.select({ id: messages.id, uid: messages.uid }).from(messages)).map((r) => [r.uid, r.id]));
      await storeFetchedSources(
        db,
        [1, 2, 3].map((uid) => ({ messageId: ids.get(uid)!, bytes: Buffer.from(`Subject: ${uid}\r\n\r\nHallo ${uid}\r\n`) })),
      );
      const part = (ordinal: number, filename: string, inline = false) => ({
        ordinal,
        filename,
        contentType: inline ? 'image/png' : 'application/pdf',
        size: 10 + ordinal,
        contentId: inline ? 'logo@t' : null,
        inline,
        hash: createHash('sha256').update(filename).digest('hex'),
      });
      const body = (uid: number, extra: Partial<MessageExtraction>): MessageExtraction => ({
        id: ids.get(uid)!,
        contentHash: `hash-${uid}`,
        text: `Hallo ${uid}\nZeile 2 "x" \\ y`,
        html: `<p>Hallo ${uid}</p>`,
        snippet: `Hallo ${uid}`,
        references: [`r${uid}@t.test`],
        hasAttachments: false,
        parseError: null,
        attachments: [],
        ...extra,
      });
      const written = await storeExtractions(db, 1, [
        body(1, { attachments: [part(0, 'logo.png', true)] }),
        body(2, { hasAttachments: true, attachments: [part(0, 'logo.png', true), part(1, 'offer.pdf')] }),
        body(3, { text: null, html: null, parseError: 'multipart/mixed: the closing boundary is missing' }),
      ]);
      assert.equal(written.length, 3);
      assert.equal((await db.select().from(attachmentBlobs)).length, 0, 'no attachment bytes are copied out of the source');
      const parts = await db
        .select()
        .from(attachments)
        .where(eq(attachments.messageId, ids.get(2)!))
        .orderBy(asc(attachments.ordinal));
      assert.deepEqual(
        parts.map((p) => [p.ordinal, p.filename, p.blobHash, p.contentHash]),
        [
          [0, 'logo.png', null, part(0, 'logo.png').hash],
          [1, 'offer.pdf', null, part(1, 'offer.pdf').hash],
        ],
      );
      const [text] = await db
        .select()
        .from(messageBodies)
        .where(eq(messageBodies.messageId, ids.get(1)!));
      assert.equal(text!.text, 'Hallo 1\nZeile 2 "x" \\ y');
      const states = await db
        .select({
          uid: messages.uid,
          state: messages.bodyState,
          version: messages.extractedVersion,
          refs: messages.references,
          error: messages.parseError,
        })
        .from(messages)
        .orderBy(asc(messages.uid));
      assert.deepEqual(
        states.map((s) => [s.state, s.version]),
        [
          ['done', 1],
          ['done', 1],
          ['done', 1],
        ],
      );
      assert.deepEqual(states[0]!.refs, ['r1@t.test']);
      assert.equal(states[2]!.error, 'multipart/mixed: the closing boundary is missing', 'damaged but stored: still done');
      assert.deepEqual(await storeExtractions(db, 1, [body(1, {})]), [], 'already at this version: left alone');
      // A re-parse at a higher version replaces the attachment index instead of adding to it.
      await storeExtractions(db, 2, [body(2, { hasAttachments: true, attachments: [part(0, 'offer.pdf')] })]);
      const again = await db
        .select()
        .from(attachments)
        .where(eq(attachments.messageId, ids.get(2)!));
      assert.deepEqual(
        again.map((p) => p.filename),
        ['offer.pdf'],
      );
    });

    test('attachment bytes of rows from before sources were kept stay until no row points at them', async () => {
      const ids = new Map((await db.select({ id: messages.id, uid: messages.uid }).from(messages)).map((r) => [r.uid, r.id]));
      const logo = randomBytes(20_000);
      const pdf = randomBytes(300);
      const hash = (data: Buffer) => createHash('sha256').update(data).digest('hex');
      await storeAttachmentBlobs(
        db,
        new Map([
          [hash(logo), logo],
          [hash(pdf), pdf],
        ]),
      );
      const blobRow = (uid: number, data: Buffer, filename: string) => ({
        messageId: ids.get(uid)!,
        filename,
        contentType: 'application/octet-stream',
        size: data.byteLength,
        blobHash: hash(data),
        contentHash: hash(data),
      });
      await db
        .insert(attachments)
        .values([blobRow(1, logo, 'old-logo'), blobRow(2, logo, 'old-logo'), blobRow(2, pdf, 'old.pdf')]);
      const [two] = await db.select({ id: messages.id }).from(messages).where(eq(messages.uid, 2));
      await db.delete(messages).where(eq(messages.id, two!.id)); // as an expunge does: attachments cascade
      assert.equal((await db.select().from(attachmentBlobs)).length, 2, 'bytes outlive the rows');
      assert.equal(await sweepUnreferencedBlobs(db), 1);
      const left = await db.select().from(attachmentBlobs);
      assert.equal(left.length, 1);
      assert.equal(left[0]!.size, 20_000, 'the logo message 1 still shows stays');
      assert.equal(await sweepUnreferencedBlobs(db), 0);
    });

    test('an extraction with a lone UTF-16 surrogate is refused as JSON; made well-formed it is stored', async () => {
      await insertMessages(db, [row(4)]);
      const [four] = await db.select({ id: messages.id }).from(messages).where(eq(messages.uid, 4));
      await storeFetchedSources(db, [
        { messageId: four!.id, bytes: Buffer.from('Subject: 4\r\n\r\nA\xed\xa0\x80B\r\n', 'latin1') },
      ]);
      const write: MessageExtraction = {
        id: four!.id,
        contentHash: 'hash-4',
        text: 'A\ud800B',
        html: null,
        snippet: 'A\ud800B',
        references: [],
        hasAttachments: false,
        parseError: null,
        attachments: [],
      };
      await assert.rejects(storeExtractions(db, 1, [write]));
      await storeExtractions(db, 1, [wellFormedExtraction(write)]);
      const [body] = await db.select().from(messageBodies).where(eq(messageBodies.messageId, four!.id));
      assert.equal(body!.text, 'A\ufffdB');
    });

    test('every message keeps its raw source, byte for byte, stored in the transaction that marks it done', async () => {
      await insertMessages(db, [row(5), row(6)]);
      const ids = new Map((await db.select({ id: messages.id, uid: messages.uid }).from(messages)).map((r) => [r.uid, r.id]));
      // Bytes no text column could hold: NUL, invalid UTF-8, CR alone.
      const source = Buffer.concat([
        Buffer.from('Subject: cut\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n'),
        randomBytes(5_000),
      ]);
      const good = Buffer.from('Subject: 6\r\n\r\nfine\r\n');
      await storeFetchedSources(db, [
        { messageId: ids.get(5)!, bytes: source.subarray(0) },
        { messageId: ids.get(6)!, bytes: good },
      ]);
      const kept = await db
        .select()
        .from(messageSources)
        .where(inArray(messageSources.messageId, [ids.get(5)!, ids.get(6)!]));
      const damaged = kept.find((k) => k.messageId === ids.get(5))!;
      assert.ok(Buffer.from(damaged.bytes).equals(source), 'byte-identical');
      assert.equal(damaged.size, source.byteLength);
      const fine = kept.find((k) => k.messageId === ids.get(6));
      assert.ok(fine && Buffer.from(fine.bytes).equals(good), 'a good message keeps its source too');
      const [states] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(messages)
        .where(
          sql`${messages.bodyState} = 'done' and not exists (select 1 from message_sources s where s.message_id = ${messages.id})`,
        );
      assert.equal(Number(states!.n), 0, 'no message is done without its source');
      await db.delete(messages).where(eq(messages.id, ids.get(5)!));
      assert.equal(
        (
          await db
            .select()
            .from(messageSources)
            .where(eq(messageSources.messageId, ids.get(5)!))
        ).length,
        0,
        'it goes with its message',
      );
      // The last resort (the server would not deliver it): the row says why and is still found by its subject.
      await insertMessages(db, [row(7)]);
      const [seven] = await db.select({ id: messages.id }).from(messages).where(eq(messages.uid, 7));
      await markBodyFailed(db, seven!.id, 'the server did not deliver the message: NO [SERVERBUG]');
      const [marked] = await db.select().from(messages).where(eq(messages.id, seven!.id));
      assert.deepEqual(
        [marked!.bodyState, marked!.parseError, marked!.extractedVersion],
        ['error', 'the server did not deliver the message: NO [SERVERBUG]', 1],
      );
      const [searchable] = rowsOf<{ ok: boolean }>(
        await db.execute(sql`select search_vector is not null as ok from messages where id = ${seven!.id}`),
      );
      assert.equal(searchable!.ok, true);
    });
  });
}
