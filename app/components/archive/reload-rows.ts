/**
 * Reloading a timeline without losing what "Load more" brought in: a live change (archiveChanged)
 * or an unarchive fetches as many rows as are shown again, not just the first page.
 */

/** The server's page sizes (lib/archive/archived-documents.ts, checked there): pages import no lib/archive. */
export const TIMELINE_PAGE_SIZE = 20;
export const MAX_TIMELINE_PAGE_SIZE = 100;

export interface RowPage<Edge> {
  edges: Edge[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * How many rows to fetch again: those shown plus the documents just archived (they come in at the
 * top and would otherwise push the oldest shown rows back behind "Load more"); at least one page.
 */
export function rowsToReload(
  shown: number,
  change?: { change: 'ARCHIVED' | 'UNARCHIVED'; documentIds: readonly string[] },
): number {
  const added = change?.change === 'ARCHIVED' ? change.documentIds.length : 0;
  return Math.max(TIMELINE_PAGE_SIZE, shown + added);
}

/**
 * The first `wanted` rows, newest first, in pages the server takes; stops early when there are no
 * more. The result reads as one page: its pageInfo is the last page's, so "Load more" goes on
 * after the last row fetched.
 */
export async function fetchRows<Edge>(
  wanted: number,
  fetchPage: (first: number, after: string | null) => Promise<RowPage<Edge>>,
): Promise<RowPage<Edge>> {
  const edges: Edge[] = [];
  let page = await fetchPage(Math.min(wanted, MAX_TIMELINE_PAGE_SIZE), null);
  edges.push(...page.edges);
  while (edges.length < wanted && page.pageInfo.hasNextPage && page.edges.length) {
    page = await fetchPage(Math.min(wanted - edges.length, MAX_TIMELINE_PAGE_SIZE), page.pageInfo.endCursor);
    edges.push(...page.edges);
  }
  return { edges, pageInfo: page.pageInfo };
}
