import 'server-only';
import { eq } from 'drizzle-orm';
import type { ImapFlow } from 'imapflow';
import { performance } from 'node:perf_hooks';
import { mailAccounts } from '../../db/schema/index.ts';
import type { FolderSyncContext } from './folder-sync-context.ts';
import { importWindowStart } from './import-window.ts';
import { closeImapClient, openImapClient } from '../mail/imap/open-imap-client.ts';
import { serverForConnecting } from '../mail-accounts/server-for-connecting.ts';
import { orderFoldersForSync } from './order-folders.ts';
import { refreshFolderList } from './refresh-folder-list.ts';
import { createProgressReporter } from './progress-reporter.ts';
import { syncProgressTopic } from './sync-events.ts';
import type { SyncDeps } from './sync-supervisor.ts';
import { syncFolder } from './sync-folder.ts';
import { DEFAULT_SYNC_TUNING, type SyncTuning } from './sync-tuning.ts';

/**
 * One-shot import for benchmarks and scripts: connect, import the last `days` of every folder
 * (the same folder sync as the supervisor's runners, over one connection, Inbox and Sent first),
 * disconnect. No lease, no IDLE, no retries: the caller sees the first error.
 * Returns the messages added, the wall-clock time and the bytes read from the IMAP connection
 * (TLS records included: what the server sent, for "nothing fetched twice").
 */
export async function importAccount(
  deps: SyncDeps,
  accountId: string,
  options: { days: number },
): Promise<{ messages: number; ms: number; bytesRead: number }> {
  const started = performance.now();
  const tuning: SyncTuning = { ...DEFAULT_SYNC_TUNING, ...deps.tuning };
  const db = deps.database.db;
  const [account] = await db.select().from(mailAccounts).where(eq(mailAccounts.id, accountId));
  if (!account) throw new Error(`no mail account ${accountId}`);
  const progress = createProgressReporter({
    accountId,
    intervalMs: tuning.progressIntervalMs,
    publish: (event) => void deps.bus.publish(syncProgressTopic(accountId), event).catch(() => {}),
  });
  const log = deps.log ?? (() => {});
  const ctx: FolderSyncContext = { db, bus: deps.bus, accountId, progress, tuning, log, sources: deps.sources };
  let bytesRead: number | undefined;
  let messages = 0;
  try {
    const client = await openImapClient(await serverForConnecting(account, 'imap', deps), {
      network: deps.network,
      allowPlaintextAuth: deps.allowPlaintextAuth,
      id: `import-${accountId}`,
    });
    try {
      const { listed, folders } = await refreshFolderList(ctx, client);
      const windowStart = importWindowStart(options.days);
      for (const entry of orderFoldersForSync(listed)) {
        const folder = folders.find((f) => f.path === entry.path);
        if (!folder) continue;
        const lock = await client.getMailboxLock(entry.path, { readOnly: true, description: 'import' });
        try {
          messages += (await syncFolder(ctx, client, folder, windowStart)).added;
        } finally {
          lock.release();
        }
      }
      progress.live();
    } finally {
      bytesRead = socketBytesRead(client);
      await closeImapClient(client);
    }
  } finally {
    progress.close();
  }
  return { messages, ms: Math.round(performance.now() - started), bytesRead: bytesRead ?? 0 };
}

/** imapflow keeps its socket as `socket` (not in its typings). */
function socketBytesRead(client: ImapFlow): number {
  const socket = (client as unknown as { socket?: { bytesRead?: number } }).socket;
  return socket?.bytesRead ?? 0;
}
