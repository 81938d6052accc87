import 'server-only';
import {
  createCompany,
  deleteCompany,
  findCompaniesByDomain,
  getCompany,
  listCompanies,
  updateCompany,
  type CompanyRecord,
} from '../lib/crm/companies.ts';
import { authz, builder } from './builder.ts';
import type { GraphQLContext } from './context.ts';
import { afterArg, CompanyRef, crmConnection, firstArg, searchArg } from './crm-refs.ts';
import { MAX_ITEMS, MAX_LENGTH, maxItems, maxLength } from './input-limits.ts';

const CompanyConnection = crmConnection<CompanyRecord>('Company', CompanyRef);

const db = (context: GraphQLContext) => context.services.database.db;
const tenantOf = (context: GraphQLContext) => context.viewer!.tenant.id;

CompanyRef.implement({
  description:
    'A company (organisation) in the CRM: visible to everyone in the tenant. Its persons, projects and sales: `persons(companyId:)` and the like.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    phone: t.exposeString('phone', { nullable: true }),
    address: t.exposeString('address', { nullable: true, description: 'Postal address; lines separated by newlines.' }),
    domains: t.exposeStringList('domains', {
      description: 'E-mail domains, lower-cased, without "@": how a sender finds the company.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

const companyFields = {
  phone: { extensions: maxLength(MAX_LENGTH.crmShortText) },
  address: { extensions: maxLength(MAX_LENGTH.crmAddress) },
  domains: { extensions: { ...maxItems(MAX_ITEMS.crmAddresses, MAX_LENGTH.domain) } },
} as const;

const CreateCompanyInput = builder.inputType('CreateCompanyInput', {
  fields: (t) => ({
    name: t.string({ required: true, extensions: maxLength(MAX_LENGTH.name) }),
    phone: t.string(companyFields.phone),
    address: t.string(companyFields.address),
    domains: t.stringList({ ...companyFields.domains, description: 'E-mail domains ("acme.nl"); a leading "@" is dropped.' }),
  }),
});

const UpdateCompanyInput = builder.inputType('UpdateCompanyInput', {
  description: 'Absent fields stay as they are; null (or "") clears one. `domains` replaces the list.',
  fields: (t) => ({
    name: t.string({ extensions: maxLength(MAX_LENGTH.name) }),
    phone: t.string(companyFields.phone),
    address: t.string(companyFields.address),
    domains: t.stringList(companyFields.domains),
  }),
});

builder.queryField('companies', (t) =>
  t.field({
    type: CompanyConnection,
    description: "The tenant's companies by name, searched by name or domain.",
    extensions: authz('signedIn'),
    args: { search: t.arg.string(searchArg), first: t.arg.int(firstArg), after: t.arg.string(afterArg) },
    resolve: (_root, args, context) => listCompanies(db(context), tenantOf(context), args),
  }),
);

builder.queryField('company', (t) =>
  t.field({
    type: CompanyRef,
    description: 'One company of the tenant; CRM_NOT_FOUND otherwise (also for another tenant’s id).',
    extensions: authz('signedIn'),
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => getCompany(db(context), tenantOf(context), String(args.id)),
  }),
);

builder.queryField('companiesByDomain', (t) =>
  t.field({
    type: [CompanyRef],
    description: 'The companies owning any of these domains (or the domains of these addresses), by name.',
    extensions: authz('signedIn'),
    args: { domains: t.arg.stringList({ required: true, extensions: { ...maxItems(MAX_ITEMS.crmLookup, MAX_LENGTH.email) } }) },
    resolve: (_root, args, context) =>
      findCompaniesByDomain(
        db(context),
        tenantOf(context),
        args.domains.map((d) => d.slice(d.lastIndexOf('@') + 1)),
      ),
  }),
);

builder.mutationField('createCompany', (t) =>
  t.field({
    type: CompanyRef,
    extensions: authz('signedIn'),
    args: { input: t.arg({ type: CreateCompanyInput, required: true }) },
    resolve: (_root, { input }, context) =>
      createCompany(db(context), { tenantId: tenantOf(context), userId: context.viewer!.user.id }, input),
  }),
);

builder.mutationField('updateCompany', (t) =>
  t.field({
    type: CompanyRef,
    extensions: authz('signedIn'),
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateCompanyInput, required: true }) },
    resolve: (_root, { id, input }, context) => updateCompany(db(context), tenantOf(context), String(id), input),
  }),
);

builder.mutationField('deleteCompany', (t) =>
  t.field({
    type: 'ID',
    description: 'Deletes the company and its domains; its persons, projects and sales stay, without a company. Returns the id.',
    extensions: authz('signedIn'),
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, context) => deleteCompany(db(context), tenantOf(context), String(id)),
  }),
);
