import 'server-only';
import type { Db } from '../../db/client.ts';
import { isUuid } from '../../db/is-uuid.ts';
import { findArchiveStatus, listArchivedDocuments, type ArchivedDocumentSummary } from '../../db/queries/archived-documents.ts';
import { AppError } from '../errors.ts';
import type { ArchiveTarget, ArchiveViewer, NamedArchiveTarget } from './archive-target.ts';

export interface ArchivedDocumentPage {
  nodes: ArchivedDocumentSummary[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** @default 20 */
export const DEFAULT_PAGE_SIZE = 20;
/** @default 100 */
export const MAX_PAGE_SIZE = 100;

/**
 * A target's timeline: the documents linked to it that the viewer may see (private ones only
 * their owner), newest first, `first` at a time after the cursor `after` (opaque, from endCursor).
 */
export async function archivedDocuments(
  db: Db,
  viewer: ArchiveViewer,
  target: ArchiveTarget,
  page: { first?: number | null; after?: string | null } = {},
): Promise<ArchivedDocumentPage> {
  const limit = Math.min(Math.max(page.first ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const rows = await listArchivedDocuments(
    db,
    viewer,
    target.id,
    limit + 1,
    page.after ? decodeDocumentCursor(page.after) : undefined,
  );
  const nodes = rows.slice(0, limit);
  const last = nodes[nodes.length - 1];
  return { nodes, hasNextPage: rows.length > limit, endCursor: last ? encodeDocumentCursor(last) : null };
}

export function encodeDocumentCursor(d: { datedAt: Date; id: string }): string {
  return Buffer.from(`${d.datedAt.toISOString()}|${d.id}`).toString('base64url');
}

export function decodeDocumentCursor(cursor: string): { datedAt: Date; id: string } {
  const [date, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const datedAt = new Date(date ?? '');
  if (!id || !isUuid(id) || Number.isNaN(datedAt.getTime()))
    throw new AppError('BAD_USER_INPUT', { field: 'after', message: 'Invalid cursor.' });
  return { datedAt, id };
}

export interface MessageArchiveMark {
  messageId: string;
  /** Every CRM row a document of this message (the whole message or an attachment) is linked to, once. */
  targets: NamedArchiveTarget[];
  documentIds: string[];
  /** Whether the whole message is archived (not only attachments of it). */
  wholeMessage: boolean;
}

/** The most messages one status query takes: a list page or two. @default 500 */
export const MAX_STATUS_MESSAGES = 500;

/**
 * For the inbox's mark ("archived to Acme BV"): which of these messages of the viewer's are
 * archived in a document the viewer may see, and to what. Messages that are not archived (or
 * not the viewer's) are left out.
 */
export async function archiveStatusForMessages(
  db: Db,
  viewer: ArchiveViewer,
  messageIds: readonly string[],
): Promise<MessageArchiveMark[]> {
  const rows = await findArchiveStatus(db, viewer, [...new Set(messageIds)].slice(0, MAX_STATUS_MESSAGES));
  const marks = new Map<string, MessageArchiveMark>();
  for (const row of rows) {
    let mark = marks.get(row.messageId);
    if (!mark) marks.set(row.messageId, (mark = { messageId: row.messageId, targets: [], documentIds: [], wholeMessage: false }));
    mark.documentIds.push(row.documentId);
    if (row.kind === 'message') mark.wholeMessage = true;
    for (const t of row.targets) if (!mark.targets.some((m) => m.id === t.id)) mark.targets.push(t);
  }
  return [...marks.values()];
}
