// "Always show images from <sender>" through the real API (GraphQL over HTTP, PostgreSQL): each
// user sees and changes only their own list, even beside a colleague of the same tenant; the
// address is bounded and checked before anything is stored (issue 10, STYLE.md rule 14).
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { insertSession } from '../db/queries/sessions.ts';
import { users } from '../db/schema/index.ts';
import { startApiServer, type ApiServer } from '../e2e/support/api-server.ts';
import { GraphQLHttpClient } from '../e2e/support/graphql-client.ts';
import { insertTestAccount } from '../e2e/support/insert-test-account.ts';
import { createTestDatabase, type TestDatabase } from '../e2e/support/test-database.ts';
import { hashSessionToken, newSessionToken, SESSION_COOKIE, SESSION_TTL_MS } from '../lib/auth/session-token.ts';
import { imagesTrusted, MAX_TRUSTED_IMAGE_SENDERS } from '../lib/reader/trusted-image-senders.ts';

const LIST = `{ trustedImageSenders { address createdAt } }`;
const TRUST = `mutation($a: String!) { trustImageSender(address: $a) { address } }`;
const UNTRUST = `mutation($a: String!) { untrustImageSender(address: $a) }`;

describe('trusted image senders through the API', () => {
  let testDb: TestDatabase;
  let server: ApiServer;
  const client: Record<'ann' | 'bob' | 'cat', GraphQLHttpClient> = {} as never;
  const userId: Record<string, string> = {};
  const db = () => server.services.database.db;

  const signIn = async (id: string) => {
    const token = newSessionToken();
    await insertSession(db(), hashSessionToken(token), id, new Date(Date.now() + SESSION_TTL_MS));
    const c = new GraphQLHttpClient(server.url);
    c.cookie = `${SESSION_COOKIE}=${token}`;
    return c;
  };
  const list = async (who: keyof typeof client) =>
    (await client[who].data<{ trustedImageSenders: Array<{ address: string }> }>(LIST)).trustedImageSenders.map((s) => s.address);
  const refusal = async (query: string, variables: Record<string, unknown>) => {
    const { errors } = await client.ann.request(query, variables);
    return [errors?.[0]?.extensions?.code, errors?.[0]?.extensions?.field];
  };

  before(async () => {
    testDb = await createTestDatabase();
    server = await startApiServer({ DATABASE_URL: testDb.url });
    const ann = await insertTestAccount(db(), { email: 'ann@t.test' });
    // Bob works in Ann's tenant; Cat in another one.
    const [bob] = await db()
      .insert(users)
      .values({ tenantId: ann.tenantId, email: 'bob@t.test', name: 'Bob', passwordHash: 'not-used' })
      .returning();
    const cat = await insertTestAccount(db(), { email: 'cat@u.test' });
    Object.assign(userId, { ann: ann.userId, bob: bob!.id, cat: cat.userId });
    client.ann = await signIn(ann.userId);
    client.bob = await signIn(bob!.id);
    client.cat = await signIn(cat.userId);
  });
  after(async () => {
    await server?.close();
    await testDb?.drop();
  });

  test('a trusted sender is stored lower-cased, once, and only for the one who trusted it', async () => {
    await client.ann.data(TRUST, { a: ' News@Shop.Example ' });
    await client.ann.data(TRUST, { a: 'news@shop.example' });
    assert.deepEqual(await list('ann'), ['news@shop.example']);
    assert.deepEqual(await list('bob'), []);
    assert.deepEqual(await list('cat'), []);
    assert.equal(await imagesTrusted(db(), userId.ann!, 'NEWS@shop.example'), true);
    assert.equal(await imagesTrusted(db(), userId.bob!, 'news@shop.example'), false);
    assert.equal(await imagesTrusted(db(), userId.cat!, 'news@shop.example'), false);
  });

  test("another user's untrust removes nothing of Ann's", async () => {
    await client.ann.data(TRUST, { a: 'promo@shop.example' });
    for (const who of ['bob', 'cat'] as const) {
      const { untrustImageSender } = await client[who].data<{ untrustImageSender: boolean }>(UNTRUST, {
        a: 'promo@shop.example',
      });
      assert.equal(untrustImageSender, false);
    }
    assert.deepEqual(await list('ann'), ['news@shop.example', 'promo@shop.example']);
    const { untrustImageSender } = await client.ann.data<{ untrustImageSender: boolean }>(UNTRUST, { a: 'Promo@shop.example' });
    assert.equal(untrustImageSender, true);
    assert.deepEqual(await list('ann'), ['news@shop.example']);
  });

  test('an address too long or not an address is refused on the field, and nothing is stored', async () => {
    const long = `${'a'.repeat(250)}@x.test`;
    assert.deepEqual(await refusal(TRUST, { a: long }), ['BAD_USER_INPUT', 'address']);
    assert.deepEqual(await refusal(UNTRUST, { a: long }), ['BAD_USER_INPUT', 'address']);
    assert.deepEqual(await refusal(TRUST, { a: 'not an address' }), ['BAD_USER_INPUT', 'address']);
    assert.deepEqual(await refusal(TRUST, { a: '' }), ['BAD_USER_INPUT', 'address']);
    assert.deepEqual(await list('ann'), ['news@shop.example']);
  });

  test('signed out: nothing to see or change', async () => {
    const anonymous = new GraphQLHttpClient(server.url);
    const { errors } = await anonymous.request(TRUST, { a: 'x@y.test' });
    assert.equal(errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  });

  test(`at most ${MAX_TRUSTED_IMAGE_SENDERS} senders per user; trusting one already there still works`, async () => {
    // Filled directly: a thousand requests would only test the HTTP server.
    await db().execute(
      sql`insert into user_trusted_image_senders (user_id, address)
          select ${userId.bob}::uuid, 'sender' || n || '@bulk.test' from generate_series(1, ${MAX_TRUSTED_IMAGE_SENDERS}) n`,
    );
    const { errors } = await client.bob.request(TRUST, { a: 'one-more@bulk.test' });
    assert.deepEqual([errors?.[0]?.extensions?.code, errors?.[0]?.extensions?.field], ['BAD_USER_INPUT', 'address']);
    await client.bob.data(TRUST, { a: 'sender1@bulk.test' });
    assert.deepEqual(await list('ann'), ['news@shop.example']);
  });
});
