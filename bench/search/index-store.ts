import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { messageSearchVector } from '../../db/queries/message-search-vector.ts';
import { messages } from '../../db/schema/index.ts';
import { EXTRACT_VERSION } from '../../lib/message-store/extract-version.ts';

/** The extraction worker's batch size (lib/message-store/extraction-worker.ts pageSize). */
const BATCH = 200;

/**
 * The seeded store has its bodies already (seed-store.ts writes them as the extraction worker
 * would): what is left of extraction is the search document, built here with the product's SQL
 * (messageSearchVector, the expression the worker's UPDATE uses) in the worker's batch size, so
 * the figure is the document-building cost of extraction. Returns how many it indexed.
 */
export async function indexStore(db: Db): Promise<{ indexed: number; batches: number; left: number }> {
  let indexed = 0;
  let batches = 0;
  for (;;) {
    const rows = await db
      .update(messages)
      .set({ searchVector: messageSearchVector, extractedVersion: EXTRACT_VERSION })
      .where(sql`${messages.id} in (select id from messages where search_vector is null limit ${BATCH})`)
      .returning({ id: messages.id });
    indexed += rows.length;
    batches++;
    if (rows.length < BATCH) break;
  }
  const [left] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(messages)
    .where(sql`search_vector is null`);
  return { indexed, batches, left: Number(left?.n ?? 0) };
}
