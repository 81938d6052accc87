import 'server-only';
import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { personEmails, persons, type Person } from '../schema/index.ts';
import { crmPageWhere, sortName } from './crm-keyset.ts';

/** A person with their e-mail addresses (sorted) and sort key (for the page cursor). */
export type PersonRecord = Person & { emails: string[]; sortName: string };

export interface PersonFields {
  name: string;
  title: string | null;
  phone: string | null;
  companyId: string | null;
}

const columns = { ...getTableColumns(persons), sortName: sortName(persons) };

async function withEmails(db: Db, tenantId: string, rows: Array<Person & { sortName: string }>): Promise<PersonRecord[]> {
  const map = new Map<string, string[]>(rows.map((r) => [r.id, []]));
  if (rows.length) {
    const emails = await db
      .select({ personId: personEmails.personId, address: personEmails.address })
      .from(personEmails)
      .where(and(eq(personEmails.tenantId, tenantId), inArray(personEmails.personId, [...map.keys()])))
      .orderBy(asc(personEmails.address));
    for (const e of emails) map.get(e.personId)?.push(e.address);
  }
  return rows.map((row) => ({ ...row, emails: map.get(row.id) ?? [] }));
}

export async function selectPersons(db: Db, tenantId: string, ids: string[]): Promise<PersonRecord[]> {
  if (!ids.length) return [];
  const rows = await db
    .select(columns)
    .from(persons)
    .where(and(eq(persons.tenantId, tenantId), inArray(persons.id, ids)));
  return withEmails(db, tenantId, rows);
}

/** One keyset page in (lower(name), id) order; `pattern` matches the name or one of the addresses. */
export async function selectPersonPage(
  db: Db,
  tenantId: string,
  options: { pattern?: string; cursor?: { name: string; id: string }; limit: number; companyId?: string },
): Promise<PersonRecord[]> {
  const byEmail = sql`exists (select 1 from ${personEmails} where ${personEmails.tenantId} = ${tenantId}
    and ${personEmails.personId} = ${persons.id} and ${personEmails.address} like ${options.pattern})`;
  const extra = options.companyId ? eq(persons.companyId, options.companyId) : undefined;
  const rows = await db
    .select(columns)
    .from(persons)
    .where(crmPageWhere(persons, tenantId, { pattern: options.pattern, alsoMatches: byEmail, cursor: options.cursor, extra }))
    .orderBy(sortName(persons), asc(persons.id))
    .limit(options.limit);
  return withEmails(db, tenantId, rows);
}

/** The tenant's persons having any of these (normalised) addresses, by name. */
export async function selectPersonsByAddress(db: Db, tenantId: string, addresses: string[]): Promise<PersonRecord[]> {
  if (!addresses.length) return [];
  const rows = await db
    .selectDistinct(columns)
    .from(persons)
    .innerJoin(personEmails, eq(personEmails.personId, persons.id))
    .where(and(eq(persons.tenantId, tenantId), eq(personEmails.tenantId, tenantId), inArray(personEmails.address, addresses)))
    .orderBy(sortName(persons), asc(persons.id));
  return withEmails(db, tenantId, rows);
}

export async function insertPerson(
  db: Db,
  tenantId: string,
  userId: string | null,
  fields: PersonFields,
  emails: string[],
): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(persons)
      .values({ tenantId, createdBy: userId, ...fields })
      .returning({ id: persons.id });
    if (emails.length) await tx.insert(personEmails).values(emails.map((address) => ({ personId: row!.id, tenantId, address })));
    return row!.id;
  });
}

/** False when the tenant has no such person. `emails` (when given) replaces the list. */
export async function updatePersonRow(
  db: Db,
  tenantId: string,
  id: string,
  fields: Partial<PersonFields>,
  emails: string[] | undefined,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(persons)
      .set({ ...fields, updatedAt: new Date() })
      .where(and(eq(persons.tenantId, tenantId), eq(persons.id, id)))
      .returning({ id: persons.id });
    if (!updated.length) return false;
    if (emails) {
      await tx.delete(personEmails).where(and(eq(personEmails.tenantId, tenantId), eq(personEmails.personId, id)));
      if (emails.length) await tx.insert(personEmails).values(emails.map((address) => ({ personId: id, tenantId, address })));
    }
    return true;
  });
}

export async function deletePersonRow(db: Db, tenantId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(persons)
    .where(and(eq(persons.tenantId, tenantId), eq(persons.id, id)))
    .returning({ id: persons.id });
  return rows.length > 0;
}
