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
 * must survive, so rows are not deleted and re-inserted but re-mapped: a server message takes
 * over the stored row of this folder (its id, body and attachments) with the same {@link remapKey}
 * (the Message-ID, or for a message without one its envelope and size) and the same SHA-256 of
 * the source (rows whose body was not fetched yet: the same size). Identical copies pair up in
 * UID order, newest with newest, so a repeated remap pairs them the same way. Server messages
 * without a match are added as new rows; stored rows nobody claimed are removed. (Issue 8 item
 * 17: keyed by Message-ID alone, messages without one got new row ids.)
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
    const key = remapKey(row);
    stale.set(key, [...(stale.get(key) ?? []), row]);
  }
  // Server messages come newest first (UID descending): so do the rows they may take over.
  for (const rows of stale.values()) rows.sort((a, b) => b.uid - a.uid);
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
    const candidates = envelopes.filter((e) => stale.has(remapKey(e)));
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
      const rows = stale.get(remapKey(envelope));
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

/**
 * What a message is recognised by across a UIDVALIDITY change, from what the envelope fetch gives
 * (so stored rows and server messages compute it alike): its Message-ID; without one, its Date,
 * Subject, From and To addresses and size, which a message keeps however the server renumbers it
 * (INTERNALDATE does not survive a mailbox recreated by APPEND). Identical copies share a key;
 * the content hash and UID order tell them apart (remapUidValidity).
 */
export function remapKey(message: Pick<NewMessageRow, 'messageId' | 'sentAt' | 'subject' | 'from' | 'to' | 'size'>): string {
  if (message.messageId) return `id ${message.messageId}`;
  const addresses = (list: NewMessageRow['from']) => (list ?? []).map((a) => a.address?.toLowerCase() ?? '');
  return `envelope ${JSON.stringify([
    message.sentAt?.toISOString() ?? null,
    message.subject ?? '',
    addresses(message.from),
    addresses(message.to),
    message.size ?? 0,
  ])}`;
}
