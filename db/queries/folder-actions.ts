import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { mailAccounts, mailActions, mailFolders, messages, type MailAction } from '../schema/index.ts';
import type { FolderActionKind } from '../schema/mail-actions.ts';

/**
 * Folder management (lib/mail-folders/): the facts a request is decided on, the action row, and
 * the local repointing after a RENAME. The actions share mail_actions with the message actions
 * (one ordered queue per account, carried out by lib/sync/run-mail-actions.ts).
 */

/** The account's id when it belongs to the user; another user's account is simply not found. */
export async function findOwnedAccountOfFolder(db: Db, userId: string, folderId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ accountId: mailFolders.accountId })
    .from(mailFolders)
    .innerJoin(mailAccounts, eq(mailAccounts.id, mailFolders.accountId))
    .where(and(eq(mailFolders.id, folderId), eq(mailAccounts.userId, userId)));
  return row?.accountId;
}

export async function isOwnedAccount(db: Db, userId: string, accountId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: mailAccounts.id })
    .from(mailAccounts)
    .where(and(eq(mailAccounts.id, accountId), eq(mailAccounts.userId, userId)));
  return row !== undefined;
}

/**
 * The account's folders with how many stored messages each still shows (rows hidden by a pending
 * move or delete are already on their way out, so "move everything out, then delete" works).
 */
export async function listFoldersWithCounts(
  db: Db,
  accountId: string,
): Promise<Array<{ id: string; path: string; specialUse: string | null; delimiter: string | null; messages: number }>> {
  return db
    .select({
      id: mailFolders.id,
      path: mailFolders.path,
      specialUse: mailFolders.specialUse,
      delimiter: mailFolders.delimiter,
      // The outer row named in full: a bare column here would resolve to the inner `messages`.
      messages: sql<number>`(select count(*)::int from ${messages} m
        where m.folder_id = "mail_folders"."id" and m.hidden_by is null)`,
    })
    .from(mailFolders)
    .where(eq(mailFolders.accountId, accountId));
}

export async function recordFolderAction(
  db: Db,
  request: { accountId: string; kind: FolderActionKind; targetFolderId: string | null; folderPath: string | null },
): Promise<MailAction> {
  const [action] = await db
    .insert(mailActions)
    .values({ ...request, messageIds: [] })
    .returning();
  return action!;
}

/**
 * After a RENAME the server carried out: the folder and its subfolders (RENAME moves them too,
 * RFC 3501 §6.3.5) get their new paths here, keeping their rows, ids, sync state and stored
 * messages. Without this the next LIST would see folders gone and new ones appear, dropping the
 * rows (and their sources) only to import them again.
 */
export async function repointRenamedFolders(
  db: Db,
  accountId: string,
  from: string,
  to: string,
  delimiter: string | null,
): Promise<void> {
  const prefix = delimiter ? from + delimiter : null;
  // Counted in characters by PostgreSQL itself (a JavaScript length counts UTF-16 units).
  const under = (column: ReturnType<typeof sql>, path: string, pre: string | null) =>
    sql`(${column} = ${path} or (${pre}::text is not null and starts_with(${column}, ${pre}::text)))`;
  await db.transaction(async (tx) => {
    // The server accepted the RENAME, so nothing is at the new paths there: a row here would be stale.
    await tx.execute(
      sql`delete from mail_folders where account_id = ${accountId}::uuid and ${under(sql`path`, to, delimiter ? to + delimiter : null)}`,
    );
    await tx.execute(sql`update mail_folders set path = ${to} || substr(path, char_length(${from}::text) + 1)
      where account_id = ${accountId}::uuid and ${under(sql`path`, from, prefix)}`);
  });
}
