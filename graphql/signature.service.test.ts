// The per-account signature through the real API (GraphQL over HTTP, PostgreSQL): setSignature
// stores and clears it (null or only spaces), is bounded before any work (STYLE.md rule 14), and
// changes only the viewer's own account; another user sees NOT_FOUND (issue 11).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { insertSession } from '../db/queries/sessions.ts';
import { startApiServer, type ApiServer } from '../e2e/support/api-server.ts';
import { GraphQLHttpClient } from '../e2e/support/graphql-client.ts';
import { insertTestAccount } from '../e2e/support/insert-test-account.ts';
import { createTestDatabase, type TestDatabase } from '../e2e/support/test-database.ts';
import { hashSessionToken, newSessionToken, SESSION_COOKIE, SESSION_TTL_MS } from '../lib/auth/session-token.ts';
import { MAX_SIGNATURE_CHARS } from './signature.ts';

const SET = `mutation($a: ID!, $html: String) { setSignature(accountId: $a, html: $html) { id signatureHtml } }`;
const LIST = `{ mailAccounts { id signatureHtml } }`;

describe('setSignature through the API', () => {
  let testDb: TestDatabase;
  let server: ApiServer;
  let ann: GraphQLHttpClient;
  let cat: GraphQLHttpClient;
  let annAccount: string;
  const db = () => server.services.database.db;

  const signIn = async (id: string) => {
    const token = newSessionToken();
    await insertSession(db(), hashSessionToken(token), id, new Date(Date.now() + SESSION_TTL_MS));
    const c = new GraphQLHttpClient(server.url);
    c.cookie = `${SESSION_COOKIE}=${token}`;
    return c;
  };
  const annSignature = async () =>
    (await ann.data<{ mailAccounts: Array<{ id: string; signatureHtml: string | null }> }>(LIST)).mailAccounts.find(
      (a) => a.id === annAccount,
    )?.signatureHtml;

  before(async () => {
    testDb = await createTestDatabase();
    server = await startApiServer({ DATABASE_URL: testDb.url });
    const a = await insertTestAccount(db(), { email: 'ann@t.test' });
    const c = await insertTestAccount(db(), { email: 'cat@u.test' });
    annAccount = a.accountId;
    ann = await signIn(a.userId);
    cat = await signIn(c.userId);
  });
  after(async () => {
    await server?.close();
    await testDb?.drop();
  });

  test('stores, replaces and clears the signature of one’s own account', async () => {
    assert.equal(await annSignature(), null, 'none until set');
    const html = '<p><strong>Ann</strong> · <a href="https://t.test">t.test</a></p>';
    assert.deepEqual((await ann.data<{ setSignature: unknown }>(SET, { a: annAccount, html })).setSignature, {
      id: annAccount,
      signatureHtml: html,
    });
    assert.equal(await annSignature(), html);
    await ann.data(SET, { a: annAccount, html: '  ' });
    assert.equal(await annSignature(), null, 'only spaces clears it');
    await ann.data(SET, { a: annAccount, html });
    await ann.data(SET, { a: annAccount, html: null });
    assert.equal(await annSignature(), null, 'null clears it');
  });

  test('another user cannot set it, and the length is bounded', async () => {
    await ann.data(SET, { a: annAccount, html: '<p>Ann</p>' });
    const foreign = await cat.request(SET, { a: annAccount, html: '<p>Cat</p>' });
    assert.deepEqual([foreign.errors?.[0]?.extensions?.code, foreign.errors?.[0]?.extensions?.field], ['NOT_FOUND', 'accountId']);
    assert.equal(await annSignature(), '<p>Ann</p>', 'unchanged by the refused attempt');
    const atLimit = 'x'.repeat(MAX_SIGNATURE_CHARS);
    assert.equal(
      (await ann.data<{ setSignature: { signatureHtml: string } }>(SET, { a: annAccount, html: atLimit })).setSignature
        .signatureHtml,
      atLimit,
    );
    const tooLong = await ann.request(SET, { a: annAccount, html: 'x'.repeat(MAX_SIGNATURE_CHARS + 1) });
    assert.deepEqual([tooLong.errors?.[0]?.extensions?.code, tooLong.errors?.[0]?.extensions?.field], ['BAD_USER_INPUT', 'html']);
    assert.equal(await annSignature(), atLimit, 'a refused value leaves the stored one');
    const notAnId = await ann.request(SET, { a: 'nope', html: null });
    assert.equal(notAnId.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', 'an id that is no id is refused');
    assert.equal(await annSignature(), atLimit);
  });
});
