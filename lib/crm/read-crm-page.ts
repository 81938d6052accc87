import { containsPattern, decodeCrmCursor, pageSize, type CrmCursor, type CrmPage, type CrmPageRequest } from './crm-page.ts';
import { normalizeSearch } from './normalize-crm-input.ts';

export interface PageQuery {
  /** LIKE pattern over lower-cased values (`%search%`); absent: everything. */
  pattern?: string;
  cursor?: CrmCursor;
  limit: number;
}

/**
 * One page of a CRM list: the search normalised and bounded, the cursor decoded, one row more
 * than asked fetched to learn whether another page follows.
 */
export async function readCrmPage<T>(request: CrmPageRequest, readRows: (query: PageQuery) => Promise<T[]>): Promise<CrmPage<T>> {
  const search = normalizeSearch(request.search);
  const limit = pageSize(request.first);
  const rows = await readRows({
    pattern: search ? containsPattern(search) : undefined,
    cursor: request.after ? decodeCrmCursor(request.after) : undefined,
    limit: limit + 1,
  });
  return { nodes: rows.slice(0, limit), hasNextPage: rows.length > limit };
}
