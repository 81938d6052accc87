import 'server-only';
import { and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { userTrustedImageSenders, type TrustedImageSender } from '../schema/index.ts';

/** The user's trusted senders, alphabetically. */
export function listTrustedImageSenders(db: Db, userId: string): Promise<TrustedImageSender[]> {
  return db
    .select()
    .from(userTrustedImageSenders)
    .where(eq(userTrustedImageSenders.userId, userId))
    .orderBy(asc(userTrustedImageSenders.address));
}

export async function countTrustedImageSenders(db: Db, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(userTrustedImageSenders).where(eq(userTrustedImageSenders.userId, userId));
  return row?.n ?? 0;
}

/** Adds the sender (a second time changes nothing) and returns the stored row. */
export async function insertTrustedImageSender(db: Db, userId: string, address: string): Promise<TrustedImageSender> {
  await db.insert(userTrustedImageSenders).values({ userId, address }).onConflictDoNothing();
  const [row] = await db
    .select()
    .from(userTrustedImageSenders)
    .where(and(eq(userTrustedImageSenders.userId, userId), eq(userTrustedImageSenders.address, address)));
  return row!;
}

/** True when a row was removed. */
export async function deleteTrustedImageSender(db: Db, userId: string, address: string): Promise<boolean> {
  const rows = await db
    .delete(userTrustedImageSenders)
    .where(and(eq(userTrustedImageSenders.userId, userId), eq(userTrustedImageSenders.address, address)))
    .returning({ address: userTrustedImageSenders.address });
  return rows.length > 0;
}

export async function isTrustedImageSender(db: Db, userId: string, address: string): Promise<boolean> {
  const [row] = await db
    .select({ address: userTrustedImageSenders.address })
    .from(userTrustedImageSenders)
    .where(and(eq(userTrustedImageSenders.userId, userId), eq(userTrustedImageSenders.address, address)));
  return row !== undefined;
}
