import { gql, type TypedDocumentNode } from '@apollo/client';

/** An archived e-mail as search results and the sender card list it. */
export interface ArchivedMailView {
  id: string;
  subject: string;
  date: string;
  from: Array<{ name: string; address: string }>;
  downloadUrl: string;
  targets: Array<{ kind: 'PERSON' | 'COMPANY' | 'PROJECT' | 'SALE'; id: string; name: string }>;
}

export const SEARCH_ARCHIVE: TypedDocumentNode<
  { searchArchive: { nodes: ArchivedMailView[]; hasMore: boolean; endCursor: string | null } },
  { query: string; first: number; after?: string | null }
> = gql`
  query SearchArchive($query: String!, $first: Int!, $after: String) {
    searchArchive(query: $query, first: $first, after: $after) {
      nodes {
        id
        subject
        date
        from {
          name
          address
        }
        downloadUrl
        targets {
          kind
          id
          name
        }
      }
      hasMore
      endCursor
    }
  }
`;

/** A target's CRM page. */
export function crmHref(target: { kind: ArchivedMailView['targets'][number]['kind']; id: string }): string {
  const segment = { PERSON: 'persons', COMPANY: 'companies', PROJECT: 'projects', SALE: 'sales' }[target.kind];
  return `/crm/${segment}/${target.id}`;
}
