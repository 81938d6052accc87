import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { isUuid } from '../is-uuid.ts';
import { mailAccounts, messages } from '../schema/index.ts';

/** What an answer or a forward needs of the original: its thread headers (brackets stripped, as stored). */
export async function findReplyContext(
  db: Db,
  userId: string,
  messageId: string,
): Promise<
  | { id: string; accountId: string; folderId: string; subject: string; messageIdHeader: string | null; references: string[] }
  | undefined
> {
  if (!isUuid(messageId)) return undefined;
  const [row] = await db
    .select({
      id: messages.id,
      accountId: messages.accountId,
      folderId: messages.folderId,
      subject: messages.subject,
      messageIdHeader: messages.messageId,
      references: messages.references,
    })
    .from(messages)
    .innerJoin(mailAccounts, eq(mailAccounts.id, messages.accountId))
    .where(and(eq(messages.id, messageId), eq(mailAccounts.userId, userId)));
  return row;
}
