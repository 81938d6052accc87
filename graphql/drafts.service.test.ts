// Drafts and address suggestions through the real API (GraphQL over HTTP, PostgreSQL): saveDraft
// creates, then versions, a draft and queues one durable action per save; drafts lists only the
// viewer's; another user's draft is not found; discardDraft removes it and queues the server
// removal; setFilesSentMail changes only the viewer's own account; addressSuggestions answers from the viewer's correspondents with its bounds checked
// first (issue 11, STYLE.md rules 14 and 15). No mail server: the runner is not under test here.
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { listDraftFiles } from '../db/queries/drafts.ts';
import { insertMessages } from '../db/queries/messages.ts';
import { deleteUploads, insertUpload } from '../db/queries/uploads.ts';
import { insertSession } from '../db/queries/sessions.ts';
import { mailActions, mailFolders } from '../db/schema/index.ts';
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
