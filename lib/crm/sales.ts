import 'server-only';
import type { Db } from '../../db/client.ts';
import {
  deleteSaleRow,
  insertSale,
  selectSalePage,
  selectSales,
  updateSaleRow,
  type SaleFields,
  type SaleRecord,
} from '../../db/queries/crm-sales.ts';
import { AppError } from '../errors.ts';
import { checkCompanyInTenant, writeWithCompany } from './crm-company-check.ts';
import type { CrmPage, CrmPageRequest } from './crm-page.ts';
import type { CrmScope } from './crm-scope.ts';
import { normalizeName } from './normalize-crm-input.ts';
import { readCrmPage } from './read-crm-page.ts';

export type { SaleRecord };
export type SaleStatus = SaleFields['status'];

export interface SaleInput {
  name: string;
  companyId?: string | null;
  /** @default 'open' */
  status?: SaleStatus | null;
  /** In minor units (cents): a whole number. */
  amountMinor?: number | null;
  /** ISO 4217, e.g. "EUR"; lower case is accepted. */
  currency?: string | null;
}

export type SalePatch = { [K in keyof SaleInput]?: SaleInput[K] | null };

const notFound = () => new AppError('CRM_NOT_FOUND', { message: 'This sale does not exist (any more).' });
const refuse = (field: string, message: string) => new AppError('CRM_INVALID_INPUT', { field, message });

export async function getSale(db: Db, tenantId: string, id: string): Promise<SaleRecord> {
  const [sale] = await selectSales(db, tenantId, [id]);
  if (!sale) throw notFound();
  return sale;
}

/** Sales by name, searched by name (contains, case-insensitive); optionally one company's. */
export function listSales(
  db: Db,
  tenantId: string,
  request: CrmPageRequest & { companyId?: string },
): Promise<CrmPage<SaleRecord>> {
  return readCrmPage(request, (query) => selectSalePage(db, tenantId, { ...query, companyId: request.companyId }));
}

/** A whole number of minor units, at most 2^53 − 1 in size (exact in a JS number and in bigint). */
export function checkAmountMinor(amount: number | null | undefined): number | null | undefined {
  if (amount == null) return amount;
  if (!Number.isSafeInteger(amount)) throw refuse('amountMinor', 'The amount must be a whole number of cents.');
  return amount;
}

export function normalizeCurrency(raw: string | null | undefined): string | null | undefined {
  if (raw == null) return raw;
  const code = raw.trim().toUpperCase();
  if (!code) return null;
  if (!/^[A-Z]{3}$/.test(code)) throw refuse('currency', 'A currency is a three-letter code such as EUR.');
  return code;
}

async function fields(db: Db, tenantId: string, input: SalePatch): Promise<Partial<SaleFields>> {
  await checkCompanyInTenant(db, tenantId, input.companyId);
  return {
    ...(input.name !== undefined ? { name: normalizeName(input.name ?? '') } : {}),
    ...(input.companyId !== undefined ? { companyId: input.companyId } : {}),
    ...(input.status != null ? { status: input.status } : {}),
    ...(input.amountMinor !== undefined ? { amountMinor: checkAmountMinor(input.amountMinor) } : {}),
    ...(input.currency !== undefined ? { currency: normalizeCurrency(input.currency) } : {}),
  };
}

export async function createSale(db: Db, scope: CrmScope, input: SaleInput): Promise<SaleRecord> {
  const values = {
    companyId: null,
    status: 'open',
    amountMinor: null,
    currency: null,
    ...(await fields(db, scope.tenantId, input)),
  };
  return getSale(
    db,
    scope.tenantId,
    await writeWithCompany(() => insertSale(db, scope.tenantId, scope.userId, values as SaleFields)),
  );
}

export async function updateSale(db: Db, tenantId: string, id: string, patch: SalePatch): Promise<SaleRecord> {
  const changes = await fields(db, tenantId, patch);
  if (!(await writeWithCompany(() => updateSaleRow(db, tenantId, id, changes)))) throw notFound();
  return getSale(db, tenantId, id);
}

export async function deleteSale(db: Db, tenantId: string, id: string): Promise<string> {
  if (!(await deleteSaleRow(db, tenantId, id))) throw notFound();
  return id;
}
