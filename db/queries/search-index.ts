import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { messages } from '../schema/index.ts';
import { messageSearchVector } from './message-search-vector.ts';

/**
 * Writes the search document of up to `limit` messages whose body is stored (or finally failed)
 * and that have none yet; returns how many. Rows another process is indexing are skipped (`SKIP
 * LOCKED`), so several processes can run the indexer on one database. The work list is the
 * partial index messages_unindexed_idx.
 */
export async function indexSearchDocuments(db: Db, limit: number): Promise<number> {
  const rows = await db
    .update(messages)
    .set({ searchVector: messageSearchVector })
    .where(
      sql`${messages.id} in (select id from messages where search_vector is null and body_state <> 'pending'
        limit ${limit} for update skip locked)`,
    )
    .returning({ id: messages.id });
  return rows.length;
}

/** How many messages with a stored body still wait for their search document. */
export async function countUnindexedMessages(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(messages)
    .where(sql`${messages.searchVector} is null and ${messages.bodyState} <> 'pending'`);
  return row?.n ?? 0;
}
