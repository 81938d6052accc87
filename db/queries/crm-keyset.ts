import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/** The columns every CRM list shares: tenant, name, id. */
export interface CrmNamedTable {
  id: PgColumn;
  tenantId: PgColumn;
  name: PgColumn;
}

/** The sort key of every CRM list, selected so the cursor carries the database's own lower-casing. */
export function sortName(table: CrmNamedTable): SQL<string> {
  return sql<string>`lower(${table.name})`;
}

/**
 * The WHERE of one keyset page: the tenant always, then the search (name contains the pattern, or
 * one of `alsoMatches`), then the rows after the cursor in (lower(name), id) order. The tenant
 * condition is written here once so no list can forget it.
 */
export function crmPageWhere(
  table: CrmNamedTable,
  tenantId: string,
  options: { pattern?: string; alsoMatches?: SQL; cursor?: { name: string; id: string }; extra?: SQL },
): SQL {
  const conditions: SQL[] = [eq(table.tenantId, tenantId)];
  if (options.extra) conditions.push(options.extra);
  if (options.pattern) {
    const byName = sql`lower(${table.name}) like ${options.pattern}`;
    conditions.push(options.alsoMatches ? sql`(${byName} or ${options.alsoMatches})` : byName);
  }
  if (options.cursor)
    conditions.push(sql`(lower(${table.name}), ${table.id}) > (${options.cursor.name}, ${options.cursor.id}::uuid)`);
  return and(...conditions)!;
}
