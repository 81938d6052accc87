import { gql, type TypedDocumentNode } from '@apollo/client';

/** graphql/crm-*.ts: the CRM's records as the pages show them. */
export type CrmKind = 'persons' | 'companies' | 'projects' | 'sales';
export const CRM_KINDS: readonly CrmKind[] = ['persons', 'companies', 'projects', 'sales'];

export interface CompanyLink {
  id: string;
  name: string;
}

/** Every record the CRM pages show: the fields a kind lacks are absent. */
export interface CrmRecord {
  id: string;
  name: string;
  title?: string | null;
  phone?: string | null;
  address?: string | null;
  emails?: string[];
  domains?: string[];
  status?: string;
  amountMinor?: number | null;
  currency?: string | null;
  company?: CompanyLink | null;
}

export interface CrmConnection {
  edges: Array<{ cursor: string; node: CrmRecord }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const FIELDS: Record<CrmKind, string> = {
  persons: 'id name title phone emails company { id name }',
  companies: 'id name phone address domains',
  projects: 'id name status company { id name }',
  sales: 'id name status amountMinor currency company { id name }',
};

/** The GraphQL names of one kind: list field, getter, input types and mutations. */
const NAMES: Record<CrmKind, { one: string; type: string }> = {
  persons: { one: 'person', type: 'Person' },
  companies: { one: 'company', type: 'Company' },
  projects: { one: 'project', type: 'Project' },
  sales: { one: 'sale', type: 'Sale' },
};

export interface CrmDocuments {
  list: TypedDocumentNode<Record<string, CrmConnection>, { search?: string; after?: string | null }>;
  get: TypedDocumentNode<Record<string, CrmRecord>, { id: string }>;
  create: TypedDocumentNode<Record<string, CrmRecord>, { input: Record<string, unknown> }>;
  update: TypedDocumentNode<Record<string, CrmRecord>, { id: string; input: Record<string, unknown> }>;
  remove: TypedDocumentNode<Record<string, string>, { id: string }>;
  /** The response's field names: `list` (e.g. persons), `one` (person), `create` (createPerson)… */
  field: { list: CrmKind; one: string; create: string; update: string; remove: string };
}

function documentsOf(kind: CrmKind): CrmDocuments {
  const { one, type } = NAMES[kind];
  const fields = FIELDS[kind];
  return {
    list: gql`
      query Crm${type}List($search: String, $after: String) {
        ${kind}(search: $search, first: 25, after: $after) {
          edges { cursor node { ${fields} } }
          pageInfo { hasNextPage endCursor }
        }
      }
    `,
    get: gql`query Crm${type}($id: ID!) { ${one}(id: $id) { ${fields} } }`,
    create: gql`mutation CrmCreate${type}($input: Create${type}Input!) { create${type}(input: $input) { ${fields} } }`,
    update: gql`mutation CrmUpdate${type}($id: ID!, $input: Update${type}Input!) { update${type}(id: $id, input: $input) { ${fields} } }`,
    remove: gql`mutation CrmDelete${type}($id: ID!) { delete${type}(id: $id) }`,
    field: { list: kind, one, create: `create${type}`, update: `update${type}`, remove: `delete${type}` },
  };
}

export const CRM_DOCUMENTS: Record<CrmKind, CrmDocuments> = {
  persons: documentsOf('persons'),
  companies: documentsOf('companies'),
  projects: documentsOf('projects'),
  sales: documentsOf('sales'),
};

/** A company's persons, projects and sales, for its detail page (first page of each). */
export const COMPANY_RELATED: TypedDocumentNode<
  { company: { id: string; persons: CrmConnection; projects: CrmConnection; sales: CrmConnection } },
  { id: string }
> = gql`
  query CrmCompanyRelated($id: ID!) {
    company(id: $id) {
      id
      persons(first: 100) {
        edges {
          cursor
          node {
            id
            name
            title
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
      projects(first: 100) {
        edges {
          cursor
          node {
            id
            name
            status
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
      sales(first: 100) {
        edges {
          cursor
          node {
            id
            name
            status
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

/** Company choices for a person's, project's or sale's form. */
export const COMPANY_CHOICES: TypedDocumentNode<{ companies: CrmConnection }, { search?: string }> = gql`
  query CrmCompanyChoices($search: String) {
    companies(search: $search, first: 100) {
      edges {
        cursor
        node {
          id
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
