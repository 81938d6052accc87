import 'server-only';
import { inArray, sql } from 'drizzle-orm';
import type { ArchiveTarget, ArchiveViewer, ArchiveVisibility } from '../../lib/archive/archive-target.ts';
import type { Db } from '../client.ts';
import { archiveBlobs, archivedDocuments, archiveLinks, type MailAddress } from '../schema/index.ts';

/** One document to archive: its bytes (already hashed) and the fields extracted for it. */
export interface NewArchivedDocument {
  kind: 'message' | 'attachment';
  bytes: Buffer;
  /** SHA-256 (hex) of `bytes`. */
  hash: string;
  sourceMessageId: string | null;
  messageIdHeader: string | null;
  subject: string;
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  datedAt: Date;
  filename: string | null;
  contentType: string;
  text: string;
}

export interface StoredArchive {
  /** One per distinct document, in the order first met. */
  documents: Array<{ id: string; hash: string; sourceMessageId: string | null }>;
  /** Links written now (0: everything was archived there already). */
  newLinks: number;
}

/** Rows per INSERT: each carries a bytea parameter, and a batch can hold tens of MB. @default 20 */
const BLOBS_PER_STATEMENT = 20;

/**
 * Stores documents and links them to every target, in `tx` (the caller's transaction: all or
 * nothing). Idempotent and safe under concurrent calls: bytes by hash (`ON CONFLICT DO NOTHING`),
 * documents by (tenant, hash, audience) (`ON CONFLICT DO UPDATE`, which returns the row another
 * call committed first), links by (document, target) (`ON CONFLICT DO NOTHING`). A second
 * archiving of the same mail to the same target therefore finds one document and one link.
 */
export async function storeArchive(
  tx: Db,
  viewer: ArchiveViewer,
  items: readonly NewArchivedDocument[],
  targets: readonly ArchiveTarget[],
  options: { category: string | null; visibility: ArchiveVisibility },
): Promise<StoredArchive> {
  // Two copies of one mail in one call are one document: a statement may not touch a row twice.
  const unique = [...new Map(items.map((item) => [item.hash, item])).values()];
  if (!unique.length) return { documents: [], newLinks: 0 };

  const stored = new Set(
    (
      await tx
        .select({ hash: archiveBlobs.hash })
        .from(archiveBlobs)
        .where(
          inArray(
            archiveBlobs.hash,
            unique.map((i) => i.hash),
          ),
        )
    ).map((r) => r.hash),
  );
  const missing = unique.filter((i) => !stored.has(i.hash));
  for (let start = 0; start < missing.length; start += BLOBS_PER_STATEMENT) {
    await tx
      .insert(archiveBlobs)
      .values(
        missing.slice(start, start + BLOBS_PER_STATEMENT).map((i) => ({ hash: i.hash, size: i.bytes.byteLength, data: i.bytes })),
      )
      .onConflictDoNothing({ target: archiveBlobs.hash });
  }

  const privateTo = options.visibility === 'private' ? viewer.userId : null;
  const documents = await tx
    .insert(archivedDocuments)
    .values(
      unique.map((i) => ({
        tenantId: viewer.tenantId,
        kind: i.kind,
        blobHash: i.hash,
        visibility: options.visibility,
        privateTo,
        category: options.category,
        archivedBy: viewer.userId,
        sourceMessageId: i.sourceMessageId,
        messageIdHeader: i.messageIdHeader,
        subject: i.subject,
        from: i.from,
        to: i.to,
        cc: i.cc,
        datedAt: i.datedAt,
        filename: i.filename,
        contentType: i.contentType,
        size: i.bytes.byteLength,
        text: i.text,
        searchVector: sql`message_search_vector(${i.subject}::text, ${JSON.stringify(i.from)}::jsonb, ${JSON.stringify(i.to)}::jsonb,
          ${JSON.stringify(i.cc)}::jsonb, '[]'::jsonb, ${i.text}::text, ${i.filename ?? ''}::text)`,
      })),
    )
    .onConflictDoUpdate({
      target: [archivedDocuments.tenantId, archivedDocuments.blobHash, archivedDocuments.privateTo],
      // A new category replaces the old; no category keeps it. The mailbox message the document
      // was archived from last is the one the inbox marks (the earlier may be gone).
      set: {
        category: sql`coalesce(excluded.category, ${archivedDocuments.category})`,
        sourceMessageId: sql`coalesce(excluded.source_message_id, ${archivedDocuments.sourceMessageId})`,
      },
    })
    .returning({
      id: archivedDocuments.id,
      hash: archivedDocuments.blobHash,
      sourceMessageId: archivedDocuments.sourceMessageId,
    });

  const links = await tx
    .insert(archiveLinks)
    .values(
      documents.flatMap((d) =>
        targets.map((t) => ({
          documentId: d.id,
          tenantId: viewer.tenantId,
          targetKind: t.kind,
          personId: t.kind === 'person' ? t.id : null,
          companyId: t.kind === 'company' ? t.id : null,
          projectId: t.kind === 'project' ? t.id : null,
          saleId: t.kind === 'sale' ? t.id : null,
          linkedBy: viewer.userId,
        })),
      ),
    )
    .onConflictDoNothing({ target: [archiveLinks.documentId, archiveLinks.targetId] })
    .returning({ documentId: archiveLinks.documentId });
  return { documents, newLinks: links.length };
}
