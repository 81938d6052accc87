import { createHash } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import {
  deleteStaleMessages,
  insertMessages,
  listStaleMessages,
  listStoredUids,
  remapMessages,
  type NewMessageRow,
} from '../../db/queries/messages.ts';
import { ENVELOPE_QUERY, envelopeToRow } from './envelope-to-row.ts';
import { publishFolderChange, type FolderSyncContext } from './folder-sync-context.ts';
import { chunk, toSequenceSet } from './uid-sets.ts';

type Stale = Awaited<ReturnType<typeof listStaleMessages>>[number];

/**
 * The folder's UIDVALIDITY changed (RFC 3501 §2.3.1.1: the server renumbered it, e.g. the
 * mailbox was deleted and recreated or restored from a backup), so every stored UID is void. The
 * messages themselves are mostly the same, and links to our message rows (CRM notes, threads)
 * must survive, so rows are not deleted and re-inserted but re-mapped: a server message whose
 * Message-ID and SHA-256 of the source match a stored row of this folder takes over that row
 * (its id, body and attachments); rows whose body was not fetched yet match on Message-ID and
 * size. Server messages without a match are added as new rows; stored rows nobody claimed are
 * removed.
 *
 * Resumable: rows already under the new UIDVALIDITY are left alone, and the folder's stored
 * UIDVALIDITY changes only when this finished (sync-folder.ts). Returns the UIDs of the window.
 */
export async function remapUidValidity(
  ctx: FolderSyncContext,
  client: ImapFlow,
  folder: { id: string; path: string },
  uidValidity: number,
  since: Date,
): Promise<{ inWindow: number[]; remapped: number; added: number; removed: number }> {
  const found = await client.search({ since }, { uid: true });
  const inWindow = (found || []).sort((a, b) => b - a);
  const done = new Set(await listStoredUids(ctx.db, folder.id, uidValidity));
  const stale = new Map<string, Stale[]>();
  for (const row of await listStaleMessages(ctx.db, folder.id, uidValidity)) {
    if (!row.messageId) continue;
    stale.set(row.messageId, [...(stale.get(row.messageId) ?? []), row]);
  }
  let remapped = 0;
  let added = 0;

  for (const batch of chunk(
    inWindow.filter((uid) => !done.has(uid)),
    ctx.tuning.envelopeBatch,
  )) {
    const envelopes: NewMessageRow[] = [];
    for await (const message of client.fetch(toSequenceSet(batch), ENVELOPE_QUERY, { uid: true })) {
      envelopes.push(envelopeToRow(message, { accountId: ctx.accountId, folderId: folder.id, uidValidity }));
    }
    // Sources only for the messages that have a candidate to match: the rest need no hash now.
    const candidates = envelopes.filter((e) => e.messageId && stale.has(e.messageId));
    const hashes = new Map<number, string>();
    if (candidates.length) {
      const uids = toSequenceSet(candidates.map((e) => e.uid));
      for await (const message of client.fetch(uids, { uid: true, source: true }, { uid: true })) {
        if (message.source) hashes.set(message.uid, createHash('sha256').update(message.source).digest('hex'));
      }
    }
    const remaps: Parameters<typeof remapMessages>[1] = [];
    const fresh: NewMessageRow[] = [];
    for (const envelope of envelopes) {
      const rows = envelope.messageId ? stale.get(envelope.messageId) : undefined;
      const hash = hashes.get(envelope.uid);
      const match = rows?.find((r) => (r.contentHash ? r.contentHash === hash : r.size === envelope.size));
      if (match) {
        rows!.splice(rows!.indexOf(match), 1);
        remaps.push({
          id: match.id,
          uidValidity,
          uid: envelope.uid,
          flags: envelope.flags ?? [],
          modseq: envelope.modseq ?? null,
        });
      } else {
        fresh.push(envelope);
      }
    }
    await remapMessages(ctx.db, remaps);
    const inserted = await insertMessages(ctx.db, fresh);
    remapped += remaps.length;
    added += inserted.length;
    await publishFolderChange(
      ctx,
      'MESSAGES_UPDATED',
      folder.id,
      remaps.map((r) => r.id),
    );
    await publishFolderChange(
      ctx,
      'MESSAGES_ADDED',
      folder.id,
      inserted.map((r) => r.id),
    );
  }
  const removed = await deleteStaleMessages(ctx.db, folder.id, uidValidity);
  await publishFolderChange(ctx, 'MESSAGES_REMOVED', folder.id, removed);
  return { inWindow, remapped, added, removed: removed.length };
}
