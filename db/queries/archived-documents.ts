import 'server-only';
import { and, desc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { ArchiveTargetKind, ArchiveViewer, NamedArchiveTarget } from '../../lib/archive/archive-target.ts';
import type { Db } from '../client.ts';
import { isUuid } from '../is-uuid.ts';
import { archiveBlobs, archivedDocuments, archiveLinks, type MailAddress } from '../schema/index.ts';
import { linkTargetName } from './archive-targets.ts';
import { rowsOf } from './rows-of.ts';

/** Characters of a document's text shown on the timeline. @default 200 */
const SNIPPET_LENGTH = 200;

/** An archived document as the timeline and the API show it (the bytes stay in archive_blobs). */
export interface ArchivedDocumentSummary {
  id: string;
  kind: 'message' | 'attachment';
  category: string | null;
  visibility: 'tenant' | 'private';
  archivedBy: string | null;
  archivedAt: Date;
  sourceMessageId: string | null;
  messageIdHeader: string | null;
  subject: string;
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  datedAt: Date;
  filename: string | null;
  contentType: string;
  size: number;
  snippet: string;
  blobHash: string;
}

export const summaryColumns = {
  id: archivedDocuments.id,
  kind: archivedDocuments.kind,
  category: archivedDocuments.category,
  visibility: archivedDocuments.visibility,
  archivedBy: archivedDocuments.archivedBy,
  archivedAt: archivedDocuments.archivedAt,
  sourceMessageId: archivedDocuments.sourceMessageId,
  messageIdHeader: archivedDocuments.messageIdHeader,
  subject: archivedDocuments.subject,
  from: archivedDocuments.from,
  to: archivedDocuments.to,
  cc: archivedDocuments.cc,
  datedAt: archivedDocuments.datedAt,
  filename: archivedDocuments.filename,
  contentType: archivedDocuments.contentType,
  size: archivedDocuments.size,
  snippet: sql<string>`left(${archivedDocuments.text}, ${SNIPPET_LENGTH})`,
  blobHash: archivedDocuments.blobHash,
};

/**
 * What the viewer may see: the tenant's documents, private ones only their owner's. Every query
 * of this file (and the archive search) filters with it: visibility is enforced in SQL, never
 * after the fact.
 */
export function visibleTo(viewer: ArchiveViewer): SQL {
  return and(
    eq(archivedDocuments.tenantId, viewer.tenantId),
    or(isNull(archivedDocuments.privateTo), eq(archivedDocuments.privateTo, viewer.userId)),
  )!;
}

export type DocumentCursor = { datedAt: Date; id: string };

/**
 * A page of the documents linked to `targetId` that the viewer may see, newest first (by the
 * mail's date, then id: a stable keyset), after `before`.
 */
export async function listArchivedDocuments(
  db: Db,
  viewer: ArchiveViewer,
  targetId: string,
  limit: number,
  before?: DocumentCursor,
): Promise<ArchivedDocumentSummary[]> {
  if (!isUuid(targetId)) return [];
  return db
    .select(summaryColumns)
    .from(archiveLinks)
    .innerJoin(archivedDocuments, eq(archivedDocuments.id, archiveLinks.documentId))
    .where(
      and(
        eq(archiveLinks.tenantId, viewer.tenantId),
        eq(archiveLinks.targetId, targetId),
        visibleTo(viewer),
        before &&
          sql`(${archivedDocuments.datedAt}, ${archivedDocuments.id}) < (${before.datedAt.toISOString()}::timestamptz, ${before.id}::uuid)`,
      ),
    )
    .orderBy(desc(archivedDocuments.datedAt), desc(archivedDocuments.id))
    .limit(limit);
}

/** One document, if the viewer may see it. */
export async function findArchivedDocument(
  db: Db,
  viewer: ArchiveViewer,
  id: string,
): Promise<ArchivedDocumentSummary | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select(summaryColumns)
    .from(archivedDocuments)
    .where(and(eq(archivedDocuments.id, id), visibleTo(viewer)));
  return row;
}

/** The targets of each document, named as the CRM rows are named now; by document id. */
export async function findDocumentTargets(
  db: Db,
  tenantId: string,
  documentIds: readonly string[],
): Promise<Map<string, NamedArchiveTarget[]>> {
  const byDocument = new Map<string, NamedArchiveTarget[]>(documentIds.map((id) => [id, []]));
  if (!documentIds.length) return byDocument;
  const rows = rowsOf<{ documentId: string; kind: ArchiveTargetKind; id: string; name: string }>(
    await db.execute(sql`select l.document_id as "documentId", l.target_kind as kind, l.target_id as id, ${linkTargetName} as name
      from archive_links l
      where l.tenant_id = ${tenantId}::uuid and l.document_id = any(${`{${documentIds.join(',')}}`}::uuid[])
      order by l.linked_at, l.target_id`),
  );
  for (const { documentId, ...target } of rows) byDocument.get(documentId)?.push(target);
  return byDocument;
}

/** The archived bytes of a hash. */
export async function readArchiveBlob(db: Db, hash: string): Promise<Buffer | null> {
  const [row] = await db.select({ data: archiveBlobs.data }).from(archiveBlobs).where(eq(archiveBlobs.hash, hash));
  return row ? Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength) : null;
}

export interface MessageArchiveStatus {
  messageId: string;
  documentId: string;
  kind: 'message' | 'attachment';
  targets: NamedArchiveTarget[];
}

/**
 * For the inbox's mark: the documents the viewer may see that were archived from these messages
 * of theirs, or hold the same source (messages.content_hash: a copy in another folder, or the mail
 * again after a UIDVALIDITY reset). Messages that are not the viewer's are never matched.
 */
export async function findArchiveStatus(
  db: Db,
  viewer: ArchiveViewer,
  messageIds: readonly string[],
): Promise<MessageArchiveStatus[]> {
  const ids = messageIds.filter(isUuid);
  if (!ids.length) return [];
  const rows = rowsOf<{ messageId: string; documentId: string; kind: 'message' | 'attachment' }>(
    // archived_documents unaliased: visibleTo names its columns by the table's name.
    await db.execute(sql`select m.id as "messageId", archived_documents.id as "documentId", archived_documents.kind
      from messages m
      join mail_accounts a on a.id = m.account_id and a.user_id = ${viewer.userId}::uuid
      join archived_documents on (archived_documents.source_message_id = m.id
        or (archived_documents.kind = 'message' and archived_documents.blob_hash = m.content_hash))
      where m.id = any(${`{${ids.join(',')}}`}::uuid[]) and ${visibleTo(viewer)}
      order by m.id, archived_documents.archived_at`),
  );
  const targets = await findDocumentTargets(db, viewer.tenantId, [...new Set(rows.map((r) => r.documentId))]);
  return rows.map((r) => ({ ...r, targets: targets.get(r.documentId) ?? [] }));
}

/**
 * The targets of the archived messages of a message's thread that the viewer may see: the message
 * itself (by Message-ID, source or bytes) and the messages it answers (In-Reply-To, References),
 * whoever archived them. For "suggest archiving replies and forwards of an archived thread".
 * Message-IDs are compared without their angle brackets.
 */
export async function findThreadArchiveTargets(db: Db, viewer: ArchiveViewer, messageId: string): Promise<NamedArchiveTarget[]> {
  if (!isUuid(messageId)) return [];
  const rows = rowsOf<{ documentId: string }>(
    await db.execute(sql`with m as (
        select m.id, m.content_hash,
          array_remove(
            array[trim(both '<> ' from m.message_id), trim(both '<> ' from m.in_reply_to)]
              || array(select trim(both '<> ' from r) from unnest(m.references) r),
            null) as ids
        from messages m
        join mail_accounts a on a.id = m.account_id and a.user_id = ${viewer.userId}::uuid
        where m.id = ${messageId}::uuid)
      select archived_documents.id as "documentId"
      from archived_documents, m
      where ${visibleTo(viewer)} and archived_documents.kind = 'message'
        and (archived_documents.message_id_header = any(m.ids)
          or archived_documents.source_message_id = m.id
          or archived_documents.blob_hash = m.content_hash)
      order by archived_documents.archived_at
      limit 50`),
  );
  const targets = await findDocumentTargets(
    db,
    viewer.tenantId,
    rows.map((r) => r.documentId),
  );
  const seen = new Map<string, NamedArchiveTarget>();
  for (const row of rows) for (const t of targets.get(row.documentId) ?? []) if (!seen.has(t.id)) seen.set(t.id, t);
  return [...seen.values()];
}

/**
 * Messages whose stored source is already an archived document of their owner's tenant (the
 * same bytes: the Sent copy of a message sent and archived, a copy in a colleague's mailbox, mail
 * synced again after a UIDVALIDITY reset). Their mark appears once their content hash is known.
 */
export async function findArchivedCopies(
  db: Db,
  messageIds: readonly string[],
): Promise<Array<{ messageId: string; documentId: string; tenantId: string; privateTo: string | null }>> {
  const ids = messageIds.filter(isUuid);
  if (!ids.length) return [];
  return rowsOf<{ messageId: string; documentId: string; tenantId: string; privateTo: string | null }>(
    await db.execute(sql`select m.id as "messageId", d.id as "documentId", d.tenant_id as "tenantId",
        d.private_to as "privateTo"
      from messages m
      join mail_accounts a on a.id = m.account_id
      join archived_documents d on d.kind = 'message' and d.blob_hash = m.content_hash and d.tenant_id = a.tenant_id
      where m.id = any(${`{${ids.join(',')}}`}::uuid[]) and m.content_hash is not null`),
  );
}

/**
 * Removes one link (or, with `targetId` undefined, every link) of a document the viewer may see;
 * a document left without links is deleted, and its bytes when no other document uses them.
 * Returns what was removed, or null when the viewer may not see the document.
 */
export async function deleteArchiveLinks(
  tx: Db,
  viewer: ArchiveViewer,
  documentId: string,
  targetId: string | undefined,
): Promise<{
  removedTargets: Array<{ kind: ArchiveTargetKind; id: string }>;
  documentDeleted: boolean;
  sourceMessageId: string | null;
  privateTo: string | null;
} | null> {
  if (!isUuid(documentId)) return null;
  // Locked: a concurrent archiving to this document waits, and then sees it gone (and inserts anew).
  const [document] = await tx
    .select({
      id: archivedDocuments.id,
      blobHash: archivedDocuments.blobHash,
      sourceMessageId: archivedDocuments.sourceMessageId,
      privateTo: archivedDocuments.privateTo,
    })
    .from(archivedDocuments)
    .where(and(eq(archivedDocuments.id, documentId), visibleTo(viewer)))
    .for('update');
  if (!document) return null;
  const removed = await tx
    .delete(archiveLinks)
    .where(and(eq(archiveLinks.documentId, documentId), targetId === undefined ? undefined : eq(archiveLinks.targetId, targetId)))
    .returning({ kind: archiveLinks.targetKind, id: archiveLinks.targetId });
  const [left] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(archiveLinks)
    .where(eq(archiveLinks.documentId, documentId));
  if (left!.n > 0)
    return {
      removedTargets: removed,
      documentDeleted: false,
      sourceMessageId: document.sourceMessageId,
      privateTo: document.privateTo,
    };
  await tx.delete(archivedDocuments).where(eq(archivedDocuments.id, documentId));
  await tx.execute(sql`delete from archive_blobs b where b.hash = ${document.blobHash}
    and not exists (select 1 from archived_documents d where d.blob_hash = b.hash)`);
  return {
    removedTargets: removed,
    documentDeleted: true,
    sourceMessageId: document.sourceMessageId,
    privateTo: document.privateTo,
  };
}
