import 'server-only';
import type { Db } from '../../db/client.ts';
import { companyExists } from '../../db/queries/crm-companies.ts';
import { sqlStateOf } from '../../db/is-data-exception.ts';
import { AppError } from '../errors.ts';

const companyNotFound = () => new AppError('CRM_COMPANY_NOT_FOUND', { field: 'companyId' });

/**
 * A person, project or sale may only point at a company of its own tenant. Another tenant's id
 * is answered exactly like an id that never existed: nothing tells that it does.
 */
export async function checkCompanyInTenant(db: Db, tenantId: string, companyId: string | null | undefined): Promise<void> {
  if (companyId == null) return;
  if (!(await companyExists(db, tenantId, companyId))) throw companyNotFound();
}

/**
 * Runs a write that may name a company checked just before: a colleague deleting that company in
 * between makes the foreign key refuse it (SQLSTATE 23503), which is the same "no such company".
 */
export async function writeWithCompany<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (sqlStateOf(error) === '23503') throw companyNotFound();
    throw error;
  }
}
