import 'server-only';
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { mailAccounts, mailFolders, type MailAccount, type MailFolder } from '../schema/index.ts';
import { isUuid } from '../is-uuid.ts';

export type NewMailAccount = Omit<typeof mailAccounts.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'isDefault'>;
export type MailAccountChanges = Partial<Omit<NewMailAccount, 'tenantId' | 'userId' | 'email'>>;
export type FolderInfo = Pick<MailFolder, 'path' | 'name' | 'specialUse'>;

export async function listUserMailAccounts(db: Db, userId: string): Promise<MailAccount[]> {
  return db
    .select()
    .from(mailAccounts)
    .where(eq(mailAccounts.userId, userId))
    .orderBy(desc(mailAccounts.isDefault), asc(mailAccounts.createdAt));
}

/** The account, only if it belongs to this user: every lookup is scoped to its owner. */
export async function findUserMailAccount(db: Db, userId: string, id: string): Promise<MailAccount | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select()
    .from(mailAccounts)
    .where(and(eq(mailAccounts.id, id), eq(mailAccounts.userId, userId)));
  return row;
}

/**
 * Saves a verified account and its folders in one transaction. The user's first account
 * becomes the default; `makeDefault` moves the mark. Returns undefined if this user already
 * connected the same address.
 */
export async function insertMailAccount(
  db: Db,
  account: NewMailAccount,
  folders: FolderInfo[],
  makeDefault: boolean,
): Promise<MailAccount | undefined> {
  return db.transaction(async (tx) => {
    const existing = await tx.select({ id: mailAccounts.id }).from(mailAccounts).where(eq(mailAccounts.userId, account.userId));
    const isDefault = makeDefault || existing.length === 0;
    if (isDefault && existing.length) {
      await tx.update(mailAccounts).set({ isDefault: false }).where(eq(mailAccounts.userId, account.userId));
    }
    const [row] = await tx
      .insert(mailAccounts)
      .values({ ...account, isDefault })
      .onConflictDoNothing({ target: [mailAccounts.userId, mailAccounts.email] })
      .returning();
    if (!row) return undefined;
    if (folders.length) await tx.insert(mailFolders).values(folders.map((f) => ({ ...f, accountId: row.id })));
    return row;
  });
}

export async function updateMailAccountRow(
  db: Db,
  userId: string,
  id: string,
  changes: MailAccountChanges,
  makeDefault: boolean,
): Promise<MailAccount | undefined> {
  return db.transaction(async (tx) => {
    if (makeDefault) {
      await tx
        .update(mailAccounts)
        .set({ isDefault: false })
        .where(and(eq(mailAccounts.userId, userId), ne(mailAccounts.id, id)));
    }
    const [row] = await tx
      .update(mailAccounts)
      .set({ ...changes, ...(makeDefault ? { isDefault: true } : {}), updatedAt: new Date() })
      .where(and(eq(mailAccounts.id, id), eq(mailAccounts.userId, userId)))
      .returning();
    return row;
  });
}

/** Removes the account and (cascade) its folders and synced mail; promotes another account to default. */
export async function deleteMailAccount(db: Db, userId: string, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(mailAccounts)
      .where(and(eq(mailAccounts.id, id), eq(mailAccounts.userId, userId)))
      .returning();
    if (!removed) return false;
    if (removed.isDefault) {
      const [next] = await tx
        .select({ id: mailAccounts.id })
        .from(mailAccounts)
        .where(eq(mailAccounts.userId, userId))
        .orderBy(asc(mailAccounts.createdAt))
        .limit(1);
      if (next) await tx.update(mailAccounts).set({ isDefault: true }).where(eq(mailAccounts.id, next.id));
    }
    return true;
  });
}

export async function listFolders(db: Db, accountId: string): Promise<MailFolder[]> {
  return db.select().from(mailFolders).where(eq(mailFolders.accountId, accountId)).orderBy(asc(mailFolders.path));
}

/** Adds folders seen on the server that we do not know yet (sync state of known ones is kept). */
export async function upsertFolders(db: Db, accountId: string, folders: FolderInfo[]): Promise<void> {
  if (!folders.length) return;
  await db
    .insert(mailFolders)
    .values(folders.map((f) => ({ ...f, accountId })))
    .onConflictDoNothing({ target: [mailFolders.accountId, mailFolders.path] });
}

/** Keeps the SMTP server's SIZE limit (RFC 1870) as its latest EHLO announced it. */
export async function storeSmtpMaxSize(db: Db, accountId: string, maxSize: number | null): Promise<void> {
  await db.update(mailAccounts).set({ smtpMaxSize: maxSize }).where(eq(mailAccounts.id, accountId));
}

/**
 * Writes a server's new sealed credentials (a refreshed OAuth2 grant) without touching
 * `updated_at`: the sync supervisor restarts a runner whose account has newer settings, and new
 * tokens are none. `changes` comes from lib/mail-accounts/mail-server-row.ts.
 */
export async function storeServerCredentials(db: Db, accountId: string, changes: MailAccountChanges): Promise<void> {
  await db.update(mailAccounts).set(changes).where(eq(mailAccounts.id, accountId));
}
