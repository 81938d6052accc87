import 'server-only';
import type { Db } from '../../db/client.ts';
import {
  deleteCompanyRow,
  insertCompany,
  selectCompanies,
  selectCompaniesByDomain,
  selectCompanyPage,
  updateCompanyRow,
  type CompanyFields,
  type CompanyRecord,
} from '../../db/queries/crm-companies.ts';
import { AppError } from '../errors.ts';
import type { CrmPage, CrmPageRequest } from './crm-page.ts';
import type { CrmScope } from './crm-scope.ts';
import {
  MAX_CRM_ADDRESS_LENGTH,
  MAX_CRM_LOOKUP,
  MAX_CRM_SHORT_TEXT_LENGTH,
  normalizeDomain,
  normalizeList,
  normalizeName,
  optionalText,
} from './normalize-crm-input.ts';
import { readCrmPage } from './read-crm-page.ts';

export type { CompanyRecord };

export interface CompanyInput {
  name: string;
  phone?: string | null;
  address?: string | null;
  /** E-mail domains ("acme.nl"); an "@" prefix or a whole address is taken as its domain. */
  domains?: readonly string[] | null;
}

/** In an update, an absent field stays as it is; null clears it (the name cannot be cleared). */
export type CompanyPatch = { [K in keyof CompanyInput]?: CompanyInput[K] | null };

const notFound = () => new AppError('CRM_NOT_FOUND', { message: 'This company does not exist (any more).' });

export async function getCompany(db: Db, tenantId: string, id: string): Promise<CompanyRecord> {
  const [company] = await selectCompanies(db, tenantId, [id]);
  if (!company) throw notFound();
  return company;
}

/** The tenant's companies among these ids, in no particular order (a batch for nested fields). */
export function getCompanies(db: Db, tenantId: string, ids: string[]): Promise<CompanyRecord[]> {
  return selectCompanies(db, tenantId, [...new Set(ids)]);
}

/** Companies by name, searched by name or domain (contains, case-insensitive). */
export function listCompanies(db: Db, tenantId: string, request: CrmPageRequest): Promise<CrmPage<CompanyRecord>> {
  return readCrmPage(request, (query) => selectCompanyPage(db, tenantId, query));
}

/**
 * The companies owning the domains of these addresses or domains (the sender card's "company
 * matched by domain", archive suggestions). Values that are no domain are skipped: a sender's
 * header is not user input to refuse.
 */
export function findCompaniesByDomain(db: Db, tenantId: string, domains: readonly string[]): Promise<CompanyRecord[]> {
  const valid = new Set<string>();
  for (const raw of domains.slice(0, MAX_CRM_LOOKUP)) {
    try {
      valid.add(normalizeDomain(raw));
    } catch {
      // not a domain: matches nothing
    }
  }
  return selectCompaniesByDomain(db, tenantId, [...valid]);
}

function fields(input: CompanyPatch): Partial<CompanyFields> {
  return {
    ...(input.name !== undefined ? { name: normalizeName(input.name ?? '') } : {}),
    ...(input.phone !== undefined ? { phone: optionalText(input.phone, 'phone', MAX_CRM_SHORT_TEXT_LENGTH) } : {}),
    ...(input.address !== undefined ? { address: optionalText(input.address, 'address', MAX_CRM_ADDRESS_LENGTH) } : {}),
  };
}

const domainList = (domains: readonly string[] | null | undefined) =>
  domains === undefined ? undefined : normalizeList(domains ?? [], normalizeDomain, 'domains');

export async function createCompany(db: Db, scope: CrmScope, input: CompanyInput): Promise<CompanyRecord> {
  const values = { phone: null, address: null, ...fields(input) } as CompanyFields;
  const id = await insertCompany(db, scope.tenantId, scope.userId, values, domainList(input.domains) ?? []);
  return getCompany(db, scope.tenantId, id);
}

export async function updateCompany(db: Db, tenantId: string, id: string, patch: CompanyPatch): Promise<CompanyRecord> {
  if (!(await updateCompanyRow(db, tenantId, id, fields(patch), domainList(patch.domains)))) throw notFound();
  return getCompany(db, tenantId, id);
}

/** Deletes the company and its domains; its persons, projects and sales stay, without a company. */
export async function deleteCompany(db: Db, tenantId: string, id: string): Promise<string> {
  if (!(await deleteCompanyRow(db, tenantId, id))) throw notFound();
  return id;
}
