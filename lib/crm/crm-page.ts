import { AppError } from '../errors.ts';
import { isUuid } from '../../db/is-uuid.ts';

/** A page when the client names no size. @default 25 */
export const DEFAULT_CRM_PAGE_SIZE = 25;
/** The largest page a client may ask for. @default 100 */
export const MAX_CRM_PAGE_SIZE = 100;

/** Where a page continues: after this (lower-cased name, id), the order every CRM list is sorted by. */
export interface CrmCursor {
  name: string;
  id: string;
}

export interface CrmPageRequest {
  /** Matches name, and e-mail address (persons) or domain (companies); case-insensitive, contains. */
  search?: string | null;
  first?: number | null;
  /** An opaque cursor from a previous page's `endCursor`. */
  after?: string | null;
}

export interface CrmPage<T> {
  nodes: T[];
  hasNextPage: boolean;
}

/** The page size asked for, within 1…MAX_CRM_PAGE_SIZE. */
export function pageSize(first: number | null | undefined): number {
  return Math.min(Math.max(Math.trunc(first ?? DEFAULT_CRM_PAGE_SIZE), 1), MAX_CRM_PAGE_SIZE);
}

/**
 * Opaque to clients: base64url of `<id>|<sort name>` (the id first: a name may hold "|"). The sort
 * name is the database's own `lower(name)` (db/queries/crm-keyset.ts), so the next page's
 * comparison uses exactly the order the list was sorted in, whatever JavaScript's lower-casing says.
 */
export function encodeCrmCursor(row: { id: string; sortName: string }): string {
  return Buffer.from(`${row.id}|${row.sortName}`).toString('base64url');
}

export function decodeCrmCursor(cursor: string): CrmCursor {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const bar = text.indexOf('|');
  const id = text.slice(0, bar);
  if (bar !== 36 || !isUuid(id)) throw new AppError('CRM_INVALID_INPUT', { field: 'after', message: 'Invalid cursor.' });
  return { id, name: text.slice(bar + 1) };
}

/** LIKE pattern for "contains": the search's own % and _ and \ match themselves. */
export function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
