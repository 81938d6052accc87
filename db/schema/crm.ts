import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants, users } from './tenants.ts';

/**
 * The CRM core (issue 12): what an e-mail is archived against. Everything is per tenant and
 * visible to all of the tenant's users; only archived documents carry a per-user visibility.
 * Rows hold `tenant_id` themselves (also the child tables) so every query filters on it directly
 * and an index leads with it: tenant isolation never depends on a join being written right.
 */
export const companies = pgTable(
  'companies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    phone: text('phone'),
    /** Postal address as the user typed it (lines separated by newlines). */
    address: text('address'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('companies_tenant_name_idx').on(t.tenantId, sql`lower(${t.name})`)],
);

/** A company's e-mail domains (lower-cased, no "@"): how a sender's address finds its company. */
export const companyDomains = pgTable(
  'company_domains',
  {
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    domain: text('domain').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.domain] }),
    index('company_domains_tenant_domain_idx').on(t.tenantId, t.domain),
    check('company_domains_lower_check', sql`${t.domain} = lower(${t.domain})`),
  ],
);

export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Job title. */
    title: text('title'),
    phone: text('phone'),
    /** The person's company; deleting the company keeps the person. */
    companyId: uuid('company_id').references(() => companies.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('persons_tenant_name_idx').on(t.tenantId, sql`lower(${t.name})`), index('persons_company_idx').on(t.companyId)],
);

/** A person's e-mail addresses (lower-cased): how a sender or recipient finds its person. */
export const personEmails = pgTable(
  'person_emails',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    address: text('address').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.address] }),
    index('person_emails_tenant_address_idx').on(t.tenantId, t.address),
    check('person_emails_lower_check', sql`${t.address} = lower(${t.address})`),
  ],
);

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    companyId: uuid('company_id').references(() => companies.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['planned', 'active', 'completed', 'cancelled'] })
      .notNull()
      .default('active'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('projects_tenant_name_idx').on(t.tenantId, sql`lower(${t.name})`),
    index('projects_company_idx').on(t.companyId),
    check('projects_status_check', sql`${t.status} in ('planned', 'active', 'completed', 'cancelled')`),
  ],
);

export const sales = pgTable(
  'sales',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    companyId: uuid('company_id').references(() => companies.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['open', 'won', 'lost'] })
      .notNull()
      .default('open'),
    /** In minor units (cents): exact, and a bigint maps to a JS number safely up to 2^53. */
    amountMinor: bigint('amount_minor', { mode: 'number' }),
    /** ISO 4217 code, e.g. EUR. */
    currency: text('currency'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sales_tenant_name_idx').on(t.tenantId, sql`lower(${t.name})`),
    index('sales_company_idx').on(t.companyId),
    check('sales_status_check', sql`${t.status} in ('open', 'won', 'lost')`),
    check('sales_currency_check', sql`${t.currency} is null or ${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

export type Company = typeof companies.$inferSelect;
export type Person = typeof persons.$inferSelect;
export type Project = typeof projects.$inferSelect;
export type Sale = typeof sales.$inferSelect;
