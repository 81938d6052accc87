// Drafts and address suggestions through the real API (GraphQL over HTTP, PostgreSQL): saveDraft
// creates, then versions, a draft and queues one durable action per save; drafts lists only the
// viewer's; another user's draft is not found; discardDraft removes it and queues the server
// removal; setFilesSentMail changes only the viewer's own account; addressSuggestions answers from the viewer's correspondents with its bounds checked
// first (issue 11, STYLE.md rules 14 and 15). Send and archive is kept with a draft (saveDraft, checked as
// sendMessage checks it), carried into the draft by undoSend and handed back by resumeDraft and editOutboxMessage. No mail server: the runner is not under test here.
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { listDraftFiles } from '../db/queries/drafts.ts';
import { insertMessages } from '../db/queries/messages.ts';
import { deleteUploads, insertUpload } from '../db/queries/uploads.ts';
import { insertSession } from '../db/queries/sessions.ts';
import { companies, drafts, mailActions, mailFolders, outboxMessages, persons } from '../db/schema/index.ts';
import { PNG_1X1 } from '../lib/reader/fixtures/reader-messages.ts';
import { startApiServer, type ApiServer } from '../e2e/support/api-server.ts';
import { GraphQLHttpClient, subscribe } from '../e2e/support/graphql-client.ts';
import { insertTestAccount } from '../e2e/support/insert-test-account.ts';
import { createTestDatabase, type TestDatabase } from '../e2e/support/test-database.ts';
import { hashSessionToken, newSessionToken, SESSION_COOKIE, SESSION_TTL_MS } from '../lib/auth/session-token.ts';

const SAVE = `mutation($id: ID, $input: ComposeInput!) { saveDraft(id: $id, input: $input) { id accountId savedAt messageId subject to } }`;
const LIST = `{ drafts { id subject } }`;
const DISCARD = `mutation($id: ID!) { discardDraft(id: $id) }`;
const SUGGEST = `query($q: String!, $first: Int) { addressSuggestions(query: $q, first: $first) { name address } }`;

describe('drafts and address suggestions through the API', () => {
  let testDb: TestDatabase;
  let server: ApiServer;
  let ann: GraphQLHttpClient;
  let cat: GraphQLHttpClient;
  let annAccount: string;
  let annUser: string;
  let annTenant: string;
  let catTenant: string;
  const db = () => server.services.database.db;
  const input = (subject: string) => ({ accountId: annAccount, to: ['Bob <bob@x.nl>'], cc: [], bcc: [], subject, text: 'Hoi' });

  const signIn = async (id: string) => {
    const token = newSessionToken();
    await insertSession(db(), hashSessionToken(token), id, new Date(Date.now() + SESSION_TTL_MS));
    const c = new GraphQLHttpClient(server.url);
    c.cookie = `${SESSION_COOKIE}=${token}`;
    return c;
  };

  before(async () => {
    testDb = await createTestDatabase();
    server = await startApiServer({ DATABASE_URL: testDb.url });
    const a = await insertTestAccount(db(), { email: 'ann@t.test' });
    const c = await insertTestAccount(db(), { email: 'cat@u.test' });
    annAccount = a.accountId;
    annUser = a.userId;
    annTenant = a.tenantId;
    catTenant = c.tenantId;
    ann = await signIn(a.userId);
    cat = await signIn(c.userId);
    const [inbox] = await db()
      .insert(mailFolders)
      .values({ accountId: a.accountId, path: 'INBOX', name: 'INBOX', specialUse: '\\Inbox' })
      .returning();
    await insertMessages(db(), [
      {
        accountId: a.accountId,
        folderId: inbox!.id,
        uidValidity: 1,
        uid: 1,
        internalDate: new Date(),
        from: [{ name: 'Bob Bakker', address: 'bob@x.nl' }],
      },
    ]);
  });
  after(async () => {
    await server?.close();
    await testDb?.drop();
  });

  test('a draft is saved, saved again as a new version, listed, and discarded', async () => {
    const first = (
      await ann.data<{ saveDraft: { id: string; accountId: string; messageId: null } }>(SAVE, { input: input('Eén') })
    ).saveDraft;
    assert.equal(first.accountId, annAccount);
    assert.equal(first.messageId, null, 'not on the server yet');
    const again = (await ann.data<{ saveDraft: { id: string; subject: string } }>(SAVE, { id: first.id, input: input('Twee') }))
      .saveDraft;
    assert.deepEqual([again.id, again.subject], [first.id, 'Twee']);
    assert.deepEqual((await ann.data<{ drafts: unknown[] }>(LIST)).drafts, [{ id: first.id, subject: 'Twee' }]);
    assert.deepEqual((await cat.data<{ drafts: unknown[] }>(LIST)).drafts, [], 'only the viewer’s drafts');

    const cats = await cat.request(SAVE, { id: first.id, input: { ...input('Van Cat'), accountId: annAccount } });
    assert.equal(cats.errors?.[0]?.extensions?.code, 'NOT_FOUND', 'another user’s account and draft are not found');
    assert.equal((await cat.request(DISCARD, { id: first.id })).errors?.[0]?.extensions?.code, 'NOT_FOUND');

    assert.equal((await ann.data<{ discardDraft: boolean }>(DISCARD, { id: first.id })).discardDraft, true);
    assert.deepEqual((await ann.data<{ drafts: unknown[] }>(LIST)).drafts, []);
    const kinds = (await db().select().from(mailActions).where(eq(mailActions.draftId, first.id))).map((a) => a.kind);
    assert.deepEqual(
      kinds.sort(),
      ['discard_draft', 'save_draft', 'save_draft'],
      'each save and the discard are durable actions',
    );
  });

  test('draftsChanged tells the viewer’s other tabs of a save and a discard, and nobody else', async () => {
    const annWs = ann.ws();
    const catWs = cat.ws();
    try {
      const annEvents = subscribe<{ draftsChanged: { draftId: string; removed: boolean } }>(
        annWs,
        `subscription { draftsChanged { draftId removed } }`,
      );
      const catEvents = subscribe<{ draftsChanged: unknown }>(catWs, `subscription { draftsChanged { draftId } }`);
      const { id } = (await ann.data<{ saveDraft: { id: string } }>(SAVE, { input: input('Live') })).saveDraft;
      // The subscription may be registered only after this first save: save again until it is seen.
      let seen = await annEvents.next(2_000).catch(() => null);
      for (let i = 0; !seen && i < 10; i++) {
        await ann.data(SAVE, { id, input: input('Live') });
        seen = await annEvents.next(2_000).catch(() => null);
      }
      assert.deepEqual(seen?.data?.draftsChanged, { draftId: id, removed: false });
      await ann.data(DISCARD, { id });
      let removed = await annEvents.next();
      while (!removed.data?.draftsChanged.removed) removed = await annEvents.next();
      assert.deepEqual(removed.data.draftsChanged, { draftId: id, removed: true });
      await assert.rejects(catEvents.next(500), /no subscription event/, 'another user hears nothing');
    } finally {
      await annWs.dispose();
      await catWs.dispose();
    }
  });

  test('a draft keeps its own copy of its files: an upload swept later still goes with it', async () => {
    const userId = annUser;
    const upload = await insertUpload(db(), {
      userId,
      filename: 'offerte.pdf',
      contentType: 'application/pdf',
      content: Buffer.from('%PDF'),
    });
    const withFile = { ...input('Met bijlage'), attachmentIds: [upload.id] };
    const { id } = (await ann.data<{ saveDraft: { id: string } }>(SAVE, { input: withFile })).saveDraft;
    await deleteUploads(db(), userId, [upload.id]); // swept after a day, or sent from another draft
    await ann.data(SAVE, { id, input: { ...withFile, subject: 'Nog steeds met bijlage' } });
    assert.deepEqual(
      (await listDraftFiles(db(), id)).map((f) => [f.filename, f.content.toString()]),
      [['offerte.pdf', '%PDF']],
    );
    const missing = await ann.request(SAVE, { id, input: { ...withFile, attachmentIds: [randomUUID()] } });
    assert.deepEqual(
      [missing.errors?.[0]?.extensions?.code, missing.errors?.[0]?.extensions?.field],
      ['NOT_FOUND', 'attachmentIds'],
    );
    await ann.data(DISCARD, { id });
  });

  test('undo send turns the waiting message into a saved draft, files and inline image included; any session resumes it', async () => {
    const SEND = `mutation($input: ComposeInput!) { sendMessage(input: $input, undoSeconds: 30) { id state } }`;
    const UNDO = `mutation($id: ID!) { undoSend(id: $id) { id subject to bcc } }`;
    const RESUME = `mutation($id: ID!) { resumeDraft(id: $id) { draftId accountId subject to bcc text html
      attachments { id filename size } inlineImages { contentId upload { id contentType } } } }`;
    const OUTBOX = `{ outbox { id } }`;
    const file = await insertUpload(db(), {
      userId: annUser,
      filename: 'offerte.pdf',
      contentType: 'application/pdf',
      content: Buffer.from('%PDF'),
    });
    const image = await insertUpload(db(), { userId: annUser, filename: 'plak.png', contentType: 'image/png', content: PNG_1X1 });
    const html = '<p>Zie:</p><p><img src="cid:plak-1@inline"></p>';
    const compose = {
      ...input('Bijna verstuurd'),
      bcc: ['baas@x.nl'],
      html,
      attachmentIds: [file.id],
      inlineImages: [{ uploadId: image.id, contentId: 'plak-1@inline' }],
    };
    const sent = (await ann.data<{ sendMessage: { id: string; state: string } }>(SEND, { input: compose })).sendMessage;
    assert.equal(sent.state, 'QUEUED');

    assert.equal((await cat.request(UNDO, { id: sent.id })).errors?.[0]?.extensions?.code, 'NOT_FOUND', 'not another user’s');
    const draft = (
      await ann.data<{ undoSend: { id: string; subject: string; to: string[]; bcc: string[] } }>(UNDO, { id: sent.id })
    ).undoSend;
    assert.deepEqual([draft.subject, draft.to, draft.bcc], ['Bijna verstuurd', ['Bob <bob@x.nl>'], ['baas@x.nl']]);
    assert.ok(
      !(await ann.data<{ outbox: Array<{ id: string }> }>(OUTBOX)).outbox.some((m) => m.id === sent.id),
      'gone from the outbox',
    );
    assert.deepEqual(
      (await db().select().from(mailActions).where(eq(mailActions.draftId, draft.id))).map((a) => a.kind),
      ['save_draft'],
      'on its way to Drafts on the server',
    );
    assert.equal((await ann.request(UNDO, { id: sent.id })).errors?.[0]?.extensions?.code, 'NOT_FOUND', 'undone once');

    // A reload, or another browser: a new session resumes it from the server.
    const again = await signIn(annUser);
    type Resumed = {
      draftId: string;
      subject: string;
      html: string;
      attachments: Array<{ id: string; filename: string; size: number }>;
      inlineImages: Array<{ contentId: string; upload: { id: string; contentType: string } }>;
    };
    const resumed = (await again.data<{ resumeDraft: Resumed }>(RESUME, { id: draft.id })).resumeDraft;
    assert.deepEqual(
      [resumed.draftId, resumed.subject, resumed.html, resumed.attachments.map((a) => [a.filename, a.size])],
      [draft.id, 'Bijna verstuurd', html, [['offerte.pdf', 4]]],
    );
    assert.deepEqual(
      resumed.inlineImages.map((i) => [i.contentId, i.upload.contentType]),
      [['plak-1@inline', 'image/png']],
    );
    assert.equal((await cat.request(RESUME, { id: draft.id })).errors?.[0]?.extensions?.code, 'NOT_FOUND');

    // Sent again from the resumed composer: its uploads are what it carries.
    const resent = await ann.data<{ sendMessage: { id: string } }>(SEND, {
      input: {
        ...compose,
        attachmentIds: resumed.attachments.map((a) => a.id),
        inlineImages: [{ uploadId: resumed.inlineImages[0]!.upload.id, contentId: 'plak-1@inline' }],
        draftId: draft.id,
      },
    });
    // Too late once it is on its way.
    await db().update(outboxMessages).set({ state: 'sending' }).where(eq(outboxMessages.id, resent.sendMessage.id));
    assert.equal((await ann.request(UNDO, { id: resent.sendMessage.id })).errors?.[0]?.extensions?.code, 'SEND_TOO_LATE');
  });

  test('undo of a message written in a saved draft goes back into that draft', async () => {
    const SEND = `mutation($input: ComposeInput!) { sendMessage(input: $input, undoSeconds: 30) { id } }`;
    const saved = (await ann.data<{ saveDraft: { id: string } }>(SAVE, { input: input('Concept') })).saveDraft;
    const sent = (
      await ann.data<{ sendMessage: { id: string } }>(SEND, { input: { ...input('Concept, af'), draftId: saved.id } })
    ).sendMessage;
    const undone = (
      await ann.data<{ undoSend: { id: string; subject: string } }>(`mutation($id: ID!) { undoSend(id: $id) { id subject } }`, {
        id: sent.id,
      })
    ).undoSend;
    assert.deepEqual(undone, { id: saved.id, subject: 'Concept, af' });
    await ann.data(DISCARD, { id: saved.id });
  });

  test('Send and archive is kept with a draft, survives Undo send, and comes back with resumeDraft and Edit', async () => {
    const [piet] = await db().insert(persons).values({ tenantId: annTenant, name: 'Piet Archief' }).returning();
    const [firm] = await db().insert(companies).values({ tenantId: annTenant, name: 'Archief BV' }).returning();
    const [foreign] = await db().insert(persons).values({ tenantId: catTenant, name: 'Van een ander' }).returning();
    const ARCHIVE = 'archive { targets { kind id name } category visibility }';
    const SAVE_A = `mutation($id: ID, $input: ComposeInput!) { saveDraft(id: $id, input: $input) { id ${ARCHIVE} } }`;
    type Archive = { targets: Array<{ kind: string; id: string; name: string }>; category: string | null; visibility: string };
    type Saved = { saveDraft: { id: string; archive: Archive | null } };
    const toPiet = { targets: [{ kind: 'PERSON', id: piet!.id }], category: 'Offerte', visibility: 'PRIVATE' };
    const pietView: Archive = {
      targets: [{ kind: 'PERSON', id: piet!.id, name: 'Piet Archief' }],
      category: 'Offerte',
      visibility: 'PRIVATE',
    };
    const actions = async (draftId: string) =>
      (await db().select().from(mailActions).where(eq(mailActions.draftId, draftId))).length;

    // Saved and read back; a change of only the intent is kept without a new copy in Drafts.
    const saved = (await ann.data<Saved>(SAVE_A, { input: { ...input('Met archief'), archive: toPiet } })).saveDraft;
    assert.deepEqual(saved.archive, pietView);
    const before = await actions(saved.id);
    const both = { ...toPiet, targets: [...toPiet.targets, { kind: 'COMPANY', id: firm!.id }] };
    const widened = (await ann.data<Saved>(SAVE_A, { id: saved.id, input: { ...input('Met archief'), archive: both } }))
      .saveDraft;
    assert.equal(widened.id, saved.id);
    assert.deepEqual(
      widened.archive?.targets.map((t) => t.name),
      ['Piet Archief', 'Archief BV'],
    );
    assert.equal(await actions(saved.id), before, 'no new version appended for the intent alone');

    // Checked as sendMessage checks it: another tenant's row, or no target at all, is refused.
    const foreignTarget = { ...toPiet, targets: [{ kind: 'PERSON', id: foreign!.id }] };
    const refused = await ann.request(SAVE_A, { id: saved.id, input: { ...input('Met archief'), archive: foreignTarget } });
    assert.equal(refused.errors?.[0]?.extensions?.code, 'ARCHIVE_TARGET_NOT_FOUND');
    const empty = await ann.request(SAVE_A, { input: { ...input('Leeg'), archive: { ...toPiet, targets: [] } } });
    assert.equal(empty.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const [stored] = await db().select().from(drafts).where(eq(drafts.id, saved.id));
    assert.deepEqual(stored!.archive?.targets, [
      { kind: 'person', id: piet!.id },
      { kind: 'company', id: firm!.id },
    ]);

    // Sent from the draft, then undone: the draft has the intent the message had.
    const SEND = `mutation($input: ComposeInput!) { sendMessage(input: $input, undoSeconds: 30) { id } }`;
    const sent = (
      await ann.data<{ sendMessage: { id: string } }>(SEND, {
        input: { ...input('Met archief'), draftId: saved.id, archive: toPiet },
      })
    ).sendMessage;
    const undone = (
      await ann.data<{ undoSend: { id: string; archive: Archive | null } }>(
        `mutation($id: ID!) { undoSend(id: $id) { id ${ARCHIVE} } }`,
        {
          id: sent.id,
        },
      )
    ).undoSend;
    assert.equal(undone.id, saved.id);
    assert.deepEqual(undone.archive, pietView);
    const [afterUndo] = await db().select().from(drafts).where(eq(drafts.id, saved.id));
    assert.deepEqual(afterUndo!.archive, {
      targets: [{ kind: 'person', id: piet!.id }],
      category: 'Offerte',
      visibility: 'private',
    });
    const RESUME_A = `mutation($id: ID!) { resumeDraft(id: $id) { draftId ${ARCHIVE} } }`;
    const resumed = (await ann.data<{ resumeDraft: { draftId: string; archive: Archive | null } }>(RESUME_A, { id: saved.id }))
      .resumeDraft;
    assert.deepEqual(resumed, { draftId: saved.id, archive: pietView });

    // Cleared by a save without it; a draft never archived resumes without it.
    const cleared = (await ann.data<Saved>(SAVE_A, { id: saved.id, input: { ...input('Met archief'), archive: null } }))
      .saveDraft;
    assert.equal(cleared.archive, null);
    assert.equal(
      (await ann.data<{ resumeDraft: { archive: Archive | null } }>(RESUME_A, { id: saved.id })).resumeDraft.archive,
      null,
    );

    // Edit on an outbox message hands its intent back too; a target deleted since is left out.
    const failed = (
      await ann.data<{ sendMessage: { id: string } }>(SEND, {
        input: { ...input('Geweigerd'), archive: { ...both, category: null } },
      })
    ).sendMessage;
    await db().update(outboxMessages).set({ state: 'failed' }).where(eq(outboxMessages.id, failed.id));
    await db().delete(companies).where(eq(companies.id, firm!.id));
    const EDIT = `mutation($id: ID!) { editOutboxMessage(id: $id) { outboxId ${ARCHIVE} } }`;
    const edit = (await ann.data<{ editOutboxMessage: { archive: Archive | null } }>(EDIT, { id: failed.id })).editOutboxMessage;
    assert.deepEqual(edit.archive, { ...pietView, category: null });
    await ann.data(DISCARD, { id: saved.id });
  });

  test('the Sent copy setting per account: own setting or the provider’s default, only on one’s own account', async () => {
    const SET = `mutation($a: ID!, $v: Boolean) { setFilesSentMail(accountId: $a, filesSentMail: $v) { filesSentMail filesSentMailSetting } }`;
    assert.deepEqual((await ann.data<{ setFilesSentMail: unknown }>(SET, { a: annAccount, v: true })).setFilesSentMail, {
      filesSentMail: true,
      filesSentMailSetting: true,
    });
    assert.deepEqual(
      (await ann.data<{ setFilesSentMail: unknown }>(SET, { a: annAccount, v: null })).setFilesSentMail,
      { filesSentMail: false, filesSentMailSetting: null },
      'back to the default: a server not known to file sent mail',
    );
    assert.equal((await cat.request(SET, { a: annAccount, v: true })).errors?.[0]?.extensions?.code, 'NOT_FOUND');
  });

  test('address suggestions come from the viewer’s mail, with bounded input', async () => {
    const found = (await ann.data<{ addressSuggestions: unknown[] }>(SUGGEST, { q: 'bak' })).addressSuggestions;
    assert.deepEqual(found, [{ name: 'Bob Bakker', address: 'bob@x.nl' }]);
    assert.deepEqual((await cat.data<{ addressSuggestions: unknown[] }>(SUGGEST, { q: 'bob' })).addressSuggestions, []);
    const long = await ann.request(SUGGEST, { q: 'b'.repeat(101) });
    assert.deepEqual([long.errors?.[0]?.extensions?.code, long.errors?.[0]?.extensions?.field], ['BAD_USER_INPUT', 'query']);
    const many = await ann.request(SUGGEST, { q: 'b', first: 21 });
    assert.equal(many.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });
});
