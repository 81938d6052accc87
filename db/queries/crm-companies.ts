import 'server-only';
import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { companies, companyDomains, type Company } from '../schema/index.ts';
import { crmPageWhere, sortName } from './crm-keyset.ts';

/** A company with its domains (sorted) and its sort key (for the page cursor). */
export type CompanyRecord = Company & { domains: string[]; sortName: string };

export interface CompanyFields {
  name: string;
  phone: string | null;
  address: string | null;
}

const columns = { ...getTableColumns(companies), sortName: sortName(companies) };

/** The domains of these companies (all of one tenant), each list sorted. */
async function domainsOf(db: Db, tenantId: string, ids: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (!ids.length) return map;
  const rows = await db
    .select({ companyId: companyDomains.companyId, domain: companyDomains.domain })
    .from(companyDomains)
    .where(and(eq(companyDomains.tenantId, tenantId), inArray(companyDomains.companyId, ids)))
    .orderBy(asc(companyDomains.domain));
  for (const row of rows) map.get(row.companyId)?.push(row.domain);
  return map;
}

async function withDomains(db: Db, tenantId: string, rows: Array<Company & { sortName: string }>): Promise<CompanyRecord[]> {
  const domains = await domainsOf(
    db,
    tenantId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ ...row, domains: domains.get(row.id) ?? [] }));
}

/** The tenant's companies with these ids (others' ids simply find nothing). */
export async function selectCompanies(db: Db, tenantId: string, ids: string[]): Promise<CompanyRecord[]> {
  if (!ids.length) return [];
  const rows = await db
    .select(columns)
    .from(companies)
    .where(and(eq(companies.tenantId, tenantId), inArray(companies.id, ids)));
  return withDomains(db, tenantId, rows);
}

/** One keyset page in (lower(name), id) order; `pattern` matches the name or one of the domains. */
export async function selectCompanyPage(
  db: Db,
  tenantId: string,
  options: { pattern?: string; cursor?: { name: string; id: string }; limit: number },
): Promise<CompanyRecord[]> {
  const byDomain = sql`exists (select 1 from ${companyDomains} where ${companyDomains.tenantId} = ${tenantId}
    and ${companyDomains.companyId} = ${companies.id} and ${companyDomains.domain} like ${options.pattern})`;
  const rows = await db
    .select(columns)
    .from(companies)
    .where(crmPageWhere(companies, tenantId, { pattern: options.pattern, alsoMatches: byDomain, cursor: options.cursor }))
    .orderBy(sortName(companies), asc(companies.id))
    .limit(options.limit);
  return withDomains(db, tenantId, rows);
}

/** The tenant's companies owning any of these (normalised) domains, by name. */
export async function selectCompaniesByDomain(db: Db, tenantId: string, domains: string[]): Promise<CompanyRecord[]> {
  if (!domains.length) return [];
  const rows = await db
    .selectDistinct(columns)
    .from(companies)
    .innerJoin(companyDomains, eq(companyDomains.companyId, companies.id))
    .where(and(eq(companies.tenantId, tenantId), eq(companyDomains.tenantId, tenantId), inArray(companyDomains.domain, domains)))
    .orderBy(sortName(companies), asc(companies.id));
  return withDomains(db, tenantId, rows);
}

export async function insertCompany(
  db: Db,
  tenantId: string,
  userId: string | null,
  fields: CompanyFields,
  domains: string[],
): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(companies)
      .values({ tenantId, createdBy: userId, ...fields })
      .returning({ id: companies.id });
    if (domains.length)
      await tx.insert(companyDomains).values(domains.map((domain) => ({ companyId: row!.id, tenantId, domain })));
    return row!.id;
  });
}

/** False when the tenant has no such company. `domains` (when given) replaces the list. */
export async function updateCompanyRow(
  db: Db,
  tenantId: string,
  id: string,
  fields: Partial<CompanyFields>,
  domains: string[] | undefined,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(companies)
      .set({ ...fields, updatedAt: new Date() })
      .where(and(eq(companies.tenantId, tenantId), eq(companies.id, id)))
      .returning({ id: companies.id });
    if (!updated.length) return false;
    if (domains) {
      await tx.delete(companyDomains).where(and(eq(companyDomains.tenantId, tenantId), eq(companyDomains.companyId, id)));
      if (domains.length) await tx.insert(companyDomains).values(domains.map((domain) => ({ companyId: id, tenantId, domain })));
    }
    return true;
  });
}

/** False when the tenant has no such company. Its persons, projects and sales stay, without a company. */
export async function deleteCompanyRow(db: Db, tenantId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(companies)
    .where(and(eq(companies.tenantId, tenantId), eq(companies.id, id)))
    .returning({ id: companies.id });
  return rows.length > 0;
}

/** Whether the tenant has this company: the check before a person, project or sale points at it. */
export async function companyExists(db: Db, tenantId: string, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.tenantId, tenantId), eq(companies.id, id)));
  return row !== undefined;
}
