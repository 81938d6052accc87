import 'server-only';
import {
  createPerson,
  deletePerson,
  findPersonsByAddress,
  getPerson,
  listPersons,
  updatePerson,
  type PersonRecord,
} from '../lib/crm/persons.ts';
import { authz, builder } from './builder.ts';
import type { GraphQLContext } from './context.ts';
import { loadCompany } from './crm-loaders.ts';
import { afterArg, CompanyRef, crmConnection, firstArg, PersonRef, searchArg } from './crm-refs.ts';
import { MAX_ITEMS, MAX_LENGTH, maxItems, maxLength } from './input-limits.ts';

const PersonConnection = crmConnection<PersonRecord>('Person', PersonRef);

const db = (context: GraphQLContext) => context.services.database.db;
const tenantOf = (context: GraphQLContext) => context.viewer!.tenant.id;

PersonRef.implement({
  description: 'A person (contact) in the CRM: visible to everyone in the tenant.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    title: t.exposeString('title', { nullable: true, description: 'Job title.' }),
    phone: t.exposeString('phone', { nullable: true }),
    emails: t.exposeStringList('emails', {
      description: 'E-mail addresses, lower-cased: how a sender or recipient finds the person.',
    }),
    company: t.field({
      type: CompanyRef,
      nullable: true,
      resolve: (person, _args, context) => (person.companyId ? loadCompany(context, person.companyId) : null),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

const personFields = {
  title: { extensions: maxLength(MAX_LENGTH.crmShortText) },
  phone: { extensions: maxLength(MAX_LENGTH.crmShortText) },
  emails: { extensions: { ...maxItems(MAX_ITEMS.crmAddresses, MAX_LENGTH.email) } },
} as const;

const CreatePersonInput = builder.inputType('CreatePersonInput', {
  fields: (t) => ({
    name: t.string({ required: true, extensions: maxLength(MAX_LENGTH.name) }),
    title: t.string(personFields.title),
    phone: t.string(personFields.phone),
    companyId: t.id({ description: 'One of the tenant’s companies (else CRM_COMPANY_NOT_FOUND).' }),
    emails: t.stringList(personFields.emails),
  }),
});

const UpdatePersonInput = builder.inputType('UpdatePersonInput', {
  description: 'Absent fields stay as they are; null (or "") clears one. `emails` replaces the list.',
  fields: (t) => ({
    name: t.string({ extensions: maxLength(MAX_LENGTH.name) }),
    title: t.string(personFields.title),
    phone: t.string(personFields.phone),
    companyId: t.id(),
    emails: t.stringList(personFields.emails),
  }),
});

const idOrNull = (id: string | number | null | undefined) => (id == null ? id : String(id));

builder.queryField('persons', (t) =>
  t.field({
    type: PersonConnection,
    description: "The tenant's persons by name, searched by name or e-mail address.",
    extensions: authz('signedIn'),
    args: {
      search: t.arg.string(searchArg),
      companyId: t.arg.id({ description: 'Only this company’s.' }),
      first: t.arg.int(firstArg),
      after: t.arg.string(afterArg),
    },
    resolve: (_root, { companyId, ...args }, context) =>
      listPersons(db(context), tenantOf(context), { ...args, companyId: companyId == null ? undefined : String(companyId) }),
  }),
);

builder.queryField('person', (t) =>
  t.field({
    type: PersonRef,
    description: 'One person of the tenant; CRM_NOT_FOUND otherwise (also for another tenant’s id).',
    extensions: authz('signedIn'),
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => getPerson(db(context), tenantOf(context), String(args.id)),
  }),
);

builder.queryField('personsByAddress', (t) =>
  t.field({
    type: [PersonRef],
    description:
      'The persons having any of these e-mail addresses, by name (the sender card). Malformed addresses match nothing.',
    extensions: authz('signedIn'),
    args: { addresses: t.arg.stringList({ required: true, extensions: { ...maxItems(MAX_ITEMS.crmLookup, MAX_LENGTH.email) } }) },
    resolve: (_root, args, context) => findPersonsByAddress(db(context), tenantOf(context), args.addresses),
  }),
);

builder.mutationField('createPerson', (t) =>
  t.field({
    type: PersonRef,
    extensions: authz('signedIn'),
    args: { input: t.arg({ type: CreatePersonInput, required: true }) },
    resolve: (_root, { input }, context) =>
      createPerson(
        db(context),
        { tenantId: tenantOf(context), userId: context.viewer!.user.id },
        { ...input, companyId: idOrNull(input.companyId) },
      ),
  }),
);

builder.mutationField('updatePerson', (t) =>
  t.field({
    type: PersonRef,
    extensions: authz('signedIn'),
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdatePersonInput, required: true }) },
    resolve: (_root, { id, input }, context) =>
      updatePerson(db(context), tenantOf(context), String(id), { ...input, companyId: idOrNull(input.companyId) }),
  }),
);

builder.mutationField('deletePerson', (t) =>
  t.field({
    type: 'ID',
    description: 'Deletes the person and their e-mail addresses. Returns the id.',
    extensions: authz('signedIn'),
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, context) => deletePerson(db(context), tenantOf(context), String(id)),
  }),
);
