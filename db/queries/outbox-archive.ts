import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { outboxMessages, users } from '../schema/index.ts';

/** The tenant of the user who sent an outbox message (undefined: the user is gone). */
export async function findSenderTenant(db: Db, userId: string): Promise<string | undefined> {
  const [row] = await db.select({ tenantId: users.tenantId }).from(users).where(eq(users.id, userId));
  return row?.tenantId;
}

/**
 * Marks a sent message's archive intent done, once: false when another run marked it first (its
 * transaction then rolls back, the archive store being idempotent anyway).
 */
export async function markOutboxArchived(db: Db, outboxId: string): Promise<boolean> {
  const rows = await db
    .update(outboxMessages)
    .set({ archivedAt: new Date() })
    .where(and(eq(outboxMessages.id, outboxId), isNull(outboxMessages.archivedAt)))
    .returning({ id: outboxMessages.id });
  return rows.length > 0;
}
