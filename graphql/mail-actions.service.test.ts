// The message actions through the real API (GraphQL over HTTP, PostgreSQL), without a mail
// server: the optimistic change and the stored action, the viewer's own messages only, bounded
// ids, and the sync's flag reconcile leaving a pending change alone (issue 10). Carrying the
// actions out on the wire: lib/sync/mail-actions.service.test.ts.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import { applyFlagChanges, insertMessages } from '../db/queries/messages.ts';
import { insertSession } from '../db/queries/sessions.ts';
import { mailActions, mailFolders, messages } from '../db/schema/index.ts';
import { startApiServer, type ApiServer } from '../e2e/support/api-server.ts';
import { GraphQLHttpClient } from '../e2e/support/graphql-client.ts';
import { insertTestAccount } from '../e2e/support/insert-test-account.ts';
import { createTestDatabase, type TestDatabase } from '../e2e/support/test-database.ts';
import { hashSessionToken, newSessionToken, SESSION_COOKIE, SESSION_TTL_MS } from '../lib/auth/session-token.ts';

const RECEIPT = `actions { id kind state targetFolderId messageIds } messages { id seen flagged folderId }`;
const MARK = `mutation($ids: [ID!]!, $seen: Boolean!) { markMessages(ids: $ids, seen: $seen) { ${RECEIPT} } }`;
const MOVE = `mutation($ids: [ID!]!, $folderId: ID!) { moveMessages(ids: $ids, folderId: $folderId) { ${RECEIPT} } }`;
const DELETE = `mutation($ids: [ID!]!) { deleteMessages(ids: $ids) { ${RECEIPT} } }`;
const SPAM = `mutation($ids: [ID!]!) { markSpam(ids: $ids) { ${RECEIPT} } }`;
const LIST = `query($folderId: ID!) { messages(folderId: $folderId) { nodes { id } } }`;

interface Receipt {
  actions: Array<{ id: string; kind: string; state: string; targetFolderId: string | null; messageIds: string[] }>;
  messages: Array<{ id: string; seen: boolean; flagged: boolean; folderId: string }>;
}

describe('message actions through the API', () => {
  let testDb: TestDatabase;
  let server: ApiServer;
  interface Mailbox {
    client: GraphQLHttpClient;
    inbox: string;
    trash: string;
    ids: string[];
  }
  let ann: Mailbox;
  let bob: Mailbox;
  const db = () => server.services.database.db;

  before(async () => {
    testDb = await createTestDatabase();
    server = await startApiServer({ DATABASE_URL: testDb.url });
    const mailbox = async (email: string): Promise<Mailbox> => {
      const account = await insertTestAccount(db(), { email });
      const [inbox, trash] = await db()
        .insert(mailFolders)
        .values([
          { accountId: account.accountId, path: 'INBOX', name: 'Inbox' },
          { accountId: account.accountId, path: 'Trash', name: 'Trash', specialUse: '\\Trash' },
        ])
        .returning();
      const rows = await insertMessages(
        db(),
        [1, 2, 3].map((n) => ({
          accountId: account.accountId,
          folderId: inbox!.id,
          uidValidity: 1,
          uid: n,
          internalDate: new Date(Date.UTC(2026, 10, n)),
          subject: `${email} ${n}`,
        })),
      );
      const token = newSessionToken();
      await insertSession(db(), hashSessionToken(token), account.userId, new Date(Date.now() + SESSION_TTL_MS));
      const client = new GraphQLHttpClient(server.url);
      client.cookie = `${SESSION_COOKIE}=${token}`;
      return { client, inbox: inbox!.id, trash: trash!.id, ids: rows.sort((a, b) => a.uid - b.uid).map((r) => r.id) };
    };
    ann = await mailbox('ann@t.test');
    bob = await mailbox('bob@t.test');
  });
  after(async () => {
    await server?.close();
    await testDb?.drop();
  });

  const actionCount = async () => (await db().select().from(mailActions)).length;

  test('markMessages changes the rows at once and stores one pending action', async () => {
    const { markMessages } = await ann.client.data<{ markMessages: Receipt }>(MARK, { ids: ann.ids.slice(0, 2), seen: true });
    assert.deepEqual(
      markMessages.actions.map((a) => [a.kind, a.state, a.messageIds.length]),
      [['SEEN', 'PENDING', 2]],
    );
    assert.deepEqual(
      markMessages.messages.map((m) => m.seen),
      [true, true],
    );
    const rows = await db().select().from(messages).where(inArray(messages.id, ann.ids));
    assert.deepEqual(rows.map((r) => [r.seen, r.flags]).sort(), [
      [false, []],
      [true, ['\\Seen']],
      [true, ['\\Seen']],
    ]);
  });

  test('the sync’s flag reconcile leaves a row with a pending flag action alone, until it ran', async () => {
    const first = ann.ids[0]!;
    // The server still says unseen (the action has not run): not applied.
    assert.deepEqual(await applyFlagChanges(db(), ann.inbox, 1, [{ uid: 1, flags: [], modseq: '5' }]), []);
    const [row] = await db().select().from(messages).where(eq(messages.id, first));
    assert.equal(row!.seen, true);
    // Once done, the server's word counts again.
    await db().update(mailActions).set({ state: 'done' });
    assert.deepEqual(await applyFlagChanges(db(), ann.inbox, 1, [{ uid: 1, flags: [], modseq: '6' }]), [first]);
  });

  test('another user’s message or folder is NOT_FOUND, and nothing changes', async () => {
    const before = await actionCount();
    const mixed = await ann.client.request(MARK, { ids: [ann.ids[2], bob.ids[0]], seen: true });
    assert.equal(mixed.errors?.[0]?.extensions?.code, 'NOT_FOUND');
    const foreignFolder = await ann.client.request(MOVE, { ids: [ann.ids[2]], folderId: bob.inbox });
    assert.equal(foreignFolder.errors?.[0]?.extensions?.code, 'NOT_FOUND');
    const unknown = await ann.client.request(MARK, { ids: [randomUUID()], seen: true });
    assert.equal(unknown.errors?.[0]?.extensions?.code, 'NOT_FOUND');
    assert.equal(await actionCount(), before);
    const rows = await db()
      .select()
      .from(messages)
      .where(inArray(messages.id, [ann.ids[2]!, bob.ids[0]!]));
    assert.ok(rows.every((r) => !r.seen && r.hiddenBy === null));
  });

  test('ids are bounded before anything else', async () => {
    const tooMany = await ann.client.request(MARK, { ids: Array.from({ length: 1001 }, () => randomUUID()), seen: true });
    assert.deepEqual([tooMany.errors?.[0]?.extensions?.code, tooMany.errors?.[0]?.extensions?.field], ['BAD_USER_INPUT', 'ids']);
    const malformed = await ann.client.request(MARK, { ids: ['not-an-id'], seen: true });
    assert.equal(malformed.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });

  test('deleteMessages goes to Trash (permanent from Trash) and hides the rows from the list; no Junk is an error', async () => {
    const third = bob.ids[2]!;
    const { deleteMessages } = await bob.client.data<{ deleteMessages: Receipt }>(DELETE, { ids: [third] });
    assert.deepEqual(
      deleteMessages.actions.map((a) => [a.kind, a.targetFolderId]),
      [['DELETE', bob.trash]],
    );
    const list = await bob.client.data<{ messages: { nodes: Array<{ id: string }> } }>(LIST, { folderId: bob.inbox });
    assert.ok(!list.messages.nodes.some((n) => n.id === third), 'gone from the list at once');
    assert.equal(list.messages.nodes.length, 2);

    // One already in Trash: deleted for good (no target).
    const [inTrash] = await insertMessages(db(), [
      { accountId: await accountOf(bob.ids[0]!), folderId: bob.trash, uidValidity: 1, uid: 9, internalDate: new Date() },
    ]);
    const purge = await bob.client.data<{ deleteMessages: Receipt }>(DELETE, { ids: [inTrash!.id, bob.ids[1]] });
    assert.deepEqual(
      purge.deleteMessages.actions.map((a) => [a.targetFolderId, a.messageIds]).sort(),
      [
        [bob.trash, [bob.ids[1]]],
        [null, [inTrash!.id]],
      ].sort(),
    );

    // Search leaves them out too (every plan filters hidden rows).
    const found = await bob.client.data<{ searchMessages: { nodes: Array<{ id: string }> } }>(
      `query { searchMessages(query: "is:unread", first: 10) { nodes { id } } }`,
    );
    assert.deepEqual(
      found.searchMessages.nodes.map((n) => n.id),
      [bob.ids[0]],
    );

    const spam = await bob.client.request(SPAM, { ids: [bob.ids[0]] });
    assert.equal(spam.errors?.[0]?.extensions?.code, 'MAIL_FOLDER_MISSING');
  });

  async function accountOf(messageId: string): Promise<string> {
    const [row] = await db().select().from(messages).where(eq(messages.id, messageId));
    return row!.accountId;
  }
});
