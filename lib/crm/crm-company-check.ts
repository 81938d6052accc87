import 'server-only';
import type { Db } from '../../db/client.ts';
import { companyExists } from '../../db/queries/crm-companies.ts';
import { AppError } from '../errors.ts';

/**
 * A person, project or sale may only point at a company of its own tenant. Another tenant's id
 * is answered exactly like an id that never existed: nothing tells that it does.
 */
export async function checkCompanyInTenant(db: Db, tenantId: string, companyId: string | null | undefined): Promise<void> {
  if (companyId == null) return;
  if (!(await companyExists(db, tenantId, companyId))) throw new AppError('CRM_COMPANY_NOT_FOUND', { field: 'companyId' });
}
