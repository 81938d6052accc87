// The CRM through the real API (GraphQL over HTTP, PostgreSQL; issue 12): a tenant's users share
// its CRM; another tenant's ids answer CRM_NOT_FOUND on every getter and mutation and never show
// up in a list, a search or a lookup; connections page Relay-style; inputs are bounded.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { insertSession } from '../db/queries/sessions.ts';
import { users } from '../db/schema/index.ts';
import { startApiServer, type ApiServer } from '../e2e/support/api-server.ts';
import { GraphQLHttpClient } from '../e2e/support/graphql-client.ts';
import { insertTestAccount } from '../e2e/support/insert-test-account.ts';
import { createTestDatabase, type TestDatabase } from '../e2e/support/test-database.ts';
import { hashSessionToken, newSessionToken, SESSION_COOKIE, SESSION_TTL_MS } from '../lib/auth/session-token.ts';

const CREATE_COMPANY = `mutation($i: CreateCompanyInput!) { createCompany(input: $i) { id name domains } }`;
const CREATE_PERSON = `mutation($i: CreatePersonInput!) { createPerson(input: $i) { id name emails company { id name } } }`;
const PERSONS = `query($s: String, $f: Int, $a: String) {
  persons(search: $s, first: $f, after: $a) { edges { cursor node { name emails company { name } } } pageInfo { hasNextPage endCursor } }
}`;

describe('the CRM API', () => {
  let testDb: TestDatabase;
  let server: ApiServer;
  const client: Record<'ann' | 'bob' | 'cat', GraphQLHttpClient> = {} as never;
  const db = () => server.services.database.db;
  const ids: Record<string, string> = {};

  const signIn = async (id: string) => {
    const token = newSessionToken();
    await insertSession(db(), hashSessionToken(token), id, new Date(Date.now() + SESSION_TTL_MS));
    const c = new GraphQLHttpClient(server.url);
    c.cookie = `${SESSION_COOKIE}=${token}`;
    return c;
  };
  const refusal = async (who: keyof typeof client, query: string, variables: Record<string, unknown> = {}) => {
    const { data, errors } = await client[who].request(query, variables);
    return [errors?.[0]?.extensions?.code, errors?.[0]?.extensions?.field ?? null, data ?? null];
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
    client.ann = await signIn(ann.userId);
    client.bob = await signIn(bob!.id);
    client.cat = await signIn(cat.userId);

    const { createCompany } = await client.ann.data<{ createCompany: { id: string } }>(CREATE_COMPANY, {
      i: { name: 'Acme BV', domains: ['@Acme.test'], phone: '+31 20 123', address: 'Dam 1\nAmsterdam' },
    });
    ids.acme = createCompany.id;
    const { createPerson } = await client.ann.data<{ createPerson: { id: string } }>(CREATE_PERSON, {
      i: { name: 'Jan Jansen', emails: ['Jan@Acme.test'], companyId: ids.acme },
    });
    ids.jan = createPerson.id;
    const project = await client.ann.data<{ createProject: { id: string } }>(
      `mutation { createProject(input: { name: "Website", companyId: "${ids.acme}" }) { id } }`,
    );
    ids.project = project.createProject.id;
    const sale = await client.ann.data<{ createSale: { id: string } }>(
      `mutation { createSale(input: { name: "Licences", companyId: "${ids.acme}", amountMinor: 5000000000, currency: "eur" }) { id } }`,
    );
    ids.sale = sale.createSale.id;
  });
  after(async () => {
    await server?.close();
    await testDb?.drop();
  });

  test('a colleague in the tenant sees and finds the same CRM: by name, address, domain', async () => {
    const byAddress = await client.bob.data<{ persons: { edges: Array<{ node: { name: string; company: { name: string } } }> } }>(
      PERSONS,
      { s: 'jan@acme' },
    );
    assert.deepEqual(
      byAddress.persons.edges.map((e) => [e.node.name, e.node.company.name]),
      [['Jan Jansen', 'Acme BV']],
    );
    const { companies } = await client.bob.data<{
      companies: { edges: Array<{ node: { id: string; name: string; domains: string[] } }> };
    }>(`{ companies(search: "ACME.T") { edges { node { id name domains } } } }`);
    assert.deepEqual(
      companies.edges.map((e) => [e.node.id, e.node.name, e.node.domains]),
      [[ids.acme, 'Acme BV', ['acme.test']]],
    );
    const ofAcme = await client.bob.data<Record<string, { edges: Array<{ node: { name: string } }> }>>(
      `query($c: ID) { persons(companyId: $c) { edges { node { name } } } projects(companyId: $c) { edges { node { name } } }
         sales(companyId: $c) { edges { node { name } } } }`,
      { c: ids.acme },
    );
    assert.deepEqual(
      Object.values(ofAcme).map((c) => c.edges.map((e) => e.node.name)),
      [['Jan Jansen'], ['Website'], ['Licences']],
    );
    const lookups = await client.bob.data<{
      personsByAddress: Array<{ name: string }>;
      companiesByDomain: Array<{ name: string }>;
    }>(
      `{ personsByAddress(addresses: ["JAN@acme.test", "nope"]) { name } companiesByDomain(domains: ["someone@acme.test"]) { name } }`,
    );
    assert.deepEqual(lookups, { personsByAddress: [{ name: 'Jan Jansen' }], companiesByDomain: [{ name: 'Acme BV' }] });
    const { sale } = await client.bob.data<{ sale: unknown }>(
      `{ sale(id: "${ids.sale}") { name amountMinor currency status company { name } } }`,
    );
    assert.deepEqual(sale, {
      name: 'Licences',
      amountMinor: 5000000000,
      currency: 'EUR',
      status: 'OPEN',
      company: { name: 'Acme BV' },
    });
  });

  test("another tenant's ids are not found on every getter and mutation, and nothing changes", async () => {
    for (const [query, field] of [
      [`{ company(id: "${ids.acme}") { name } }`, null],
      [`{ person(id: "${ids.jan}") { name } }`, null],
      [`{ project(id: "${ids.project}") { name } }`, null],
      [`{ sale(id: "${ids.sale}") { name } }`, null],
      [`mutation { updateCompany(id: "${ids.acme}", input: { name: "Taken" }) { id } }`, null],
      [`mutation { updatePerson(id: "${ids.jan}", input: { emails: ["cat@u.test"] }) { id } }`, null],
      [`mutation { updateProject(id: "${ids.project}", input: { status: CANCELLED }) { id } }`, null],
      [`mutation { updateSale(id: "${ids.sale}", input: { status: LOST }) { id } }`, null],
      [`mutation { deletePerson(id: "${ids.jan}") }`, null],
      [`mutation { deleteProject(id: "${ids.project}") }`, null],
      [`mutation { deleteSale(id: "${ids.sale}") }`, null],
      [`mutation { deleteCompany(id: "${ids.acme}") }`, null],
    ] as const)
      assert.deepEqual(await refusal('cat', query), ['CRM_NOT_FOUND', field, null], query);
    assert.deepEqual(await refusal('cat', CREATE_PERSON, { i: { name: 'Cat', companyId: ids.acme } }), [
      'CRM_COMPANY_NOT_FOUND',
      'companyId',
      null,
    ]);
    const seen = await client.cat.data<Record<string, { edges: unknown[] } | unknown[]>>(
      `{ companies { edges { cursor } } persons(search: "jan") { edges { cursor } } projects(companyId: "${ids.acme}") { edges { cursor } } sales { edges { cursor } }
         personsByAddress(addresses: ["jan@acme.test"]) { id } companiesByDomain(domains: ["acme.test"]) { id } }`,
    );
    assert.deepEqual(seen, {
      companies: { edges: [] },
      persons: { edges: [] },
      projects: { edges: [] },
      sales: { edges: [] },
      personsByAddress: [],
      companiesByDomain: [],
    });
    const { person } = await client.ann.data<{ person: unknown }>(`{ person(id: "${ids.jan}") { name emails } }`);
    assert.deepEqual(person, { name: 'Jan Jansen', emails: ['jan@acme.test'] });
  });

  test('connections page by cursor without gaps or repeats', async () => {
    for (const n of [3, 1, 2, 5, 4]) await client.ann.data(CREATE_PERSON, { i: { name: `Pager ${n}` } });
    const names: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 5; guard++) {
      const {
        persons,
      }: { persons: { edges: Array<{ node: { name: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } } =
        await client.ann.data(PERSONS, { s: 'pager', f: 2, a: after });
      names.push(...persons.edges.map((e) => e.node.name));
      if (!persons.pageInfo.hasNextPage) break;
      after = persons.pageInfo.endCursor;
    }
    assert.deepEqual(names, ['Pager 1', 'Pager 2', 'Pager 3', 'Pager 4', 'Pager 5']);
  });

  test('inputs are bounded and validated on their field; signed out sees nothing', async () => {
    assert.deepEqual(await refusal('ann', CREATE_COMPANY, { i: { name: 'x'.repeat(201) } }), ['BAD_USER_INPUT', 'name', null]);
    assert.deepEqual(
      await refusal('ann', CREATE_COMPANY, { i: { name: 'Many', domains: Array.from({ length: 21 }, (_, i) => `d${i}.test`) } }),
      ['BAD_USER_INPUT', 'domains', null],
    );
    assert.deepEqual(await refusal('ann', CREATE_PERSON, { i: { name: 'X', emails: ['not-an-address'] } }), [
      'CRM_INVALID_INPUT',
      'emails',
      null,
    ]);
    assert.deepEqual(await refusal('ann', PERSONS, { a: 'forged' }), ['CRM_INVALID_INPUT', 'after', null]);
    assert.deepEqual(await refusal('ann', `{ company(id: "nope") { id } }`), ['BAD_USER_INPUT', 'id', null]);
    const { errors } = await new GraphQLHttpClient(server.url).request(`{ companies { edges { cursor } } }`);
    assert.equal(errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  });
});
