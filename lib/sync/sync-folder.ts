import type { ImapFlow, MailboxObject } from 'imapflow';
import { countMessagesSince, countPendingBodies, listStoredUids, saveFolderSyncState } from '../../db/queries/messages.ts';
import type { MailFolder } from '../../db/schema/index.ts';
import { chooseSyncStrategy, type RemoteFolderState, type SyncStrategy } from './choose-sync-strategy.ts';
import { fillBodies } from './fill-bodies.ts';
import type { FolderSyncContext } from './folder-sync-context.ts';
import { reconcileChanges } from './reconcile-changes.ts';
import { remapUidValidity } from './remap-uid-validity.ts';
import { storeEnvelopes } from './store-envelopes.ts';

export interface FolderSyncOptions {
  /** Run at least a partial pass even if the folder state looks unchanged (IDLE told us something changed). */
  force?: boolean;
  /** UIDs an unsolicited VANISHED/EXPUNGE already reported. */
  vanished?: Iterable<number>;
}

export interface FolderSyncResult {
  strategy: SyncStrategy;
  /** Rows added in this pass. */
  added: number;
}

/**
 * One pass over the selected folder (the caller holds its mailbox lock): compares the stored
 * cursor with the server's (SELECT answered UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ), lets
 * chooseSyncStrategy decide, and carries the decision out:
 *
 * - full: SEARCH SINCE the window start (RFC 3501 §6.4.4), import what is not stored yet (newest
 *   first: envelopes, then bodies), reconcile what is. Covers the first import, a resumed one
 *   and a backfill after the window grew.
 * - partial: import UIDs from the stored UIDNEXT on, reconcile flags and deletions.
 * - none: nothing. Sources still missing in a folder are fetched by the background sweep
 *   (backfill-sources.ts), not here.
 * - reset: re-map rows to the new UIDs (remap-uid-validity.ts).
 *
 * The cursor saved at the end is the one SELECT reported *before* the pass, so anything that
 * happened during it is looked at again next time (inserts are idempotent, so at no cost).
 */
export async function syncFolder(
  ctx: FolderSyncContext,
  client: ImapFlow,
  folder: MailFolder,
  windowStart: Date,
  options: FolderSyncOptions = {},
): Promise<FolderSyncResult> {
  const mailbox = client.mailbox as MailboxObject;
  if (!mailbox || mailbox.path !== folder.path) throw new Error(`syncFolder: ${folder.path} is not selected`);
  const remote: RemoteFolderState = {
    uidValidity: Number(mailbox.uidValidity),
    uidNext: mailbox.uidNext,
    highestModseq: mailbox.noModseq || mailbox.highestModseq === undefined ? null : mailbox.highestModseq.toString(),
  };
  let strategy = chooseSyncStrategy(folder, remote, windowStart);
  if (strategy.type === 'none' && options.force) strategy = { type: 'partial', reason: 'changed' };
  const now = () => new Date();

  switch (strategy.type) {
    case 'none':
      await saveFolderSyncState(ctx.db, folder.id, { lastSyncedAt: now() });
      return { strategy, added: 0 };

    case 'reset': {
      const since = earlier(folder.importedSince, windowStart);
      ctx.progress.folderStarted(folder, 0, 'importing');
      const result = await remapUidValidity(ctx, client, folder, remote.uidValidity, since);
      await fillBodies(ctx, client, folder, remote.uidValidity);
      await saveFolderSyncState(ctx.db, folder.id, {
        uidValidity: remote.uidValidity,
        uidNext: remote.uidNext,
        highestModseq: remote.highestModseq,
        importedSince: since,
        serverCount: result.inWindow.length,
        lastSyncedAt: now(),
      });
      ctx.progress.folderFinished(folder.id);
      return { strategy, added: result.added };
    }

    case 'full': {
      if (folder.uidValidity === null) await saveFolderSyncState(ctx.db, folder.id, { uidValidity: remote.uidValidity });
      const found = await client.search({ since: windowStart }, { uid: true });
      const inWindow = found || [];
      const stored = new Set(await listStoredUids(ctx.db, folder.id, remote.uidValidity));
      let highestModseq = remote.highestModseq;
      if (stored.size) {
        // A resumed import or a backfill: what we already have may have changed meanwhile.
        const reconciled = await reconcileChanges(
          ctx,
          client,
          folder,
          remote.uidValidity,
          folder.highestModseq,
          options.vanished,
        );
        highestModseq = maxModseq(remote.highestModseq, reconciled.highestModseq);
      }
      const missing = inWindow.filter((uid) => !stored.has(uid));
      const pending = await countPendingBodies(ctx.db, folder.id, remote.uidValidity);
      const phase = strategy.reason === 'window-widened' ? 'backfilling' : 'importing';
      ctx.progress.folderStarted(folder, missing.length + pending, phase);
      const added = await storeEnvelopes(ctx, client, folder, remote.uidValidity, missing, null);
      await fillBodies(ctx, client, folder, remote.uidValidity, (n) => ctx.progress.folderAdvanced(folder.id, n));
      await saveFolderSyncState(ctx.db, folder.id, {
        uidValidity: remote.uidValidity,
        uidNext: remote.uidNext,
        highestModseq,
        importedSince: earlier(folder.importedSince, windowStart),
        serverCount: inWindow.length,
        lastSyncedAt: now(),
      });
      ctx.progress.folderFinished(folder.id);
      return { strategy, added };
    }

    case 'partial': {
      const from = folder.uidNext ?? 1;
      // `n:*` always matches the last message, even below n (RFC 3501 §6.4.8): filter.
      const found = await client.search({ uid: `${from}:*` }, { uid: true });
      const fresh = (found || []).filter((uid) => uid >= from);
      const added = await storeEnvelopes(ctx, client, folder, remote.uidValidity, fresh, windowStart);
      const reconciled = await reconcileChanges(ctx, client, folder, remote.uidValidity, folder.highestModseq, options.vanished);
      // Only when there is new mail: rows already 'pending' (imported before sources were kept,
      // left by a pass cut short) are fetched by the background sweep once the account is live
      // (backfill-sources.ts), so this pass — INBOX's first after a start, every IDLE wake-up —
      // does not wait for a backlog.
      if (added) await fillBodies(ctx, client, folder, remote.uidValidity);
      await saveFolderSyncState(ctx.db, folder.id, {
        uidNext: fresh.reduce((next, uid) => Math.max(next, uid + 1), Math.max(remote.uidNext, from)),
        highestModseq: maxModseq(remote.highestModseq, reconciled.highestModseq),
        serverCount: await countMessagesSince(ctx.db, folder.id, windowStart),
        lastSyncedAt: now(),
      });
      return { strategy, added };
    }
  }
}

function earlier(a: Date | null, b: Date): Date {
  return a && a.getTime() < b.getTime() ? a : b;
}

function maxModseq(a: string | null, b: bigint | null): string | null {
  if (a === null) return b === null ? null : b.toString();
  if (b === null) return a;
  return BigInt(a) > b ? a : b.toString();
}
