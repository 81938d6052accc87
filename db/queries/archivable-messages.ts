import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { isUuid } from '../is-uuid.ts';
import { rowsOf } from './rows-of.ts';
import { mailAccounts, messageBodies, messages, type MailAddress } from '../schema/index.ts';

/** Characters of the body text a document keeps for search and its snippet. @default 20000 */
export const ARCHIVED_TEXT_LENGTH = 20_000;

export interface ArchivableMessage {
  id: string;
  /** 'done': the source is stored (issue 9); anything else: nothing to archive yet. */
  bodyState: string;
  messageIdHeader: string | null;
  subject: string;
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  sentAt: Date | null;
  internalDate: Date;
  /** The extracted body text (bounded), else the snippet. */
  text: string;
}

/**
 * The user's own messages among `ids` (the owner rule of findUserMessage: another user's or
 * tenant's id, and a non-UUID, are not found), with what a document keeps of each. One query.
 */
export async function findArchivableMessages(db: Db, userId: string, ids: readonly string[]): Promise<ArchivableMessage[]> {
  const valid = ids.filter(isUuid);
  if (!valid.length) return [];
  return db
    .select({
      id: messages.id,
      bodyState: messages.bodyState,
      messageIdHeader: messages.messageId,
      subject: messages.subject,
      from: messages.from,
      to: messages.to,
      cc: messages.cc,
      sentAt: messages.sentAt,
      internalDate: messages.internalDate,
      text: sql<string>`coalesce(left(${messageBodies.text}, ${ARCHIVED_TEXT_LENGTH}), ${messages.snippet})`,
    })
    .from(messages)
    .innerJoin(mailAccounts, eq(mailAccounts.id, messages.accountId))
    .leftJoin(messageBodies, eq(messageBodies.messageId, messages.id))
    .where(and(inArray(messages.id, valid), eq(mailAccounts.userId, userId)));
}

/** The user's own mail addresses, lower-cased: their sign-in address and every connected mailbox's. */
export async function findOwnAddresses(db: Db, userId: string): Promise<string[]> {
  const rows = rowsOf<{ email: string }>(
    await db.execute(sql`select lower(email) as email from users where id = ${userId}::uuid
      union select lower(email) from mail_accounts where user_id = ${userId}::uuid`),
  );
  return rows.map((r) => r.email);
}
