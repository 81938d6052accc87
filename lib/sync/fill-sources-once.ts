import type { ImapFlow } from 'imapflow';
import { fillBodies } from './fill-bodies.ts';
import type { FolderSyncContext } from './folder-sync-context.ts';

interface RunningFill {
  /** Another caller asked while this fill ran: go once more for rows added meanwhile. */
  again: boolean;
}

/** Per account (one context per runner): the folders whose sources are being fetched right now. */
const running = new WeakMap<FolderSyncContext, Map<string, RunningFill>>();

/**
 * fillBodies, but never twice at once for one folder of an account. The two connections of an
 * account can both have a folder selected: the INBOX watcher's pass for new mail, and the
 * background sweep (backfill-sources.ts) fetching INBOX's missing sources over the folders
 * connection. Both would list the same 'pending' rows and fetch each source twice. So a call
 * that finds a fill of the folder running does not fetch: it asks that fill to go once more
 * when done (it then picks up the rows added since its first listing) and returns 0 at once,
 * so an IDLE loop is never held up behind a background fetch. The first caller keeps its mailbox
 * lock (and connection) for the extra round.
 */
export async function fillSourcesOnce(
  ctx: FolderSyncContext,
  client: ImapFlow,
  folder: { id: string; path: string },
  uidValidity: number,
  onStored?: (count: number) => void,
): Promise<number> {
  let fills = running.get(ctx);
  if (!fills) running.set(ctx, (fills = new Map()));
  const current = fills.get(folder.id);
  if (current) {
    current.again = true;
    return 0;
  }
  const mine: RunningFill = { again: false };
  fills.set(folder.id, mine);
  let filled = 0;
  try {
    do {
      mine.again = false;
      filled += await fillBodies(ctx, client, folder, uidValidity, onStored);
    } while (mine.again && client.usable);
  } finally {
    fills.delete(folder.id);
  }
  return filled;
}
