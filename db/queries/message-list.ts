import 'server-only';
import { and, count, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { mailAccounts, mailFolders, messages, users, type MailAccount, type MailFolder, type Message } from '../schema/index.ts';

export type MessageSummary = Pick<
  Message,
  | 'id'
  | 'folderId'
  | 'subject'
  | 'from'
  | 'to'
  | 'internalDate'
  | 'sentAt'
  | 'snippet'
  | 'seen'
  | 'flagged'
  | 'hasAttachments'
  | 'size'
  | 'parseError'
>;

/** The columns of a MessageSummary, for every query that lists messages. */
export const summaryColumns = {
  id: messages.id,
  folderId: messages.folderId,
  subject: messages.subject,
  from: messages.from,
  to: messages.to,
  internalDate: messages.internalDate,
  sentAt: messages.sentAt,
  snippet: messages.snippet,
  seen: messages.seen,
  flagged: messages.flagged,
  hasAttachments: messages.hasAttachments,
  size: messages.size,
  parseError: messages.parseError,
};

/** A page of a folder's messages, newest first; `before` is the last row of the previous page. */
export async function listFolderMessages(
  db: Db,
  folderId: string,
  first: number,
  before?: { internalDate: Date; id: string },
): Promise<MessageSummary[]> {
  return db
    .select(summaryColumns)
    .from(messages)
    .where(
      and(
        eq(messages.folderId, folderId),
        // Waiting for a move or delete to be carried out (mail_actions): already gone for the person.
        isNull(messages.hiddenBy),
        before
          ? or(
              lt(messages.internalDate, before.internalDate),
              and(eq(messages.internalDate, before.internalDate), lt(messages.id, before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(messages.internalDate), desc(messages.id))
    .limit(first);
}

/** Stored and unread messages per folder of an account. */
export async function folderCounts(db: Db, accountId: string): Promise<Map<string, { total: number; unread: number }>> {
  const rows = await db
    .select({
      folderId: messages.folderId,
      total: count(),
      unread: sql<number>`count(*) filter (where not ${messages.seen})`.mapWith(Number),
    })
    .from(messages)
    .where(and(eq(messages.accountId, accountId), isNull(messages.hiddenBy)))
    .groupBy(messages.folderId);
  return new Map(rows.map((r) => [r.folderId, { total: r.total, unread: r.unread }]));
}

export async function findFolder(db: Db, folderId: string): Promise<MailFolder | undefined> {
  const [row] = await db.select().from(mailFolders).where(eq(mailFolders.id, folderId));
  return row;
}

/** The tenant's mail accounts with their owner's e-mail, for the admin console. */
export async function listTenantMailAccounts(db: Db, tenantId: string): Promise<Array<MailAccount & { ownerEmail: string }>> {
  const rows = await db
    .select({ account: mailAccounts, ownerEmail: users.email })
    .from(mailAccounts)
    .innerJoin(users, eq(users.id, mailAccounts.userId))
    .where(eq(mailAccounts.tenantId, tenantId))
    .orderBy(users.email, mailAccounts.email);
  return rows.map((r) => ({ ...r.account, ownerEmail: r.ownerEmail }));
}
