import 'server-only';
import type { ImapFlow } from 'imapflow';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../db/client.ts';
import {
  loadLeasedAccount,
  markAccountSyncFailed,
  releaseSyncLease,
  renewSyncLease,
  setAccountSyncState,
} from '../../db/queries/sync-lease.ts';
import type { CredentialsKey } from '../crypto/mail-credentials-key.ts';
import type { AccessTokenSource } from '../mail-accounts/access-token-source.ts';
import { serverForConnecting } from '../mail-accounts/server-for-connecting.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { SourceStore } from '../message-store/source-store.ts';
import { AppError, ERROR_CODES, type ErrorCode } from '../errors.ts';
import { backoffDelay } from './backoff.ts';
import { classifySyncFailure } from './classify-sync-failure.ts';
import type { FolderSyncContext } from './folder-sync-context.ts';
import { importWindowStart } from './import-window.ts';
import { openImapClient, type OpenImapOptions } from '../mail/imap/open-imap-client.ts';
import { createProgressReporter } from './progress-reporter.ts';
import { refreshFolderList } from './refresh-folder-list.ts';
import {
  mailActionsTopic,
  SYNC_LEASES_TOPIC,
  syncProgressTopic,
  type MailActionRequested,
  type SyncLeaseReleased,
  type SyncProgressEvent,
} from './sync-events.ts';
import { ConnectionLostError, type SyncSession } from './sync-session.ts';
import { stayCurrent } from './stay-current.ts';
import type { SyncTuning } from './sync-tuning.ts';
import { WakeSignal } from './wake-signal.ts';

export interface AccountRunnerDeps {
  database: Database;
  bus: EventBus;
  credentialsKey: CredentialsKey;
  /** Fresh access tokens for OAuth2 accounts. @default noAccessTokenSource */
  accessTokens?: AccessTokenSource;
  imap: OpenImapOptions;
  downloadDays(tenantId: string): Promise<number>;
  holderId: string;
  tuning: SyncTuning;
  log: (msg: string, extra?: unknown) => void;
  /** @default databaseSourceStore (lib/message-store/source-store.ts) */
  sources?: SourceStore;
  /** Called each time the account goes live (import done, or back after a reconnect). */
  onLive?: (accountId: string) => void;
}

/** Why a runner ended: told to; a person must act; another process has the account now; the account is gone. */
export type RunnerExit = 'stopped' | 'failed' | 'lease-lost' | 'gone';

export interface AccountRunner {
  readonly accountId: string;
  /** The account row's `updated_at` when the runner started (a newer one means new settings). */
  readonly updatedAt: Date;
  /** Re-reads the import window; a wider one starts a backfill at once. */
  refreshWindow(): Promise<void>;
  status(): SyncProgressEvent;
  stop(): Promise<void>;
  /** Settles when the runner ended, for whatever reason. */
  readonly done: Promise<RunnerExit>;
}

/**
 * Syncs one account while this process holds its lease (the supervisor took it): connects,
 * imports, stays current over one connection (stay-current.ts), reconnects with backoff after
 * network trouble, and stops for good on problems a person must fix (classify-sync-failure.ts),
 * marking the account so the UI can ask for the password again.
 */
export function startAccountRunner(
  deps: AccountRunnerDeps,
  account: { id: string; tenantId: string; updatedAt: Date },
): AccountRunner {
  const { database, tuning, holderId } = deps;
  const db = database.db;
  const stopping = new AbortController();
  let exit: RunnerExit = 'stopped';
  let days: number | null = null;
  const inboxWake = new WakeSignal();
  const foldersWake = new WakeSignal();
  const actionsWake = new WakeSignal();
  // Actions requested in any process wake this runner (the lease holder), for as long as it runs.
  const actionRequests = deps.bus.subscribe<MailActionRequested>(mailActionsTopic(account.id));
  void (async () => {
    for await (const _request of actionRequests) {
      actionsWake.notify();
      inboxWake.notify(); // ends the IDLE; watch-inbox.ts sees actionsWake and hands over
    }
  })().catch((error) => deps.log(`sync ${account.id}: listening for actions failed`, error));
  const progress = createProgressReporter({
    accountId: account.id,
    intervalMs: tuning.progressIntervalMs,
    publish: (event) => {
      deps.bus.publish(syncProgressTopic(account.id), event).catch((error) => deps.log('publishing progress failed', error));
    },
  });
  const endWith = (reason: RunnerExit) => {
    exit = reason;
    stopping.abort();
  };

  const leaseTimer = setInterval(() => {
    renewSyncLease(db, account.id, holderId, tuning.leaseTtlMs).then(
      (mine) => {
        if (!mine && !stopping.signal.aborted) {
          deps.log(`sync ${account.id}: lease lost to another process, stopping`);
          endWith('lease-lost');
        }
      },
      (error) => deps.log(`sync ${account.id}: renewing the lease failed`, error),
    );
  }, tuning.leaseRenewMs);
  leaseTimer.unref();

  const ctx: FolderSyncContext = {
    db,
    bus: deps.bus,
    accountId: account.id,
    progress,
    tuning,
    log: deps.log,
    sources: deps.sources,
  };

  /** One connected session; resolves 'gone' if the account can no longer be synced, else throws when it ends. */
  async function runSession(signal: AbortSignal, onLive: () => void): Promise<'gone'> {
    progress.connecting();
    const row = await loadLeasedAccount(db, account.id, holderId);
    if (!row) return 'gone';
    await setAccountSyncState(db, account.id, holderId, { syncState: 'connecting', reason: null });
    days = await deps.downloadDays(row.tenantId);
    // An OAuth2 grant that cannot give a token stops here as MAIL_OAUTH_RECONNECT_REQUIRED (reported, not retried).
    const settings = await serverForConnecting(row, 'imap', deps);
    let client: ImapFlow | undefined;
    const close = () => client?.close();
    signal.addEventListener('abort', close, { once: true });
    try {
      client = await openImapClient(settings, { ...deps.imap, timeouts: tuning.imapTimeouts, id: `sync-${account.id}` });
      signal.throwIfAborted();
      await setAccountSyncState(db, account.id, holderId, { syncState: 'importing' });

      const { folders } = await refreshFolderList(ctx, client);
      const inboxRow = folders.find((f) => f.path.toUpperCase() === 'INBOX');
      if (!inboxRow) throw new Error('the server lists no INBOX');

      const passes = new Set<'inbox' | 'folders'>();
      const session: SyncSession = {
        ctx,
        signal,
        windowStart: () => importWindowStart(days ?? 30),
        inboxWake,
        foldersWake,
        actionsWake,
        async passDone(loop) {
          passes.add(loop);
          if (passes.size < 2) return;
          if (progress.latest().phase !== 'live') {
            progress.live();
            onLive();
          }
          await setAccountSyncState(db, account.id, holderId, { syncState: 'live', lastSyncedAt: new Date() });
        },
        isLive: () => passes.size === 2,
      };
      return await stayCurrent(session, client, inboxRow.id);
    } finally {
      signal.removeEventListener('abort', close);
      close();
    }
  }

  async function run(): Promise<RunnerExit> {
    let attempt = 0;
    try {
      while (!stopping.signal.aborted) {
        try {
          const result = await runSession(stopping.signal, () => {
            attempt = 0;
            deps.onLive?.(account.id);
          });
          if (result === 'gone') return 'gone';
        } catch (error) {
          if (stopping.signal.aborted) break;
          const failure = classifySyncFailure(error);
          if (failure.action === 'report') {
            deps.log(`sync ${account.id}: ${failure.code}, stopping until the account is fixed: ${failure.message}`);
            try {
              await markAccountSyncFailed(db, account.id, failure);
              progress.error(failure.code, failure.message);
              return 'failed';
            } catch (dbError) {
              // Unrecorded (database down), the account would look fine: retry, with backoff, until it is.
              deps.log(`sync ${account.id}: recording the failure failed`, dbError);
            }
          }
          attempt += 1;
          const delay = backoffDelay(attempt, tuning.backoff);
          deps.log(`sync ${account.id}: ${failure.code} ${failure.message}; reconnecting in ${delay} ms`);
          progress.connecting();
          // The account says it is not live while the server is unreachable (issue 8 item 12).
          await setAccountSyncState(db, account.id, holderId, { syncState: 'connecting', reason: reconnectReason(error) }).catch(
            (dbError) => deps.log(`sync ${account.id}: recording the reconnect failed`, dbError),
          );
          await sleep(delay, undefined, { signal: stopping.signal }).catch(() => {});
        }
      }
      return exit;
    } finally {
      clearInterval(leaseTimer);
      await actionRequests.return?.();
      progress.close();
      if (exit !== 'lease-lost') {
        const released = await releaseSyncLease(db, account.id, holderId).then(
          () => true,
          (error) => (deps.log(`sync ${account.id}: releasing the lease failed`, error), false),
        );
        // Other processes take it at once instead of at their next sweep (issue 8 item 15); if
        // the announcement is lost, their sweep finds the free lease within leaseSweepMs.
        if (released && exit !== 'failed') {
          await deps.bus
            .publish<SyncLeaseReleased>(SYNC_LEASES_TOPIC, { accountId: account.id })
            .catch((error) => deps.log(`sync ${account.id}: announcing the released lease failed`, error));
        }
      }
    }
  }

  const done = run();
  return {
    accountId: account.id,
    updatedAt: account.updatedAt,
    async refreshWindow() {
      const next = await deps.downloadDays(account.tenantId);
      if (days !== null && next !== days) {
        days = next;
        inboxWake.notify();
        foldersWake.notify();
      }
    },
    status: () => progress.latest(),
    async stop() {
      endWith('stopped');
      await done;
    },
    done,
  };
}

/**
 * Why the runner is reconnecting, as the account row shows it: the error table's codes and
 * user-facing messages only (a database error's text is no business of the admin console), as
 * classifySyncFailure decides them — so a database error never shows as a mail error (item 9).
 */
function reconnectReason(error: unknown): { code: string; message: string } {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  if (error instanceof ConnectionLostError) return { code: 'MAIL_CONNECTION_FAILED', message: error.message };
  const { code } = classifySyncFailure(error);
  const known: ErrorCode = Object.hasOwn(ERROR_CODES, code) ? (code as ErrorCode) : 'MAIL_CONNECTION_FAILED';
  return { code: known, message: ERROR_CODES[known].userMessage };
}
