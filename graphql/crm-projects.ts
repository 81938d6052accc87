import 'server-only';
import {
  createProject,
  deleteProject,
  getProject,
  listProjects,
  updateProject,
  type ProjectRecord,
} from '../lib/crm/projects.ts';
import { authz, builder } from './builder.ts';
import type { GraphQLContext } from './context.ts';
import { loadCompany } from './crm-loaders.ts';
import { afterArg, CompanyRef, crmConnection, firstArg, ProjectRef, searchArg } from './crm-refs.ts';
import { MAX_LENGTH, maxLength } from './input-limits.ts';

const ProjectConnection = crmConnection<ProjectRecord>('Project', ProjectRef);

const db = (context: GraphQLContext) => context.services.database.db;
const tenantOf = (context: GraphQLContext) => context.viewer!.tenant.id;

const ProjectStatus = builder.enumType('ProjectStatus', {
  values: {
    PLANNED: { value: 'planned' },
    ACTIVE: { value: 'active' },
    COMPLETED: { value: 'completed' },
    CANCELLED: { value: 'cancelled' },
  } as const,
});

ProjectRef.implement({
  description: 'A project in the CRM, optionally of a company: visible to everyone in the tenant.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    status: t.field({ type: ProjectStatus, resolve: (p) => p.status }),
    company: t.field({
      type: CompanyRef,
      nullable: true,
      resolve: (project, _args, context) => (project.companyId ? loadCompany(context, project.companyId) : null),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

const CreateProjectInput = builder.inputType('CreateProjectInput', {
  fields: (t) => ({
    name: t.string({ required: true, extensions: maxLength(MAX_LENGTH.name) }),
    companyId: t.id({ description: 'One of the tenant’s companies (else CRM_COMPANY_NOT_FOUND).' }),
    status: t.field({ type: ProjectStatus, description: 'ACTIVE when absent.' }),
  }),
});

const UpdateProjectInput = builder.inputType('UpdateProjectInput', {
  description: 'Absent fields stay as they are; a null companyId unlinks the company.',
  fields: (t) => ({
    name: t.string({ extensions: maxLength(MAX_LENGTH.name) }),
    companyId: t.id(),
    status: t.field({ type: ProjectStatus }),
  }),
});

const idOrNull = (id: string | number | null | undefined) => (id == null ? id : String(id));

builder.queryField('projects', (t) =>
  t.field({
    type: ProjectConnection,
    description: "The tenant's projects by name, searched by name.",
    extensions: authz('signedIn'),
    args: {
      search: t.arg.string(searchArg),
      companyId: t.arg.id({ description: 'Only this company’s.' }),
      first: t.arg.int(firstArg),
      after: t.arg.string(afterArg),
    },
    resolve: (_root, { companyId, ...args }, context) =>
      listProjects(db(context), tenantOf(context), { ...args, companyId: companyId == null ? undefined : String(companyId) }),
  }),
);

builder.queryField('project', (t) =>
  t.field({
    type: ProjectRef,
    description: 'One project of the tenant; CRM_NOT_FOUND otherwise.',
    extensions: authz('signedIn'),
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => getProject(db(context), tenantOf(context), String(args.id)),
  }),
);

builder.mutationField('createProject', (t) =>
  t.field({
    type: ProjectRef,
    extensions: authz('signedIn'),
    args: { input: t.arg({ type: CreateProjectInput, required: true }) },
    resolve: (_root, { input }, context) =>
      createProject(
        db(context),
        { tenantId: tenantOf(context), userId: context.viewer!.user.id },
        { ...input, companyId: idOrNull(input.companyId) },
      ),
  }),
);

builder.mutationField('updateProject', (t) =>
  t.field({
    type: ProjectRef,
    extensions: authz('signedIn'),
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateProjectInput, required: true }) },
    resolve: (_root, { id, input }, context) =>
      updateProject(db(context), tenantOf(context), String(id), { ...input, companyId: idOrNull(input.companyId) }),
  }),
);

builder.mutationField('deleteProject', (t) =>
  t.field({
    type: 'ID',
    extensions: authz('signedIn'),
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, context) => deleteProject(db(context), tenantOf(context), String(id)),
  }),
);
