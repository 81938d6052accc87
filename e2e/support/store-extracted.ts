import type { Db } from '../../db/client.ts';
import { storeExtractions, type MessageExtraction } from '../../db/queries/message-extraction.ts';
import { storeFetchedSources } from '../../db/queries/messages.ts';
import { EXTRACT_VERSION } from '../../lib/message-store/extract-version.ts';

/**
 * For tests that build a store by hand: a message row (inserted before, 'pending') gets a source
 * and what extraction derives from it, through the product's own writes — storeFetchedSources as
 * the import stores a source, storeExtractions as the extraction worker stores what it parsed —
 * so the row ends as a synced and extracted message does (bodies, attachment index, search
 * document). The extraction is given, not parsed: tests state what they search for.
 */
export async function storeExtracted(db: Db, items: ReadonlyArray<MessageExtraction & { source?: Uint8Array }>): Promise<void> {
  await storeFetchedSources(
    db,
    items.map((i) => ({ messageId: i.id, bytes: i.source ?? Buffer.from(`Subject: test\r\n\r\n${i.text ?? ''}\r\n`) })),
  );
  await storeExtractions(db, EXTRACT_VERSION, items);
}
