import 'server-only';
import { and, asc, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { projects, type Project } from '../schema/index.ts';
import { crmPageWhere, sortName } from './crm-keyset.ts';

export type ProjectRecord = Project & { sortName: string };
export type ProjectFields = Pick<Project, 'name' | 'companyId' | 'status'>;

const columns = { ...getTableColumns(projects), sortName: sortName(projects) };

export function selectProjects(db: Db, tenantId: string, ids: string[]): Promise<ProjectRecord[]> {
  if (!ids.length) return Promise.resolve([]);
  return db
    .select(columns)
    .from(projects)
    .where(and(eq(projects.tenantId, tenantId), inArray(projects.id, ids)));
}

/** One keyset page in (lower(name), id) order; `pattern` matches the name. */
export function selectProjectPage(
  db: Db,
  tenantId: string,
  options: { pattern?: string; cursor?: { name: string; id: string }; limit: number; companyId?: string },
): Promise<ProjectRecord[]> {
  const extra = options.companyId ? eq(projects.companyId, options.companyId) : undefined;
  return db
    .select(columns)
    .from(projects)
    .where(crmPageWhere(projects, tenantId, { pattern: options.pattern, cursor: options.cursor, extra }))
    .orderBy(sortName(projects), asc(projects.id))
    .limit(options.limit);
}

export async function insertProject(db: Db, tenantId: string, userId: string | null, fields: ProjectFields): Promise<string> {
  const [row] = await db
    .insert(projects)
    .values({ tenantId, createdBy: userId, ...fields })
    .returning({ id: projects.id });
  return row!.id;
}

export async function updateProjectRow(db: Db, tenantId: string, id: string, fields: Partial<ProjectFields>): Promise<boolean> {
  const rows = await db
    .update(projects)
    .set({ ...fields, updatedAt: new Date() })
    .where(and(eq(projects.tenantId, tenantId), eq(projects.id, id)))
    .returning({ id: projects.id });
  return rows.length > 0;
}

export async function deleteProjectRow(db: Db, tenantId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(projects)
    .where(and(eq(projects.tenantId, tenantId), eq(projects.id, id)))
    .returning({ id: projects.id });
  return rows.length > 0;
}
