import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { attachmentBlobs, attachments, mailAccounts, messages } from '../schema/index.ts';
import { isUuid } from '../is-uuid.ts';

export interface AttachmentDownload {
  /** As the sender's MIME headers said: raw, to be sanitized before it is shown or sent. */
  filename: string | null;
  contentType: string;
  size: number;
  data: Buffer;
}

/**
 * An attachment with its bytes, only if its message is in a mail account of this user (the
 * same rule as GraphQL's ownAccount): another user's or tenant's id, and an id that is not a
 * UUID, are simply not found.
 */
export async function findUserAttachment(db: Db, userId: string, attachmentId: string): Promise<AttachmentDownload | undefined> {
  if (!isUuid(attachmentId)) return undefined;
  const [row] = await db
    .select({
      filename: attachments.filename,
      contentType: attachments.contentType,
      size: attachmentBlobs.size,
      data: attachmentBlobs.data,
    })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .innerJoin(mailAccounts, eq(mailAccounts.id, messages.accountId))
    .innerJoin(attachmentBlobs, eq(attachmentBlobs.hash, attachments.blobHash))
    .where(and(eq(attachments.id, attachmentId), eq(mailAccounts.userId, userId)));
  return row && { ...row, data: Buffer.from(row.data) };
}
