import type { ExpungeEvent, ImapFlow } from 'imapflow';
import { applyFlagChanges, deleteMessagesByUid, listStoredUids } from '../../db/queries/messages.ts';
import { storedFlags } from './envelope-to-row.ts';
import { publishFolderChange, type FolderSyncContext } from './folder-sync-context.ts';
import { toSequenceSet } from './uid-sets.ts';

export interface ReconcileResult {
  updated: number;
  removed: number;
  /** The highest MODSEQ seen, to store as the folder's new cursor; null without CONDSTORE. */
  highestModseq: bigint | null;
}

/**
 * Brings flags and deletions made elsewhere (the person's phone, webmail) into the store, for the
 * selected folder `folder.path` (the caller holds its lock). Two ways, best first:
 *
 * - QRESYNC (RFC 7162): `UID FETCH 1:* (FLAGS) (CHANGEDSINCE <stored modseq> VANISHED)` answers
 *   only what changed since our cursor: FETCH for new flags, `VANISHED (EARLIER)` for expunged
 *   UIDs. Cost grows with the changes, not the mailbox.
 * - Otherwise (no CONDSTORE, or CONDSTORE without QRESYNC, which says nothing about expunges):
 *   `UID FETCH <stored UIDs> (FLAGS)`. The server ignores UIDs that no longer exist (RFC 3501
 *   §6.4.8), so the answer gives both the current flags and, by what is missing, the deletions.
 *
 * `knownVanished` adds UIDs already reported by an unsolicited VANISHED/EXPUNGE (during IDLE).
 * Publishes MESSAGES_UPDATED and MESSAGES_REMOVED.
 */
export async function reconcileChanges(
  ctx: FolderSyncContext,
  client: ImapFlow,
  folder: { id: string; path: string },
  uidValidity: number,
  storedModseq: string | null,
  knownVanished: Iterable<number> = [],
): Promise<ReconcileResult> {
  const mailbox = client.mailbox || null;
  const canResync = client.enabled.has('QRESYNC') && storedModseq !== null && mailbox !== null && !mailbox.noModseq;
  const vanished = new Set(knownVanished);
  const changes: Array<{ uid: number; flags: string[]; modseq: string | null }> = [];
  let highestModseq: bigint | null = mailbox?.highestModseq ?? null;
  const noteModseq = (modseq: bigint | undefined) => {
    if (modseq !== undefined && (highestModseq === null || modseq > highestModseq)) highestModseq = modseq;
  };

  if (canResync) {
    const onExpunge = (event: ExpungeEvent) => {
      if (event.path === folder.path && event.uid) vanished.add(event.uid);
    };
    client.on('expunge', onExpunge);
    try {
      const query = { uid: true, flags: true } as const;
      for await (const message of client.fetch('1:*', query, { uid: true, changedSince: BigInt(storedModseq) })) {
        changes.push({ uid: message.uid, flags: storedFlags(message.flags), modseq: message.modseq?.toString() ?? null });
        noteModseq(message.modseq);
      }
    } finally {
      client.off('expunge', onExpunge);
    }
  } else {
    const stored = await listStoredUids(ctx.db, folder.id, uidValidity);
    const present = new Set<number>();
    if (stored.length) {
      for await (const message of client.fetch(toSequenceSet(stored), { uid: true, flags: true }, { uid: true })) {
        present.add(message.uid);
        changes.push({ uid: message.uid, flags: storedFlags(message.flags), modseq: message.modseq?.toString() ?? null });
        noteModseq(message.modseq);
      }
    }
    for (const uid of stored) if (!present.has(uid)) vanished.add(uid);
  }

  const updated = await applyFlagChanges(ctx.db, folder.id, uidValidity, changes);
  const removed = await deleteMessagesByUid(ctx.db, folder.id, uidValidity, [...vanished]);
  await publishFolderChange(ctx, 'MESSAGES_UPDATED', folder.id, updated);
  await publishFolderChange(ctx, 'MESSAGES_REMOVED', folder.id, removed);
  return { updated: updated.length, removed: removed.length, highestModseq };
}
