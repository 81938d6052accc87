import type { Db } from '../../db/client.ts';
import { countUnindexedMessages, indexSearchDocuments } from '../../db/queries/search-index.ts';

/** The background indexer's batch (lib/search/search-indexer.ts's default). */
const BATCH = 200;

/** Runs the product's `indexSearchDocuments` in batches until no message waits; returns how many it indexed. */
export async function indexStore(db: Db): Promise<{ indexed: number; batches: number; left: number }> {
  let indexed = 0;
  let batches = 0;
  for (;;) {
    const n = await indexSearchDocuments(db, BATCH);
    indexed += n;
    batches++;
    if (n < BATCH) break;
  }
  return { indexed, batches, left: await countUnindexedMessages(db) };
}
