import type { ImapFlow } from 'imapflow';
import { insertMessages, type NewMessageRow } from '../../db/queries/messages.ts';
import { ENVELOPE_QUERY, envelopeToRow } from './envelope-to-row.ts';
import { publishFolderChange, type FolderSyncContext } from './folder-sync-context.ts';
import { chunk, toSequenceSet } from './uid-sets.ts';

/**
 * Phase one of an import: ENVELOPE, FLAGS, INTERNALDATE, size and BODYSTRUCTURE for `uids`
 * (newest first, in batches of `envelopeBatch`, one UID FETCH and one insert transaction each),
 * so the list fills from the top long before the bodies are in. Publishes MESSAGES_ADDED per
 * batch. Messages with an INTERNALDATE before `notBefore` are skipped (new UIDs outside the
 * window: an old message moved in). Returns the number of rows added.
 *
 * The caller holds the mailbox lock of `folder.path`.
 */
export async function storeEnvelopes(
  ctx: FolderSyncContext,
  client: ImapFlow,
  folder: { id: string; path: string },
  uidValidity: number,
  uids: number[],
  notBefore: Date | null,
): Promise<number> {
  let added = 0;
  const newestFirst = [...uids].sort((a, b) => b - a);
  for (const batch of chunk(newestFirst, ctx.tuning.envelopeBatch)) {
    const rows: NewMessageRow[] = [];
    for await (const message of client.fetch(toSequenceSet(batch), ENVELOPE_QUERY, { uid: true })) {
      const row = envelopeToRow(message, { accountId: ctx.accountId, folderId: folder.id, uidValidity });
      if (notBefore && row.internalDate! < notBefore) continue;
      rows.push(row);
    }
    const inserted = await insertMessages(ctx.db, rows);
    added += inserted.length;
    // Newest first in the event too: a client that renders as ids arrive fills from the top.
    inserted.sort((a, b) => b.uid - a.uid);
    await publishFolderChange(
      ctx,
      'MESSAGES_ADDED',
      folder.id,
      inserted.map((r) => r.id),
    );
  }
  return added;
}
