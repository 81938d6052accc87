import 'server-only';
import { lt } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { rateLimits } from '../schema/index.ts';

/** Deletes rate-limit counters whose window has passed; returns how many. */
export async function deleteExpiredRateLimits(db: Db, now = new Date()): Promise<number> {
  const deleted = await db.delete(rateLimits).where(lt(rateLimits.expire, now)).returning({ key: rateLimits.key });
  return deleted.length;
}
