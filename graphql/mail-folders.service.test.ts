// The folder mutations through the real API (GraphQL over HTTP, PostgreSQL), without a mail
// server: the stored action, bounded and validated names, typed refusals, the viewer's own
// mailboxes only (issue 10). Carrying them out on the wire: lib/sync/folder-actions.service.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { insertSession } from '../db/queries/sessions.ts';
import { mailActions, mailFolders } from '../db/schema/index.ts';
import { startApiServer, type ApiServer } from '../e2e/support/api-server.ts';
import { GraphQLHttpClient } from '../e2e/support/graphql-client.ts';
import { insertTestAccount } from '../e2e/support/insert-test-account.ts';
import { createTestDatabase, type TestDatabase } from '../e2e/support/test-database.ts';
import { hashSessionToken, newSessionToken, SESSION_COOKIE, SESSION_TTL_MS } from '../lib/auth/session-token.ts';

const ACTION = `id kind state targetFolderId folderPath`;
const CREATE = `mutation($accountId: ID!, $name: String!, $parentId: ID) { createFolder(accountId: $accountId, name: $name, parentId: $parentId) { ${ACTION} } }`;
const RENAME = `mutation($folderId: ID!, $name: String!) { renameFolder(folderId: $folderId, name: $name) { ${ACTION} } }`;
const DELETE = `mutation($folderId: ID!) { deleteFolder(folderId: $folderId) { ${ACTION} } }`;

describe('folder management through the API', () => {
  let testDb: TestDatabase;
  let server: ApiServer;
  let client: GraphQLHttpClient;
  let accountId: string;
  const folder: Record<string, string> = {};
  const db = () => server.services.database.db;

  before(async () => {
    testDb = await createTestDatabase();
    server = await startApiServer({ DATABASE_URL: testDb.url });
    const account = await insertTestAccount(db(), { email: 'cas@t.test' });
    accountId = account.accountId;
    const rows = await db()
      .insert(mailFolders)
      .values([
        { accountId, path: 'INBOX', name: 'INBOX', delimiter: '/' },
        { accountId, path: 'Sent', name: 'Sent', specialUse: '\\Sent', delimiter: '/' },
        { accountId, path: 'Work', name: 'Work', delimiter: '/' },
      ])
      .returning();
    for (const row of rows) folder[row.path] = row.id;
    const other = await insertTestAccount(db(), { email: 'dee@t.test' });
    const [theirs] = await db()
      .insert(mailFolders)
      .values({ accountId: other.accountId, path: 'Theirs', name: 'Theirs' })
      .returning();
    folder.theirs = theirs!.id;
    folder.otherAccount = other.accountId;
    const token = newSessionToken();
    await insertSession(db(), hashSessionToken(token), account.userId, new Date(Date.now() + SESSION_TTL_MS));
    client = new GraphQLHttpClient(server.url);
    client.cookie = `${SESSION_COOKIE}=${token}`;
  });
  after(async () => {
    await server?.close();
    await testDb?.drop();
  });

  const code = async (query: string, variables: Record<string, unknown>) => {
    const { errors } = await client.request(query, variables);
    return [errors?.[0]?.extensions?.code, errors?.[0]?.extensions?.field];
  };

  test('each mutation stores one pending action naming the path', async () => {
    const { createFolder } = await client.data<{ createFolder: Record<string, unknown> }>(CREATE, {
      accountId,
      name: 'Projects',
      parentId: folder.Work,
    });
    assert.deepEqual(
      [createFolder.kind, createFolder.state, createFolder.folderPath, createFolder.targetFolderId],
      ['CREATE_FOLDER', 'PENDING', 'Work/Projects', null],
    );
    const { renameFolder } = await client.data<{ renameFolder: Record<string, unknown> }>(RENAME, {
      folderId: folder.Work,
      name: 'Job',
    });
    assert.deepEqual(
      [renameFolder.kind, renameFolder.folderPath, renameFolder.targetFolderId],
      ['RENAME_FOLDER', 'Job', folder.Work],
    );
    const { deleteFolder } = await client.data<{ deleteFolder: Record<string, unknown> }>(DELETE, { folderId: folder.Work });
    assert.equal(deleteFolder.kind, 'DELETE_FOLDER');
    assert.equal((await db().select().from(mailActions)).length, 3);
  });

  test('names bounded before anything else, then validated; protected and foreign folders refused', async () => {
    const before = (await db().select().from(mailActions)).length;
    assert.deepEqual(await code(CREATE, { accountId, name: 'x'.repeat(201) }), ['BAD_USER_INPUT', 'name']);
    assert.deepEqual(await code(CREATE, { accountId, name: 'a/b' }), ['BAD_USER_INPUT', 'name']);
    assert.deepEqual(await code(CREATE, { accountId, name: '  ' }), ['BAD_USER_INPUT', 'name']);
    assert.deepEqual(await code(CREATE, { accountId, name: 'Work' }), ['MAIL_FOLDER_EXISTS', 'name']);
    assert.deepEqual(await code(RENAME, { folderId: folder.Sent, name: 'Out' }), ['MAIL_FOLDER_PROTECTED', 'folderId']);
    assert.deepEqual(await code(DELETE, { folderId: folder.INBOX }), ['MAIL_FOLDER_PROTECTED', 'folderId']);
    assert.deepEqual(await code(DELETE, { folderId: folder.theirs }), ['NOT_FOUND', 'folderId']);
    assert.deepEqual(await code(CREATE, { accountId: folder.otherAccount, name: 'Mine' }), ['NOT_FOUND', 'accountId']);
    assert.deepEqual(await code(CREATE, { accountId, name: 'Mine', parentId: folder.theirs }), ['NOT_FOUND', 'parentId']);
    assert.equal((await db().select().from(mailActions)).length, before);
  });
});
