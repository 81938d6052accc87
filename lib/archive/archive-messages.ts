import 'server-only';
import { createHash } from 'node:crypto';
import { findArchivableMessages, type ArchivableMessage } from '../../db/queries/archivable-messages.ts';
import { storeArchive, type NewArchivedDocument } from '../../db/queries/archive-store.ts';
import { AppError } from '../errors.ts';
import { databaseSourceStore } from '../message-store/source-store.ts';
import type { ArchiveDeps } from './archive-deps.ts';
import { publishArchiveChanged } from './archive-events.ts';
import {
  MAX_ARCHIVE_MESSAGES,
  normalizeArchiveRequest,
  type ArchiveOptions,
  type ArchiveTarget,
  type ArchiveViewer,
  type NamedArchiveTarget,
} from './archive-target.ts';
import { requireTargets } from './require-targets.ts';

export interface ArchiveResult {
  /** The archived documents, one per distinct source (two copies of a mail are one document). */
  documentIds: string[];
  /** Links written by this call: 0 when everything was archived there already. */
  newLinks: number;
  targets: NamedArchiveTarget[];
}

/**
 * Bytes of sources held at once before a batch is written: a bulk of 100 large mails must not
 * hold them all in memory. A batch is one transaction. @default 32 MiB
 */
const BATCH_BYTES = 32 * 1024 * 1024;
/** @default 50 */
const BATCH_MESSAGES = 50;

/** One message of the viewer's, archived as its original source (the `.eml`). */
export function archiveMessage(
  deps: ArchiveDeps,
  viewer: ArchiveViewer,
  messageId: string,
  targets: readonly ArchiveTarget[],
  options: ArchiveOptions = {},
): Promise<ArchiveResult> {
  return archiveMessages(deps, viewer, [messageId], targets, options);
}

/**
 * Archives messages of the viewer's as documents linked to every target: the original source
 * byte for byte, copied into the CRM's store (archive_blobs) so it outlives the mailbox, with the
 * extracted fields. Everything is checked before anything is written: the targets in the
 * viewer's tenant, the messages the viewer's (NOT_FOUND), their sources stored
 * (ARCHIVE_SOURCE_NOT_STORED, naming them: the reader offers no .eml before either). Then in
 * batches (one transaction each, idempotent: a retry after a failure finishes the job).
 */
export async function archiveMessages(
  deps: ArchiveDeps,
  viewer: ArchiveViewer,
  messageIds: readonly string[],
  targets: readonly ArchiveTarget[],
  options: ArchiveOptions = {},
): Promise<ArchiveResult> {
  const request = normalizeArchiveRequest(targets, options);
  const ids = [...new Set(messageIds)];
  if (!ids.length) throw new AppError('BAD_USER_INPUT', { field: 'messageIds', message: 'Choose at least one message.' });
  if (ids.length > MAX_ARCHIVE_MESSAGES)
    throw new AppError('BAD_USER_INPUT', {
      field: 'messageIds',
      message: `Archive at most ${MAX_ARCHIVE_MESSAGES} messages at once.`,
    });
  const { db } = deps;
  const named = await requireTargets(db, viewer.tenantId, request.targets);
  const rows = await findArchivableMessages(db, viewer.userId, ids);
  if (rows.length < ids.length) throw new AppError('NOT_FOUND', { field: 'messageIds', message: 'No such message.' });
  const notStored = rows.filter((r) => r.bodyState !== 'done').map((r) => r.id);
  if (notStored.length)
    throw new AppError('ARCHIVE_SOURCE_NOT_STORED', { field: 'messageIds', details: { messageIds: notStored } });

  const sources = deps.sources ?? databaseSourceStore;
  const documentIds: string[] = [];
  let newLinks = 0;
  let batch: NewArchivedDocument[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (!batch.length) return;
    const items = batch;
    batch = [];
    batchBytes = 0;
    const stored = await db.transaction((tx) => storeArchive(tx, viewer, items, request.targets, request));
    for (const d of stored.documents) if (!documentIds.includes(d.id)) documentIds.push(d.id);
    newLinks += stored.newLinks;
  };
  for (const row of rows) {
    const bytes = await sources.get(db, row.id);
    if (!bytes) throw new AppError('ARCHIVE_SOURCE_NOT_STORED', { field: 'messageIds', details: { messageIds: [row.id] } });
    batch.push(messageDocument(row, bytes));
    batchBytes += bytes.byteLength;
    if (batchBytes >= BATCH_BYTES || batch.length >= BATCH_MESSAGES) await flush();
  }
  await flush();

  await publishArchiveChanged(deps.bus, viewer.tenantId, {
    change: 'archived',
    targets: request.targets,
    messageIds: ids,
    documentIds,
    privateTo: request.visibility === 'private' ? viewer.userId : null,
  });
  return { documentIds, newLinks, targets: named };
}

function messageDocument(row: ArchivableMessage, bytes: Buffer): NewArchivedDocument {
  return {
    kind: 'message',
    bytes,
    // The same SHA-256 of the raw source as messages.content_hash: a copy of the mail in another
    // folder (or after a UIDVALIDITY reset) is the same document and shows the same mark.
    hash: createHash('sha256').update(bytes).digest('hex'),
    sourceMessageId: row.id,
    messageIdHeader: row.messageIdHeader,
    subject: row.subject,
    from: row.from,
    to: row.to,
    cc: row.cc,
    datedAt: row.sentAt ?? row.internalDate,
    filename: null,
    contentType: 'message/rfc822',
    text: row.text,
  };
}
