/**
 * Drafts and the copy in Sent against the wire (issue 11): the test Dovecot and its SMTP relay,
 * real PostgreSQL, the sync supervisor carrying out the durable actions, and a second IMAP client
 * reading back what the server holds.
 *
 * 1. A draft saved → in Drafts once (\Draft \Seen); three saves queued while no runner is there
 *    → one APPEND, the last version, one copy.
 * 2. Sent with its draftId and a Bcc → delivered without it, a copy of the very bytes plus the Bcc
 *    header in Sent once (\Seen), the draft gone here and on the server; the copy action run
 *    again, and again after a "crash" between APPEND and done → still once.
 * 3. A provider that files sent mail itself (the account's override) → no copy queued.
 * 4. discardDraft → its copy leaves Drafts.
 * 5. draftFromMessage: our draft's synced copy → its draftId; another client's draft with a file
 *    → the composer's fields, the file as a new upload, and the draft taken over under its
 *    Message-ID (nothing appended yet); another client's draft edited and saved → one copy in
 *    Drafts, the new version (the old UID removed after the APPEND).
 * 5b. A draft with a pasted image (cid:) saved, saved again after its upload was swept → in
 *    Drafts with the image as a related part under its Content-ID; resumed → the image comes back
 *    as an inline upload and the HTML still names it cid:, not as an attachment.
 * 6. A stop between "sent" and the after-send steps → the catch-up at start files the copy, once.
 * 7. A reply's draft carries In-Reply-To on the server, so another client keeps it in the thread.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import type { ImapFlow } from 'imapflow';
import { findOutboxMessage, listOutbox } from '../../db/queries/outbox.ts';
import { deleteUploads, findOwnedUploads, insertUpload } from '../../db/queries/uploads.ts';
import { simpleParser } from 'mailparser';
import { PNG_1X1 } from '../reader/fixtures/reader-messages.ts';
import { drafts, mailAccounts, mailActions, messages, outboxMessages, type MailAction } from '../../db/schema/index.ts';
import { databaseSourceStore } from '../message-store/source-store.ts';
import { startOutboxSender, type OutboxSender } from '../outbox/outbox-sender.ts';
import { queueMessage, type ComposeRequest } from '../outbox/queue-message.ts';
import { outboxSubmitter } from '../outbox/submit-outbox-message.ts';
import { eventually, startSyncTestEnv, untilLive, type SyncTestEnv, type TestAccount } from '../sync/fixtures/sync-test-env.ts';
import { startSyncSupervisor, type SyncSupervisor } from '../sync/sync-supervisor.ts';
import { afterSent, catchUpAfterSent } from './after-sent.ts';
import { composeMessage } from '../mail/mime/compose-message.ts';
import { discardDraft } from './discard-draft.ts';
import { draftFromMessage } from './draft-from-message.ts';
import { saveDraft } from './save-draft.ts';
import { recordSentCopy } from '../../db/queries/drafts.ts';
import { wakeMailActions } from './wake-mail-actions.ts';

let env: SyncTestEnv;
let sam: TestAccount;
let ria: TestAccount;
let userId: string;
let supervisor: SyncSupervisor;
let sender: OutboxSender;
const deps = () => ({ db: env.database.db, bus: env.bus });
const viewer = () => ({ userId, name: 'Sam Visser' });

before(async () => {
  env = await startSyncTestEnv();
  sam = await env.createAccount('sam');
  ria = await env.createAccount('ria');
  userId = (await env.account(sam)).userId;
  supervisor = startSyncSupervisor(env.deps());
  sender = startOutboxSender(
    {
      ...deps(),
      submit: outboxSubmitter({
        db: env.database.db,
        credentialsKey: env.key,
        network: { guard: { mode: 'onsite' } },
        allowPlaintextAuth: false,
      }),
      onSent: (message) => afterSent(deps(), message),
    },
    { pollMs: 100 },
  );
  await untilLive(supervisor, sam);
});
after(async () => {
  await sender?.stop();
  await supervisor?.stop();
  await env?.close();
});

function compose(fields: Partial<ComposeRequest> = {}): ComposeRequest {
  return {
    accountId: sam.accountId,
    to: ['Ria <ria@example.test>'],
    cc: [],
    bcc: [],
    subject: 'Offerte',
    text: 'Beste Ria,',
    html: null,
    replyToMessageId: null,
    forwardMessageId: null,
    forwardAsAttachment: false,
    attachmentIds: [],
    ...fields,
  };
}

/** What `path` holds on the server, read by another client: Message-ID → { flags, subject }. */
async function onServer(account: TestAccount, path: string) {
  return env.withImap(account, async (client: ImapFlow) => {
    const found: Array<{ messageId: string; subject: string; flags: string[] }> = [];
    const lock = await client.getMailboxLock(path, { readOnly: true });
    try {
      if (client.mailbox && client.mailbox.exists === 0) return found;
      for await (const m of client.fetch('1:*', { envelope: true, flags: true }))
        found.push({
          messageId: m.envelope!.messageId!,
          subject: m.envelope!.subject ?? '',
          flags: [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort(),
        });
    } finally {
      lock.release();
    }
    return found;
  });
}

async function uidNext(path: string): Promise<number> {
  return env.withImap(sam, async (client) => {
    const status = await client.status(path, { uidNext: true });
    if (!status) throw new Error(`no STATUS for ${path}`);
    return Number(status.uidNext);
  });
}

async function actionsOf(where: { draftId?: string; outboxId?: string }): Promise<MailAction[]> {
  const all = await env.database.db.select().from(mailActions).where(eq(mailActions.accountId, sam.accountId));
  return all.filter((a) => (where.draftId ? a.draftId === where.draftId : a.outboxId === where.outboxId));
}

/** Like `stored`, once exactly one of Sam's messages has this Message-ID (older copies gone). */
async function storedOnly(messageId: string): Promise<string | undefined> {
  const rows = await env.database.db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.accountId, sam.accountId), eq(messages.messageId, messageId)));
  return rows.length === 1 && (await databaseSourceStore.has(env.database.db, rows[0]!.id)) ? rows[0]!.id : undefined;
}

/** The row of Sam's message with this Message-ID (no brackets), once its source is stored. */
async function stored(messageId: string): Promise<string | undefined> {
  const [row] = await env.database.db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.accountId, sam.accountId), eq(messages.messageId, messageId)));
  return row && (await databaseSourceStore.has(env.database.db, row.id)) ? row.id : undefined;
}

const allDone = (list: MailAction[]) => list.length > 0 && list.every((a) => a.state === 'done');
const copies = <T extends { messageId: string }>(list: T[], id: string) => list.filter((m) => m.messageId === id);

test('a saved draft is in Drafts once; saves queued meanwhile collapse to one APPEND of the last', async () => {
  const draft = await saveDraft(deps(), viewer(), null, compose({ subject: 'Versie 1' }));
  await eventually(() => actionsOf({ draftId: draft.id }), allDone);
  assert.deepEqual(copies(await onServer(sam, 'Drafts'), draft.messageId), [
    { messageId: draft.messageId, subject: 'Versie 1', flags: ['\\Draft', '\\Seen'] },
  ]);

  // No runner while three saves are queued (the lease holder is busy or away).
  await supervisor.stop();
  const before = await uidNext('Drafts');
  for (const n of [2, 3, 4]) await saveDraft(deps(), viewer(), draft.id, compose({ subject: `Versie ${n}` }));
  supervisor = startSyncSupervisor(env.deps());
  await untilLive(supervisor, sam);
  await eventually(() => actionsOf({ draftId: draft.id }), allDone);
  assert.equal((await uidNext('Drafts')) - before, 1, 'one APPEND for three saves');
  assert.deepEqual(
    copies(await onServer(sam, 'Drafts'), draft.messageId).map((m) => m.subject),
    ['Versie 4'],
    'only the last version, the earlier copy removed',
  );
});

test('sent with its draft: delivered, in Sent once (also when the copy is run again), the draft gone', async () => {
  const draft = await saveDraft(deps(), viewer(), null, compose({ subject: 'Concept' }));
  await eventually(() => actionsOf({ draftId: draft.id }), allDone);
  const queued = await queueMessage(deps(), viewer(), {
    ...compose({ subject: 'Verstuurd', bcc: ['Baas <baas@example.test>'] }),
    draftId: draft.id,
  });
  const sent = await eventually(
    () => findOutboxMessage(env.database.db, queued.id),
    (m) => m?.state === 'sent',
  );
  await eventually(() => actionsOf({ outboxId: queued.id }), allDone);
  await eventually(
    () => actionsOf({ draftId: draft.id }),
    (list) => allDone(list) && list.some((a) => a.kind === 'discard_draft'),
  );

  const inSent = copies(await onServer(sam, 'Sent'), queued.messageId);
  assert.deepEqual(inSent, [{ messageId: queued.messageId, subject: 'Verstuurd', flags: ['\\Seen'] }]);
  const bytes = await env.withImap(sam, async (client) => {
    const lock = await client.getMailboxLock('Sent', { readOnly: true });
    try {
      const [uid] = (await client.search({ header: { 'message-id': queued.messageId } }, { uid: true })) || [];
      const { content } = await client.download(String(uid), undefined, { uid: true });
      return Buffer.concat(await content!.toArray());
    } finally {
      lock.release();
    }
  });
  // The copy in Sent is the very bytes that were sent, with the Bcc header the SMTP bytes lack.
  assert.doesNotMatch(sent!.raw!.toString(), /baas@example\.test/);
  const end = sent!.raw!.indexOf('\r\n\r\n') + 2;
  assert.equal(bytes.subarray(0, end).toString(), sent!.raw!.subarray(0, end).toString());
  const bcc = 'Bcc: Baas <baas@example.test>\r\n';
  assert.equal(bytes.subarray(end, end + bcc.length).toString(), bcc);
  assert.ok(bytes.subarray(end + bcc.length).equals(sent!.raw!.subarray(end)));
  assert.equal(copies(await onServer(ria, 'INBOX'), queued.messageId).length, 1, 'delivered');
  const delivered = await env.withImap(ria, async (client) => {
    const lock = await client.getMailboxLock('INBOX', { readOnly: true });
    try {
      const [uid] = (await client.search({ header: { 'message-id': queued.messageId } }, { uid: true })) || [];
      const { content } = await client.download(String(uid), undefined, { uid: true });
      return Buffer.concat(await content!.toArray()).toString();
    } finally {
      lock.release();
    }
  });
  assert.doesNotMatch(delivered, /^Bcc:|baas@example\.test/im, 'the recipients never see the Bcc');
  assert.deepEqual(copies(await onServer(sam, 'Drafts'), draft.messageId), [], 'the draft left Drafts');
  assert.deepEqual(await env.database.db.select().from(drafts).where(eq(drafts.id, draft.id)), [], 'and the drafts table');

  // Asked again (a second onSent, say), and run again after a crash between APPEND and done.
  await wakeMailActions(env.bus, await recordSentCopy(env.database.db, sam.accountId, queued.id, queued.messageId));
  await eventually(
    () => actionsOf({ outboxId: queued.id }),
    (list) => list.length === 2 && allDone(list),
  );
  const [first] = await actionsOf({ outboxId: queued.id });
  await env.database.db.update(mailActions).set({ state: 'running' }).where(eq(mailActions.id, first!.id));
  await wakeMailActions(env.bus, first!);
  await eventually(() => actionsOf({ outboxId: queued.id }), allDone);
  assert.equal(copies(await onServer(sam, 'Sent'), queued.messageId).length, 1, 'still once');
});

test('a provider that files sent mail itself gets no copy appended', async () => {
  await env.database.db.update(mailAccounts).set({ filesSentMail: true }).where(eq(mailAccounts.id, sam.accountId));
  try {
    const [message] = await listOutbox(env.database.db, userId);
    await afterSent(deps(), { ...message!, id: crypto.randomUUID() });
    assert.deepEqual(
      (await env.database.db.select().from(mailActions).where(eq(mailActions.kind, 'append_sent'))).filter(
        (a) => a.outboxId !== message!.id,
      ),
      [],
    );
  } finally {
    await env.database.db.update(mailAccounts).set({ filesSentMail: null }).where(eq(mailAccounts.id, sam.accountId));
  }
});

test('a discarded draft leaves Drafts on the server, and its synced row with it, at once', async () => {
  const draft = await saveDraft(deps(), viewer(), null, compose({ subject: 'Weg ermee' }));
  await eventually(() => actionsOf({ draftId: draft.id }), allDone);
  assert.equal(copies(await onServer(sam, 'Drafts'), draft.messageId).length, 1);
  // The sync imported the copy: the Drafts list of every open browser shows it.
  const bare = draft.messageId.replace(/^<|>$/g, '');
  const rows = sql`(select count(*)::int from messages m where m.account_id = ${sam.accountId} and m.message_id = ${bare})`;
  const discarded = sql`(select count(*)::int from mail_actions a
    where a.draft_id = ${draft.id} and a.kind = 'discard_draft' and a.state = 'done')`;
  await eventually(
    () => env.database.db.execute(sql`select ${rows} as n`).then((r) => (r as unknown as Array<{ n: number }>)[0]!.n),
    (n) => n === 1,
  );
  await discardDraft(deps(), userId, draft.id);
  // One snapshot: when the discard is done its row is gone already, not left for the next round of
  // the folders (which would find the copy expunged; until then other browsers still listed it).
  const seen = await eventually(
    () =>
      env.database.db
        .execute(sql`select ${discarded} as done, ${rows} as n`)
        .then((r) => (r as unknown as Array<{ done: number; n: number }>)[0]!),
    (snapshot) => snapshot.done === 1,
  );
  assert.equal(seen.n, 0, 'the row left with the copy');
  assert.deepEqual(copies(await onServer(sam, 'Drafts'), draft.messageId), []);
});

test('draftFromMessage resumes our draft from its copy, and another client’s draft with its file', async () => {
  const draft = await saveDraft(deps(), viewer(), null, compose({ subject: 'Hervat mij', cc: ['Piet <piet@example.nl>'] }));
  const bare = draft.messageId.replace(/^<|>$/g, '');
  const ours = await eventually(() => stored(bare), Boolean);
  const resumed = await draftFromMessage(env.database.db, userId, ours!);
  assert.deepEqual(
    [resumed.draftId, resumed.subject, resumed.to, resumed.cc, resumed.text.trim()],
    [draft.id, 'Hervat mij', ['Ria <ria@example.test>'], ['Piet <piet@example.nl>'], 'Beste Ria,'],
  );

  await env.withImap(sam, (client) =>
    client.append(
      'Drafts',
      [
        'From: sam@example.test',
        'To: "Smit, Ann" <ann@klant.nl>, bob@klant.nl',
        'Subject: Uit Thunderbird',
        'Message-ID: <tb-draft-1@example.test>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Half af.',
        '--b',
        'Content-Type: application/pdf; name="offerte.pdf"',
        'Content-Disposition: attachment; filename="offerte.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('%PDF-1.4 offerte').toString('base64'),
        '--b--',
        '',
      ].join('\r\n'),
      ['\\Draft'],
    ),
  );
  const theirs = await eventually(() => stored('tb-draft-1@example.test'), Boolean);
  const content = await draftFromMessage(env.database.db, userId, theirs!);
  assert.deepEqual(
    [content.subject, content.to, content.text.trim()],
    ['Uit Thunderbird', ['"Smit, Ann" <ann@klant.nl>', 'bob@klant.nl'], 'Half af.'],
  );
  // Taken over under its own Message-ID (opened again: the same draft), nothing appended yet.
  assert.ok(content.draftId);
  assert.equal((await draftFromMessage(env.database.db, userId, theirs!)).draftId, content.draftId);
  assert.deepEqual(await actionsOf({ draftId: content.draftId }), [], 'opening it changes nothing on the server');
  const [upload] = await findOwnedUploads(
    env.database.db,
    userId,
    content.attachments.map((a) => a.id),
  );
  assert.deepEqual(
    [upload!.filename, upload!.contentType, upload!.content.toString()],
    ['offerte.pdf', 'application/pdf', '%PDF-1.4 offerte'],
  );
});

test('another client’s draft, edited and saved, replaces its copy in Drafts instead of leaving both', async () => {
  const tbId = '<tb-draft-2@example.test>';
  // With an image in its HTML (multipart/related, as Apple Mail writes a pasted picture).
  await env.withImap(sam, (client) =>
    client.append(
      'Drafts',
      [
        'From: sam@example.test',
        'To: ann@klant.nl',
        'Subject: Uit Apple Mail',
        `Message-ID: ${tbId}`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/related; boundary="r"',
        '',
        '--r',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>Eerste zin.</p><img src="cid:apple-1@mail">',
        '--r',
        'Content-Type: image/png',
        'Content-ID: <apple-1@mail>',
        'Content-Disposition: inline; filename="plaatje.png"',
        'Content-Transfer-Encoding: base64',
        '',
        PNG_1X1.toString('base64'),
        '--r--',
        '',
      ].join('\r\n'),
      ['\\Draft'],
    ),
  );
  const theirs = await eventually(() => stored('tb-draft-2@example.test'), Boolean);
  const resumed = await draftFromMessage(env.database.db, userId, theirs!);
  assert.deepEqual(
    [resumed.attachments, resumed.inlineImages.map((i) => i.contentId)],
    [[], ['apple-1@mail']],
    'its image is back in the text, not an attachment',
  );
  const saved = await saveDraft(
    deps(),
    viewer(),
    resumed.draftId,
    compose({
      to: resumed.to,
      subject: 'Uit Apple Mail, verder',
      text: 'Eerste zin. Tweede zin.',
      html: `${resumed.html}<p>Tweede zin.</p>`,
      inlineImages: [{ uploadId: resumed.inlineImages[0]!.upload.id, contentId: 'apple-1@mail' }],
    }),
  );
  assert.equal(saved.id, resumed.draftId);
  await eventually(() => actionsOf({ draftId: saved.id }), allDone);
  const inDrafts = (await onServer(sam, 'Drafts')).filter((m) => /^Uit Apple Mail/.test(m.subject));
  assert.deepEqual(inDrafts, [{ messageId: tbId, subject: 'Uit Apple Mail, verder', flags: ['\\Draft', '\\Seen'] }]);
});

test('a draft with a pasted image keeps it: in Drafts as an inline part, and back in the text when resumed', async () => {
  const image = await insertUpload(env.database.db, { userId, filename: 'plak.png', contentType: 'image/png', content: PNG_1X1 });
  const html = '<p>Zie hier:</p><p><img src="cid:plak-1@inline"></p>';
  const draft = await saveDraft(
    deps(),
    viewer(),
    null,
    compose({ subject: 'Met plaatje', html, inlineImages: [{ uploadId: image.id, contentId: 'plak-1@inline' }] }),
  );
  await eventually(() => actionsOf({ draftId: draft.id }), allDone);
  // A second save after the upload was swept (uploads last a day) keeps the image from the draft.
  await deleteUploads(env.database.db, userId, [image.id]);
  await saveDraft(
    deps(),
    viewer(),
    draft.id,
    compose({
      subject: 'Met plaatje',
      html,
      inlineImages: [{ uploadId: image.id, contentId: 'plak-1@inline' }],
      text: 'Zie hier: (2)',
    }),
  );
  await eventually(
    () => actionsOf({ draftId: draft.id }),
    (list) => list.length === 2 && allDone(list),
  );

  const source = await env.withImap(sam, async (client) => {
    const lock = await client.getMailboxLock('Drafts', { readOnly: true });
    try {
      const [uid] = (await client.search({ header: { 'message-id': draft.messageId } }, { uid: true })) || [];
      const { content } = await client.download(String(uid), undefined, { uid: true });
      return Buffer.concat(await content!.toArray());
    } finally {
      lock.release();
    }
  });
  const parsed = await simpleParser(source, { keepCidLinks: true });
  assert.match(String(parsed.html), /src="cid:plak-1@inline"/);
  const part = parsed.attachments.find((a) => a.cid === 'plak-1@inline');
  assert.ok(part?.related, 'a related (inline) part under the Content-ID the HTML names');
  assert.ok(part.content.equals(PNG_1X1));

  // The second save replaced the first copy on the server; wait until the sync has let go of the
  // first copy's row too, or the test may resume a row that is deleted under it.
  const copy = await eventually(() => storedOnly(draft.messageId.replace(/^<|>$/g, '')), Boolean);
  const resumed = await draftFromMessage(env.database.db, userId, copy!);
  assert.equal(resumed.draftId, draft.id);
  assert.deepEqual(resumed.attachments, [], 'the image is not an attachment');
  assert.deepEqual(
    resumed.inlineImages.map((i) => [i.contentId, i.upload.contentType, i.upload.size]),
    [['plak-1@inline', 'image/png', PNG_1X1.length]],
  );
  assert.match(resumed.html ?? '', /src="cid:plak-1@inline"/);
});

test('a stop between "sent" and the after-send steps: the catch-up files the copy in Sent, once', async () => {
  // Scheduled an hour ahead so the running sender leaves it; then "sent" as a sender that died
  // right after the server's 250 would have left it: bytes stored, no after-send steps.
  const queued = await queueMessage(deps(), viewer(), compose({ subject: 'Na de crash' }), {
    sendAt: new Date(Date.now() + 3600_000),
  });
  const { raw } = await composeMessage({
    from: { name: 'Sam', address: sam.email },
    to: ['ria@example.test'],
    cc: [],
    bcc: [],
    subject: 'Na de crash',
    text: 'Verstuurd.',
    html: null,
    inReplyTo: null,
    references: [],
    attachments: [],
    messageId: queued.messageId,
    date: new Date(),
  });
  await env.database.db
    .update(outboxMessages)
    .set({ state: 'sent', raw, sentAt: new Date() })
    .where(eq(outboxMessages.id, queued.id));
  assert.deepEqual(await actionsOf({ outboxId: queued.id }), [], 'nothing asked yet');

  assert.ok((await catchUpAfterSent(deps())) >= 1);
  await eventually(() => actionsOf({ outboxId: queued.id }), allDone);
  await catchUpAfterSent(deps());
  assert.equal((await actionsOf({ outboxId: queued.id })).length, 1, 'asked once, however often the catch-up runs');
  assert.equal(copies(await onServer(sam, 'Sent'), queued.messageId).length, 1);
});

test('a reply’s draft carries In-Reply-To and References on the server', async () => {
  const [original] = await env.database.db
    .select({ id: messages.id, messageId: messages.messageId })
    .from(messages)
    .where(and(eq(messages.accountId, sam.accountId), eq(messages.messageId, 'tb-draft-1@example.test')));
  const draft = await saveDraft(
    deps(),
    viewer(),
    null,
    compose({ subject: 'Re: Uit Thunderbird', replyToMessageId: original!.id }),
  );
  await eventually(() => actionsOf({ draftId: draft.id }), allDone);
  const headers = await env.withImap(sam, async (client) => {
    const lock = await client.getMailboxLock('Drafts', { readOnly: true });
    try {
      const [uid] = (await client.search({ header: { 'message-id': draft.messageId } }, { uid: true })) || [];
      const message = await client.fetchOne(String(uid), { headers: ['in-reply-to', 'references'] }, { uid: true });
      return message ? message.headers!.toString() : '';
    } finally {
      lock.release();
    }
  });
  assert.match(headers, /In-Reply-To: <tb-draft-1@example\.test>/);
  assert.match(headers, /References: <tb-draft-1@example\.test>/);
});
