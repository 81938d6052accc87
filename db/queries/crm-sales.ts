import 'server-only';
import { and, asc, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { sales, type Sale } from '../schema/index.ts';
import { crmPageWhere, sortName } from './crm-keyset.ts';

export type SaleRecord = Sale & { sortName: string };
export type SaleFields = Pick<Sale, 'name' | 'companyId' | 'status' | 'amountMinor' | 'currency'>;

const columns = { ...getTableColumns(sales), sortName: sortName(sales) };

export function selectSales(db: Db, tenantId: string, ids: string[]): Promise<SaleRecord[]> {
  if (!ids.length) return Promise.resolve([]);
  return db
    .select(columns)
    .from(sales)
    .where(and(eq(sales.tenantId, tenantId), inArray(sales.id, ids)));
}

/** One keyset page in (lower(name), id) order; `pattern` matches the name. */
export function selectSalePage(
  db: Db,
  tenantId: string,
  options: { pattern?: string; cursor?: { name: string; id: string }; limit: number; companyId?: string },
): Promise<SaleRecord[]> {
  const extra = options.companyId ? eq(sales.companyId, options.companyId) : undefined;
  return db
    .select(columns)
    .from(sales)
    .where(crmPageWhere(sales, tenantId, { pattern: options.pattern, cursor: options.cursor, extra }))
    .orderBy(sortName(sales), asc(sales.id))
    .limit(options.limit);
}

export async function insertSale(db: Db, tenantId: string, userId: string | null, fields: SaleFields): Promise<string> {
  const [row] = await db
    .insert(sales)
    .values({ tenantId, createdBy: userId, ...fields })
    .returning({ id: sales.id });
  return row!.id;
}

export async function updateSaleRow(db: Db, tenantId: string, id: string, fields: Partial<SaleFields>): Promise<boolean> {
  const rows = await db
    .update(sales)
    .set({ ...fields, updatedAt: new Date() })
    .where(and(eq(sales.tenantId, tenantId), eq(sales.id, id)))
    .returning({ id: sales.id });
  return rows.length > 0;
}

export async function deleteSaleRow(db: Db, tenantId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(sales)
    .where(and(eq(sales.tenantId, tenantId), eq(sales.id, id)))
    .returning({ id: sales.id });
  return rows.length > 0;
}
