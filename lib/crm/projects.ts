import 'server-only';
import type { Db } from '../../db/client.ts';
import {
  deleteProjectRow,
  insertProject,
  selectProjectPage,
  selectProjects,
  updateProjectRow,
  type ProjectFields,
  type ProjectRecord,
} from '../../db/queries/crm-projects.ts';
import { AppError } from '../errors.ts';
import { checkCompanyInTenant, writeWithCompany } from './crm-company-check.ts';
import type { CrmPage, CrmPageRequest } from './crm-page.ts';
import type { CrmScope } from './crm-scope.ts';
import { normalizeName } from './normalize-crm-input.ts';
import { readCrmPage } from './read-crm-page.ts';

export type { ProjectRecord };
export type ProjectStatus = ProjectFields['status'];

export interface ProjectInput {
  name: string;
  companyId?: string | null;
  /** @default 'active' */
  status?: ProjectStatus | null;
}

export type ProjectPatch = { [K in keyof ProjectInput]?: ProjectInput[K] | null };

const notFound = () => new AppError('CRM_NOT_FOUND', { message: 'This project does not exist (any more).' });

export async function getProject(db: Db, tenantId: string, id: string): Promise<ProjectRecord> {
  const [project] = await selectProjects(db, tenantId, [id]);
  if (!project) throw notFound();
  return project;
}

/** Projects by name, searched by name (contains, case-insensitive); optionally one company's. */
export function listProjects(
  db: Db,
  tenantId: string,
  request: CrmPageRequest & { companyId?: string },
): Promise<CrmPage<ProjectRecord>> {
  return readCrmPage(request, (query) => selectProjectPage(db, tenantId, { ...query, companyId: request.companyId }));
}

async function fields(db: Db, tenantId: string, input: ProjectPatch): Promise<Partial<ProjectFields>> {
  await checkCompanyInTenant(db, tenantId, input.companyId);
  return {
    ...(input.name !== undefined ? { name: normalizeName(input.name ?? '') } : {}),
    ...(input.companyId !== undefined ? { companyId: input.companyId } : {}),
    ...(input.status != null ? { status: input.status } : {}),
  };
}

export async function createProject(db: Db, scope: CrmScope, input: ProjectInput): Promise<ProjectRecord> {
  const values = { companyId: null, status: 'active', ...(await fields(db, scope.tenantId, input)) } as ProjectFields;
  return getProject(db, scope.tenantId, await writeWithCompany(() => insertProject(db, scope.tenantId, scope.userId, values)));
}

export async function updateProject(db: Db, tenantId: string, id: string, patch: ProjectPatch): Promise<ProjectRecord> {
  const changes = await fields(db, tenantId, patch);
  if (!(await writeWithCompany(() => updateProjectRow(db, tenantId, id, changes)))) throw notFound();
  return getProject(db, tenantId, id);
}

export async function deleteProject(db: Db, tenantId: string, id: string): Promise<string> {
  if (!(await deleteProjectRow(db, tenantId, id))) throw notFound();
  return id;
}
