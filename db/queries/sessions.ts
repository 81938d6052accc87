import 'server-only';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { sessions, tenants, users, type Tenant, type User } from '../schema/index.ts';

export async function insertSession(db: Db, tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
  await db.insert(sessions).values({ tokenHash, userId, expiresAt });
}

/** The signed-in user and tenant for a session token hash, if the session is live. */
export async function findSessionViewer(
  db: Db,
  tokenHash: string,
  now = new Date(),
): Promise<{ user: User; tenant: Tenant; sessionExpiresAt: Date } | undefined> {
  const [row] = await db
    .select({ user: users, tenant: tenants, sessionExpiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(tenants, eq(tenants.id, users.tenantId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  return row;
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends every session of a user (password changed, user disabled). */
export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Deletes sessions past their expiry; returns how many. */
export async function deleteExpiredSessions(db: Db, now = new Date()): Promise<number> {
  const deleted = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ tokenHash: sessions.tokenHash });
  return deleted.length;
}
