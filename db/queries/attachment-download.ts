import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { attachmentBlobs, attachments, mailAccounts, messages } from '../schema/index.ts';
import { isUuid } from '../is-uuid.ts';

/** An attachment row as the download needs it: what to send, and where its bytes are. */
export interface AttachmentDownload {
  messageId: string;
  /** As the sender's MIME headers said: raw, to be sanitized before it is shown or sent. */
  filename: string | null;
  contentType: string;
  /** The decoded size the extractor recorded. */
  size: number;
  /** Bytes in attachment_blobs (rows from before issue 9); null: cut from the message's source. */
  blobHash: string | null;
  /** Where the cut finds it: position among the parsed attachments, and the SHA-256 of its content. */
  ordinal: number | null;
  contentHash: string | null;
}

/**
 * An attachment row, only if its message is in a mail account of this user (the same rule as
 * GraphQL's ownAccount): another user's or tenant's id, and an id that is not a UUID, are simply
 * not found. Without the bytes: those come from attachment_blobs or the source (readAttachmentBytes).
 */
export async function findUserAttachment(db: Db, userId: string, attachmentId: string): Promise<AttachmentDownload | undefined> {
  const found = await findAttachmentWithOwner(db, attachmentId);
  if (!found || found.userId !== userId) return undefined;
  const { userId: _owner, ...attachment } = found;
  return attachment;
}

/**
 * An attachment row with the user who owns its message: for the signed inline-image route, which
 * has no session (the sandboxed reader iframe sends no cookie) and checks the URL's signature
 * against this owner instead.
 */
export async function findAttachmentWithOwner(
  db: Db,
  attachmentId: string,
): Promise<(AttachmentDownload & { userId: string }) | undefined> {
  if (!isUuid(attachmentId)) return undefined;
  const [row] = await db
    .select({
      userId: mailAccounts.userId,
      messageId: attachments.messageId,
      filename: attachments.filename,
      contentType: attachments.contentType,
      size: attachments.size,
      blobHash: attachments.blobHash,
      ordinal: attachments.ordinal,
      contentHash: attachments.contentHash,
    })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .innerJoin(mailAccounts, eq(mailAccounts.id, messages.accountId))
    .where(eq(attachments.id, attachmentId));
  return row;
}

/** Attachment bytes stored by content hash, or null. */
export async function readAttachmentBlob(db: Db, hash: string): Promise<Buffer | null> {
  const [row] = await db.select({ data: attachmentBlobs.data }).from(attachmentBlobs).where(eq(attachmentBlobs.hash, hash));
  return row ? Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength) : null;
}

/**
 * Sends a message back to the extraction worker (its work list: `extracted_version` below the
 * current one), which derives its attachment index from the stored source again: for an index
 * that no longer matches what the parser reads in the source.
 */
export async function requestReextraction(db: Db, messageId: string): Promise<void> {
  await db.update(messages).set({ extractedVersion: 0 }).where(eq(messages.id, messageId));
}
