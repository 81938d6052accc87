import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { isUuid } from '../is-uuid.ts';
import { attachments, mailAccounts, messageBodies, messages, type MailAddress } from '../schema/index.ts';

/** A message row as the reader opens it: headers, flags, where its body stands, and the stored bodies. */
export interface MessageDetailRow {
  id: string;
  accountId: string;
  folderId: string;
  subject: string;
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  bcc: MailAddress[];
  replyTo: MailAddress[];
  sentAt: Date | null;
  internalDate: Date;
  seen: boolean;
  flagged: boolean;
  /** 'done': the source is stored (issue 9). */
  bodyState: string;
  extractedVersion: number;
  parseError: string | null;
  /** From message_bodies: what the extraction worker (or the import before issue 9) derived. */
  text: string | null;
  html: string | null;
}

/** One attachment row as the reader lists it (no bytes; those come from the download routes). */
export interface ReaderAttachmentRow {
  id: string;
  filename: string | null;
  contentType: string;
  size: number;
  contentId: string | null;
  inline: boolean;
}

/**
 * A message with its stored bodies, only if it is in a mail account of this user (the rule of
 * findUserAttachment and GraphQL's ownAccount): another user's or tenant's id, and an id that is
 * not a UUID, are simply not found. One query: the row, its owner check and its bodies.
 */
export async function findUserMessage(db: Db, userId: string, messageId: string): Promise<MessageDetailRow | undefined> {
  if (!isUuid(messageId)) return undefined;
  const [row] = await db
    .select({
      id: messages.id,
      accountId: messages.accountId,
      folderId: messages.folderId,
      subject: messages.subject,
      from: messages.from,
      to: messages.to,
      cc: messages.cc,
      bcc: messages.bcc,
      replyTo: messages.replyTo,
      sentAt: messages.sentAt,
      internalDate: messages.internalDate,
      seen: messages.seen,
      flagged: messages.flagged,
      bodyState: messages.bodyState,
      extractedVersion: messages.extractedVersion,
      parseError: messages.parseError,
      text: messageBodies.text,
      html: messageBodies.html,
    })
    .from(messages)
    .innerJoin(mailAccounts, eq(mailAccounts.id, messages.accountId))
    .leftJoin(messageBodies, eq(messageBodies.messageId, messages.id))
    .where(and(eq(messages.id, messageId), eq(mailAccounts.userId, userId)));
  return row;
}

/** The attachment index of a message, in the parser's order. */
export async function listReaderAttachments(db: Db, messageId: string): Promise<ReaderAttachmentRow[]> {
  return db
    .select({
      id: attachments.id,
      filename: attachments.filename,
      contentType: attachments.contentType,
      size: attachments.size,
      contentId: attachments.contentId,
      inline: attachments.inline,
    })
    .from(attachments)
    .where(eq(attachments.messageId, messageId))
    .orderBy(asc(attachments.ordinal), asc(attachments.id));
}

/** Who owns a message (the user of its mail account) and its subject: for the signed source URL. */
export async function findMessageOwner(db: Db, messageId: string): Promise<{ userId: string; subject: string } | undefined> {
  if (!isUuid(messageId)) return undefined;
  const [row] = await db
    .select({ userId: mailAccounts.userId, subject: messages.subject })
    .from(messages)
    .innerJoin(mailAccounts, eq(mailAccounts.id, messages.accountId))
    .where(eq(messages.id, messageId));
  return row;
}
