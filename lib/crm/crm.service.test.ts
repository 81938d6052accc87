// The CRM core against real PostgreSQL (issue 12): every read and write stays within its tenant
// (another tenant's ids are "not found", never leaked nor changed), search finds persons by
// e-mail address and companies by domain, pages follow (lower(name), id) without gaps or
// repeats, and a sender's address finds its person and its domain's company.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase, type Database } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { tenants } from '../../db/schema/index.ts';
import { createTestDatabase, type TestDatabase } from '../../e2e/support/test-database.ts';
import { insertPerson } from '../../db/queries/crm-persons.ts';
import { isAppError } from '../errors.ts';
import { writeWithCompany } from './crm-company-check.ts';
import { createCompany, deleteCompany, findCompaniesByDomain, getCompany, listCompanies, updateCompany } from './companies.ts';
import { createPerson, deletePerson, findPersonsByAddress, getPerson, listPersons, updatePerson } from './persons.ts';
import { encodeCrmCursor } from './crm-page.ts';
import { createProject, getProject, listProjects } from './projects.ts';
import { createSale, getSale, updateSale } from './sales.ts';

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return [error.code, error.field ?? null];
    throw error;
  }
  return null;
};

describe('CRM core', () => {
  let testDb: TestDatabase;
  let database: Database;
  let acme: string; // tenant ids
  let other: string;
  const db = () => database.db;

  before(async () => {
    testDb = await createTestDatabase();
    database = await openDatabase({ databaseUrl: testDb.url, dataDir: '/nonexistent' });
    await migrateDatabase(database);
    const rows = await db()
      .insert(tenants)
      .values([{ name: 'Acme' }, { name: 'Other' }])
      .returning();
    [acme, other] = [rows[0]!.id, rows[1]!.id];
  });
  after(async () => {
    await database?.close();
    await testDb?.drop();
  });

  test("another tenant's company, person, project and sale are not found, not listed, not changed", async () => {
    const theirs = await createCompany(db(), { tenantId: other, userId: null }, { name: 'Secret BV', domains: ['secret.test'] });
    const theirPerson = await createPerson(
      db(),
      { tenantId: other, userId: null },
      {
        name: 'Sam Secret',
        emails: ['sam@secret.test'],
        companyId: theirs.id,
      },
    );
    const theirProject = await createProject(db(), { tenantId: other, userId: null }, { name: 'Secret project' });
    const theirSale = await createSale(db(), { tenantId: other, userId: null }, { name: 'Secret sale', amountMinor: 100 });
    const notFound = ['CRM_NOT_FOUND', null];
    assert.deepEqual(await codeOf(getCompany(db(), acme, theirs.id)), notFound);
    assert.deepEqual(await codeOf(getPerson(db(), acme, theirPerson.id)), notFound);
    assert.deepEqual(await codeOf(getProject(db(), acme, theirProject.id)), notFound);
    assert.deepEqual(await codeOf(getSale(db(), acme, theirSale.id)), notFound);
    assert.deepEqual(await codeOf(updateCompany(db(), acme, theirs.id, { name: 'Mine now' })), notFound);
    assert.deepEqual(await codeOf(updatePerson(db(), acme, theirPerson.id, { emails: ['x@acme.test'] })), notFound);
    assert.deepEqual(await codeOf(updateSale(db(), acme, theirSale.id, { amountMinor: 1 })), notFound);
    assert.deepEqual(await codeOf(deleteCompany(db(), acme, theirs.id)), notFound);
    assert.deepEqual(await codeOf(deletePerson(db(), acme, theirPerson.id)), notFound);
    // Linking to another tenant's company is refused exactly like a company that never existed.
    const scope = { tenantId: acme, userId: null };
    assert.deepEqual(await codeOf(createPerson(db(), scope, { name: 'Ann', companyId: theirs.id })), [
      'CRM_COMPANY_NOT_FOUND',
      'companyId',
    ]);
    assert.deepEqual(await codeOf(createProject(db(), scope, { name: 'P', companyId: theirs.id })), [
      'CRM_COMPANY_NOT_FOUND',
      'companyId',
    ]);
    assert.deepEqual(await codeOf(createSale(db(), scope, { name: 'S', companyId: crypto.randomUUID() })), [
      'CRM_COMPANY_NOT_FOUND',
      'companyId',
    ]);
    // Lists, searches and lookups of Acme see none of it.
    assert.deepEqual((await listCompanies(db(), acme, { search: 'secret' })).nodes, []);
    assert.deepEqual((await listPersons(db(), acme, { search: 'sam@secret.test' })).nodes, []);
    assert.deepEqual((await listProjects(db(), acme, {})).nodes, []);
    assert.deepEqual(await findPersonsByAddress(db(), acme, ['sam@secret.test']), []);
    assert.deepEqual(await findCompaniesByDomain(db(), acme, ['secret.test']), []);
    // Still intact for their owner.
    assert.equal((await getCompany(db(), other, theirs.id)).name, 'Secret BV');
    assert.deepEqual((await getPerson(db(), other, theirPerson.id)).emails, ['sam@secret.test']);
  });

  test('addresses and domains are stored normalised; search finds persons by address and companies by domain', async () => {
    const scope = { tenantId: acme, userId: null };
    const company = await createCompany(db(), scope, {
      name: ' Globex  Corp ',
      domains: ['@Globex.TEST', 'globex.test', 'mail.globex.test.'],
    });
    assert.equal(company.name, 'Globex  Corp');
    assert.deepEqual(company.domains, ['globex.test', 'mail.globex.test']);
    const hank = await createPerson(db(), scope, {
      name: 'Hank Scorpio',
      title: ' CEO ',
      phone: '',
      emails: [' Hank@Globex.test ', 'hank@globex.TEST', 'h.scorpio@private.test'],
      companyId: company.id,
    });
    assert.deepEqual([hank.title, hank.phone, hank.emails], ['CEO', null, ['h.scorpio@private.test', 'hank@globex.test']]);
    assert.deepEqual(
      (await listPersons(db(), acme, { search: 'SCORPIO@PRIV' })).nodes.map((p) => p.name),
      ['Hank Scorpio'],
    );
    assert.deepEqual(
      (await listPersons(db(), acme, { search: 'hank' })).nodes.map((p) => p.name),
      ['Hank Scorpio'],
    );
    assert.deepEqual(
      (await listCompanies(db(), acme, { search: 'mail.globex' })).nodes.map((c) => c.name),
      ['Globex  Corp'],
    );
    // LIKE wildcards in a search are literal characters.
    assert.deepEqual((await listCompanies(db(), acme, { search: '%' })).nodes, []);
    assert.deepEqual(
      (await listPersons(db(), acme, { companyId: company.id })).nodes.map((p) => p.id),
      [hank.id],
    );
    assert.deepEqual(await codeOf(createCompany(db(), scope, { name: 'Bad', domains: ['not a domain'] })), [
      'CRM_INVALID_INPUT',
      'domains',
    ]);
    assert.deepEqual(await codeOf(createPerson(db(), scope, { name: '  ' })), ['CRM_INVALID_INPUT', 'name']);
  });

  test("a sender's address finds its person(s); its domain finds the company", async () => {
    const scope = { tenantId: acme, userId: null };
    const initech = await createCompany(db(), scope, { name: 'Initech', domains: ['initech.test'] });
    const bill = await createPerson(db(), scope, { name: 'Bill', emails: ['shared@initech.test'] });
    const bob = await createPerson(db(), scope, { name: 'Bob', emails: ['shared@initech.test', 'bob@initech.test'] });
    const found = await findPersonsByAddress(db(), acme, ['SHARED@initech.test', 'not an address', 'shared@initech.test']);
    assert.deepEqual(
      found.map((p) => p.id),
      [bill.id, bob.id],
    );
    assert.deepEqual(
      (await findCompaniesByDomain(db(), acme, ['Initech.TEST', 'nobody.test', '???'])).map((c) => c.id),
      [initech.id],
    );
    // Changing the addresses replaces them; deleting the company unlinks, never deletes, its persons.
    await updatePerson(db(), acme, bob.id, { emails: ['bob@initech.test'], companyId: initech.id });
    assert.deepEqual(
      (await findPersonsByAddress(db(), acme, ['shared@initech.test'])).map((p) => p.id),
      [bill.id],
    );
    await deleteCompany(db(), acme, initech.id);
    assert.equal((await getPerson(db(), acme, bob.id)).companyId, null);
    assert.deepEqual(await findCompaniesByDomain(db(), acme, ['initech.test']), []);
  });

  test('a company deleted between the check and the write is "no such company" too, not an internal error', async () => {
    const gone = await createCompany(db(), { tenantId: acme, userId: null }, { name: 'Short-lived' });
    await deleteCompany(db(), acme, gone.id);
    const fields = { name: 'Late', title: null, phone: null, companyId: gone.id };
    assert.deepEqual(await codeOf(writeWithCompany(() => insertPerson(db(), acme, null, fields, []))), [
      'CRM_COMPANY_NOT_FOUND',
      'companyId',
    ]);
  });

  test('pages follow (lower(name), id): no gaps, no repeats, equal names included', async () => {
    const scope = { tenantId: other, userId: null };
    const names = ['delta', 'Alpha', 'alpha', 'Charlie', 'bravo', 'Echo', 'ALPHA'];
    for (const name of names) await createProject(db(), scope, { name: `Page ${name}` });
    const seen: string[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = await listProjects(db(), other, { search: 'page ', first: 2, after });
      seen.push(...page.nodes.map((p) => p.name));
      if (!page.hasNextPage) break;
      after = encodeCrmCursor(page.nodes[page.nodes.length - 1]!);
    }
    assert.equal(seen.length, names.length);
    assert.deepEqual(
      seen.map((n) => n.toLowerCase()),
      names.map((n) => `page ${n.toLowerCase()}`).sort(),
    );
  });
});
