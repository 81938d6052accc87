import 'server-only';
import type { CompanyRecord } from '../lib/crm/companies.ts';
import type { CrmPage } from '../lib/crm/crm-page.ts';
import { encodeCrmCursor } from '../lib/crm/crm-page.ts';
import type { PersonRecord } from '../lib/crm/persons.ts';
import type { ProjectRecord } from '../lib/crm/projects.ts';
import type { SaleRecord } from '../lib/crm/sales.ts';
import { builder } from './builder.ts';
import { MAX_LENGTH, maxLength } from './input-limits.ts';

/**
 * The CRM's object types, declared here and implemented in crm-<type>.ts, so that Person.company
 * and Company.persons can name each other without an import cycle.
 */
export const CompanyRef = builder.objectRef<CompanyRecord>('Company');
export const PersonRef = builder.objectRef<PersonRecord>('Person');
export const ProjectRef = builder.objectRef<ProjectRecord>('Project');
export const SaleRef = builder.objectRef<SaleRecord>('Sale');

const PageInfoRef = builder.objectRef<{ hasNextPage: boolean; endCursor: string | null }>('PageInfo').implement({
  description: 'Relay-style: whether another page follows, and the cursor to ask for it with (`after`).',
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage'),
    endCursor: t.exposeString('endCursor', { nullable: true }),
  }),
});

type Row = { id: string; sortName: string };

/** `<Name>Connection { edges { cursor node } pageInfo { hasNextPage endCursor } }` over a CRM page. */
export function crmConnection<T extends Row>(
  name: string,
  node: typeof CompanyRef | typeof PersonRef | typeof ProjectRef | typeof SaleRef,
) {
  const EdgeRef = builder.objectRef<T>(`${name}Edge`).implement({
    fields: (t) => ({
      cursor: t.string({ resolve: (row) => encodeCrmCursor(row) }),
      node: t.field({ type: node as never, resolve: (row) => row as never }),
    }),
  });
  return builder.objectRef<CrmPage<T>>(`${name}Connection`).implement({
    fields: (t) => ({
      edges: t.field({ type: [EdgeRef], resolve: (page) => page.nodes }),
      pageInfo: t.field({
        type: PageInfoRef,
        resolve: (page) => {
          const last = page.nodes[page.nodes.length - 1];
          return { hasNextPage: page.hasNextPage, endCursor: last ? encodeCrmCursor(last) : null };
        },
      }),
    }),
  });
}

/** The options of every CRM list's arguments: `search`, `first`, `after`. */
export const searchArg = {
  description: 'Contains, case-insensitive: the name (persons: also an e-mail address; companies: also a domain).',
  extensions: maxLength(MAX_LENGTH.name),
} as const;
export const firstArg = { description: 'Page size, 1–100.', defaultValue: 25 } as const;
export const afterArg = {
  description: 'The `endCursor` of the previous page.',
  extensions: maxLength(MAX_LENGTH.crmCursor),
} as const;
