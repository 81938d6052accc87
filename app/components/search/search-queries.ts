import { gql, type TypedDocumentNode } from '@apollo/client';

/**
 * The longest search the API accepts (MAX_SEARCH_QUERY_LENGTH in lib/search/parse-search-query.ts,
 * which app/ may not import): the box stops there and a longer `q=` in the URL is ignored.
 * @default 500
 */
export const MAX_SEARCH_CHARS = 500;

export interface HighlightedTextView {
  text: string;
  matches: Array<{ start: number; length: number }>;
}

export interface SearchResultRow {
  id: string;
  folderId: string;
  subject: string;
  from: Array<{ name: string; address: string }>;
  receivedAt: string;
  seen: boolean;
  hasAttachments: boolean;
}

export interface SearchPageView {
  nodes: SearchResultRow[];
  hasMore: boolean;
  endCursor: string | null;
  highlights: Array<{ messageId: string; subject: HighlightedTextView; snippet: HighlightedTextView }>;
}

export const SEARCH_MESSAGES: TypedDocumentNode<
  { searchMessages: SearchPageView },
  { query: string; first?: number; after?: string | null }
> = gql`
  query SearchMessages($query: String!, $first: Int, $after: String) {
    searchMessages(query: $query, first: $first, after: $after) {
      nodes {
        id
        folderId
        subject
        from {
          name
          address
        }
        receivedAt
        seen
        hasAttachments
      }
      hasMore
      endCursor
      highlights {
        messageId
        subject {
          text
          matches {
            start
            length
          }
        }
        snippet {
          text
          matches {
            start
            length
          }
        }
      }
    }
  }
`;
