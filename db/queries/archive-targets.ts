import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { ArchiveTarget, ArchiveTargetKind, NamedArchiveTarget } from '../../lib/archive/archive-target.ts';
import type { Db } from '../client.ts';
import { isUuid } from '../is-uuid.ts';
import { rowsOf } from './rows-of.ts';

/** The CRM table of each target kind (db/schema/crm.ts). */
export const TARGET_TABLES: Record<ArchiveTargetKind, string> = {
  person: 'persons',
  company: 'companies',
  project: 'projects',
  sale: 'sales',
};

/**
 * The targets that exist in this tenant, with their names now; the others (another tenant's, gone,
 * or of another kind than claimed) are simply missing from the answer. One statement.
 */
export async function findArchiveTargets(
  db: Pick<Db, 'execute'>,
  tenantId: string,
  targets: readonly ArchiveTarget[],
): Promise<NamedArchiveTarget[]> {
  const parts: SQL[] = [];
  for (const kind of Object.keys(TARGET_TABLES) as ArchiveTargetKind[]) {
    const ids = targets.filter((t) => t.kind === kind && isUuid(t.id)).map((t) => t.id);
    if (!ids.length) continue;
    parts.push(sql`select ${kind}::text as kind, id, name from ${sql.identifier(TARGET_TABLES[kind])}
      where tenant_id = ${tenantId}::uuid and id = any(${`{${ids.join(',')}}`}::uuid[])`);
  }
  if (!parts.length) return [];
  return rowsOf<NamedArchiveTarget>(await db.execute(sql.join(parts, sql` union all `)));
}

/**
 * The name of a link's target, from whichever of its four columns is set (`l`: archive_links):
 * SQL to select beside a link.
 */
export const linkTargetName = sql`coalesce(
  (select name from persons where id = l.person_id), (select name from companies where id = l.company_id),
  (select name from projects where id = l.project_id), (select name from sales where id = l.sale_id))`;
