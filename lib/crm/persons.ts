import 'server-only';
import type { Db } from '../../db/client.ts';
import {
  deletePersonRow,
  insertPerson,
  selectPersonPage,
  selectPersons,
  selectPersonsByAddress,
  updatePersonRow,
  type PersonFields,
  type PersonRecord,
} from '../../db/queries/crm-persons.ts';
import { AppError } from '../errors.ts';
import { checkCompanyInTenant, writeWithCompany } from './crm-company-check.ts';
import type { CrmPage, CrmPageRequest } from './crm-page.ts';
import type { CrmScope } from './crm-scope.ts';
import {
  MAX_CRM_LOOKUP,
  MAX_CRM_SHORT_TEXT_LENGTH,
  normalizeEmail,
  normalizeList,
  normalizeName,
  optionalText,
} from './normalize-crm-input.ts';
import { readCrmPage } from './read-crm-page.ts';

export type { PersonRecord };

export interface PersonInput {
  name: string;
  title?: string | null;
  phone?: string | null;
  companyId?: string | null;
  emails?: readonly string[] | null;
}

/** In an update, an absent field stays as it is; null clears it (the name cannot be cleared). */
export type PersonPatch = { [K in keyof PersonInput]?: PersonInput[K] | null };

const notFound = () => new AppError('CRM_NOT_FOUND', { message: 'This person does not exist (any more).' });

export async function getPerson(db: Db, tenantId: string, id: string): Promise<PersonRecord> {
  const [person] = await selectPersons(db, tenantId, [id]);
  if (!person) throw notFound();
  return person;
}

/** Persons by name, searched by name or e-mail address (contains, case-insensitive); optionally one company's. */
export function listPersons(
  db: Db,
  tenantId: string,
  request: CrmPageRequest & { companyId?: string },
): Promise<CrmPage<PersonRecord>> {
  return readCrmPage(request, (query) => selectPersonPage(db, tenantId, { ...query, companyId: request.companyId }));
}

/**
 * The persons having any of these addresses (the sender card, archive suggestions). Values that
 * are no address are skipped: a message header is not user input to refuse.
 */
export function findPersonsByAddress(db: Db, tenantId: string, addresses: readonly string[]): Promise<PersonRecord[]> {
  const valid = new Set<string>();
  for (const raw of addresses.slice(0, MAX_CRM_LOOKUP)) {
    try {
      valid.add(normalizeEmail(raw));
    } catch {
      // not an address: matches nothing
    }
  }
  return selectPersonsByAddress(db, tenantId, [...valid]);
}

async function fields(db: Db, tenantId: string, input: PersonPatch): Promise<Partial<PersonFields>> {
  await checkCompanyInTenant(db, tenantId, input.companyId);
  return {
    ...(input.name !== undefined ? { name: normalizeName(input.name ?? '') } : {}),
    ...(input.title !== undefined ? { title: optionalText(input.title, 'title', MAX_CRM_SHORT_TEXT_LENGTH) } : {}),
    ...(input.phone !== undefined ? { phone: optionalText(input.phone, 'phone', MAX_CRM_SHORT_TEXT_LENGTH) } : {}),
    ...(input.companyId !== undefined ? { companyId: input.companyId } : {}),
  };
}

const emailList = (emails: readonly string[] | null | undefined) =>
  emails === undefined ? undefined : normalizeList(emails ?? [], normalizeEmail, 'emails');

export async function createPerson(db: Db, scope: CrmScope, input: PersonInput): Promise<PersonRecord> {
  const emails = emailList(input.emails) ?? [];
  const values = { title: null, phone: null, companyId: null, ...(await fields(db, scope.tenantId, input)) } as PersonFields;
  const id = await writeWithCompany(() => insertPerson(db, scope.tenantId, scope.userId, values, emails));
  return getPerson(db, scope.tenantId, id);
}

export async function updatePerson(db: Db, tenantId: string, id: string, patch: PersonPatch): Promise<PersonRecord> {
  const emails = emailList(patch.emails);
  const changes = await fields(db, tenantId, patch);
  if (!(await writeWithCompany(() => updatePersonRow(db, tenantId, id, changes, emails)))) throw notFound();
  return getPerson(db, tenantId, id);
}

export async function deletePerson(db: Db, tenantId: string, id: string): Promise<string> {
  if (!(await deletePersonRow(db, tenantId, id))) throw notFound();
  return id;
}
