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

const PERSON_FIELDS = `id name title phone emails company { id name }`;
const COMPANY_FIELDS = `id name phone address domains`;
const PROJECT_FIELDS = `id name status company { id name }`;
const SALE_FIELDS = `id name status amountMinor currency company { id name }`;

export interface CrmDocuments {
  list: TypedDocumentNode<Record<string, CrmConnection>, { search?: string; after?: string | null }>;
  get: TypedDocumentNode<Record<string, CrmRecord>, { id: string }>;
  create: TypedDocumentNode<Record<string, CrmRecord>, { input: Record<string, unknown> }>;
  update: TypedDocumentNode<Record<string, CrmRecord>, { id: string; input: Record<string, unknown> }>;
  remove: TypedDocumentNode<Record<string, string>, { id: string }>;
  /** The response's field names: `list` (e.g. persons), `one` (person), `create` (createPerson)… */
  field: { list: CrmKind; one: string; create: string; update: string; remove: string };
}

/**
 * Each kind's operations, written out (not built from strings) so that the query-limits test and
 * the schema validate every one of them.
 */
export const CRM_DOCUMENTS: Record<CrmKind, CrmDocuments> = {
  persons: {
    list: gql`
      query CrmPersonList($search: String, $after: String) {
        persons(search: $search, first: 25, after: $after) {
          edges { cursor node { ${PERSON_FIELDS} } }
          pageInfo { hasNextPage endCursor }
        }
      }
    `,
    get: gql`query CrmPerson($id: ID!) { person(id: $id) { ${PERSON_FIELDS} } }`,
    create: gql`mutation CrmCreatePerson($input: CreatePersonInput!) { createPerson(input: $input) { ${PERSON_FIELDS} } }`,
    update: gql`mutation CrmUpdatePerson($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { ${PERSON_FIELDS} } }`,
    remove: gql`
      mutation CrmDeletePerson($id: ID!) {
        deletePerson(id: $id)
      }
    `,
    field: { list: 'persons', one: 'person', create: 'createPerson', update: 'updatePerson', remove: 'deletePerson' },
  },
  companies: {
    list: gql`
      query CrmCompanyList($search: String, $after: String) {
        companies(search: $search, first: 25, after: $after) {
          edges { cursor node { ${COMPANY_FIELDS} } }
          pageInfo { hasNextPage endCursor }
        }
      }
    `,
    get: gql`query CrmCompany($id: ID!) { company(id: $id) { ${COMPANY_FIELDS} } }`,
    create: gql`mutation CrmCreateCompany($input: CreateCompanyInput!) { createCompany(input: $input) { ${COMPANY_FIELDS} } }`,
    update: gql`mutation CrmUpdateCompany($id: ID!, $input: UpdateCompanyInput!) { updateCompany(id: $id, input: $input) { ${COMPANY_FIELDS} } }`,
    remove: gql`
      mutation CrmDeleteCompany($id: ID!) {
        deleteCompany(id: $id)
      }
    `,
    field: { list: 'companies', one: 'company', create: 'createCompany', update: 'updateCompany', remove: 'deleteCompany' },
  },
  projects: {
    list: gql`
      query CrmProjectList($search: String, $after: String) {
        projects(search: $search, first: 25, after: $after) {
          edges { cursor node { ${PROJECT_FIELDS} } }
          pageInfo { hasNextPage endCursor }
        }
      }
    `,
    get: gql`query CrmProject($id: ID!) { project(id: $id) { ${PROJECT_FIELDS} } }`,
    create: gql`mutation CrmCreateProject($input: CreateProjectInput!) { createProject(input: $input) { ${PROJECT_FIELDS} } }`,
    update: gql`mutation CrmUpdateProject($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { ${PROJECT_FIELDS} } }`,
    remove: gql`
      mutation CrmDeleteProject($id: ID!) {
        deleteProject(id: $id)
      }
    `,
    field: { list: 'projects', one: 'project', create: 'createProject', update: 'updateProject', remove: 'deleteProject' },
  },
  sales: {
    list: gql`
      query CrmSaleList($search: String, $after: String) {
        sales(search: $search, first: 25, after: $after) {
          edges { cursor node { ${SALE_FIELDS} } }
          pageInfo { hasNextPage endCursor }
        }
      }
    `,
    get: gql`query CrmSale($id: ID!) { sale(id: $id) { ${SALE_FIELDS} } }`,
    create: gql`mutation CrmCreateSale($input: CreateSaleInput!) { createSale(input: $input) { ${SALE_FIELDS} } }`,
    update: gql`mutation CrmUpdateSale($id: ID!, $input: UpdateSaleInput!) { updateSale(id: $id, input: $input) { ${SALE_FIELDS} } }`,
    remove: gql`
      mutation CrmDeleteSale($id: ID!) {
        deleteSale(id: $id)
      }
    `,
    field: { list: 'sales', one: 'sale', create: 'createSale', update: 'updateSale', remove: 'deleteSale' },
  },
};

/** A company's persons, projects and sales for its detail page: the first hundred of each, by name. */
export type CompanyRelatedData = { related: { edges: Array<{ node: CrmRecord }> } };

export const COMPANY_PERSONS: TypedDocumentNode<CompanyRelatedData, { id: string }> = gql`
  query CrmCompanyPersons($id: ID!) {
    related: persons(companyId: $id, first: 100) {
      edges {
        node {
          id
          name
          title
        }
      }
    }
  }
`;

export const COMPANY_PROJECTS: TypedDocumentNode<CompanyRelatedData, { id: string }> = gql`
  query CrmCompanyProjects($id: ID!) {
    related: projects(companyId: $id, first: 100) {
      edges {
        node {
          id
          name
          status
        }
      }
    }
  }
`;

export const COMPANY_SALES: TypedDocumentNode<CompanyRelatedData, { id: string }> = gql`
  query CrmCompanySales($id: ID!) {
    related: sales(companyId: $id, first: 100) {
      edges {
        node {
          id
          name
          status
          amountMinor
          currency
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
