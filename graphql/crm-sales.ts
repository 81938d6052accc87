import 'server-only';
import { createSale, deleteSale, getSale, listSales, updateSale, type SaleRecord } from '../lib/crm/sales.ts';
import { authz, builder } from './builder.ts';
import type { GraphQLContext } from './context.ts';
import { loadCompany } from './crm-loaders.ts';
import { afterArg, CompanyRef, crmConnection, firstArg, SaleRef, searchArg } from './crm-refs.ts';
import { MAX_LENGTH, maxLength } from './input-limits.ts';

const SaleConnection = crmConnection<SaleRecord>('Sale', SaleRef);

const db = (context: GraphQLContext) => context.services.database.db;
const tenantOf = (context: GraphQLContext) => context.viewer!.tenant.id;

const SaleStatus = builder.enumType('SaleStatus', {
  values: { OPEN: { value: 'open' }, WON: { value: 'won' }, LOST: { value: 'lost' } } as const,
});

const amountDescription =
  'In minor units (cents), a whole number. A Float because GraphQL Int stops at 2^31 (€21 million in cents); exact up to 2^53.';

SaleRef.implement({
  description: 'A sale (deal) in the CRM, optionally of a company: visible to everyone in the tenant.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    status: t.field({ type: SaleStatus, resolve: (s) => s.status }),
    amountMinor: t.exposeFloat('amountMinor', { nullable: true, description: amountDescription }),
    currency: t.exposeString('currency', { nullable: true, description: 'ISO 4217, e.g. EUR.' }),
    company: t.field({
      type: CompanyRef,
      nullable: true,
      resolve: (sale, _args, context) => (sale.companyId ? loadCompany(context, sale.companyId) : null),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

const CreateSaleInput = builder.inputType('CreateSaleInput', {
  fields: (t) => ({
    name: t.string({ required: true, extensions: maxLength(MAX_LENGTH.name) }),
    companyId: t.id({ description: 'One of the tenant’s companies (else CRM_COMPANY_NOT_FOUND).' }),
    status: t.field({ type: SaleStatus, description: 'OPEN when absent.' }),
    amountMinor: t.float({ description: amountDescription }),
    currency: t.string({ extensions: maxLength(MAX_LENGTH.currency) }),
  }),
});

const UpdateSaleInput = builder.inputType('UpdateSaleInput', {
  description: 'Absent fields stay as they are; null clears one (a null companyId unlinks the company).',
  fields: (t) => ({
    name: t.string({ extensions: maxLength(MAX_LENGTH.name) }),
    companyId: t.id(),
    status: t.field({ type: SaleStatus }),
    amountMinor: t.float({ description: amountDescription }),
    currency: t.string({ extensions: maxLength(MAX_LENGTH.currency) }),
  }),
});

const idOrNull = (id: string | number | null | undefined) => (id == null ? id : String(id));

builder.queryField('sales', (t) =>
  t.field({
    type: SaleConnection,
    description: "The tenant's sales by name, searched by name.",
    extensions: authz('signedIn'),
    args: {
      search: t.arg.string(searchArg),
      companyId: t.arg.id({ description: 'Only this company’s.' }),
      first: t.arg.int(firstArg),
      after: t.arg.string(afterArg),
    },
    resolve: (_root, { companyId, ...args }, context) =>
      listSales(db(context), tenantOf(context), { ...args, companyId: companyId == null ? undefined : String(companyId) }),
  }),
);

builder.queryField('sale', (t) =>
  t.field({
    type: SaleRef,
    description: 'One sale of the tenant; CRM_NOT_FOUND otherwise.',
    extensions: authz('signedIn'),
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => getSale(db(context), tenantOf(context), String(args.id)),
  }),
);

builder.mutationField('createSale', (t) =>
  t.field({
    type: SaleRef,
    extensions: authz('signedIn'),
    args: { input: t.arg({ type: CreateSaleInput, required: true }) },
    resolve: (_root, { input }, context) =>
      createSale(
        db(context),
        { tenantId: tenantOf(context), userId: context.viewer!.user.id },
        { ...input, companyId: idOrNull(input.companyId) },
      ),
  }),
);

builder.mutationField('updateSale', (t) =>
  t.field({
    type: SaleRef,
    extensions: authz('signedIn'),
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateSaleInput, required: true }) },
    resolve: (_root, { id, input }, context) =>
      updateSale(db(context), tenantOf(context), String(id), { ...input, companyId: idOrNull(input.companyId) }),
  }),
);

builder.mutationField('deleteSale', (t) =>
  t.field({
    type: 'ID',
    extensions: authz('signedIn'),
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, context) => deleteSale(db(context), tenantOf(context), String(id)),
  }),
);
