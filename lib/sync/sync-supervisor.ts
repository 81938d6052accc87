import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/client.ts';
import { sweepUnreferencedBlobs } from '../../db/queries/attachment-blobs.ts';
import { acquireSyncLease, listFreeAccounts, listSyncableAccounts } from '../../db/queries/sync-lease.ts';
import type { CredentialsKey } from '../crypto/mail-credentials-key.ts';
import type { AccessTokenSource } from '../mail-accounts/access-token-source.ts';
import type { EventBus } from '../events/event-bus.ts';
import { messageLog } from '../log/message-log.ts';
import type { ConnectPolicy } from '../mail/network/check-connect-target.ts';
import type { ResolveHost } from '../mail/network/resolve-and-check.ts';
import type { SourceStore } from '../message-store/source-store.ts';
import { startAccountRunner, type AccountRunner } from './account-runner.ts';
import { SYNC_LEASES_TOPIC, type SyncLeaseReleased, type SyncProgressEvent } from './sync-events.ts';
import { DEFAULT_SYNC_TUNING, type SyncTuning } from './sync-tuning.ts';

export interface SyncDeps {
  database: Database;
  bus: EventBus;
  credentialsKey: CredentialsKey;
  /** Fresh access tokens for OAuth2 accounts (`services.accessTokens`). @default noAccessTokenSource */
  accessTokens?: AccessTokenSource;
  /** The process's mail network (`services.mailNetwork`, lib/mail-accounts/discovery-deps-for-config.ts). */
  network: { resolveHost?: ResolveHost; guard: ConnectPolicy };
  allowPlaintextAuth: boolean;
  /** The resolved import window for the account's tenant. */
  downloadDays(tenantId: string): Promise<number>;
  /** This process's lease id. @default a random UUID */
  holderId?: string;
  log?: (msg: string, extra?: unknown) => void;
  /** Timings and batch sizes. @default DEFAULT_SYNC_TUNING */
  tuning?: Partial<SyncTuning>;
  /** Where message sources go (object storage; tests count what is fetched). @default databaseSourceStore */
  sources?: SourceStore;
  /** A runner of this process went live: its import is over (start-server.ts wakes the extraction worker). */
  onLive?: (accountId: string) => void;
}

export interface SyncSupervisor {
  /** Re-reads the accounts now: starts runners for new ones, stops removed ones, re-checks windows (a wider one backfills). */
  refresh(): Promise<void>;
  stop(): Promise<void>;
  /** The account's latest progress as this process knows it; undefined if another process syncs it. */
  status(accountId: string): SyncProgressEvent | undefined;
  /** Whether a runner of this process is importing or backfilling (background work waits meanwhile). */
  importing(): boolean;
}

/**
 * Runs one account runner per connected account whose lease this process holds (see
 * db/queries/sync-lease.ts): with several processes on one PostgreSQL, each account is synced
 * by exactly one of them, and a crashed process's accounts are taken over once its leases run
 * out. Every `refreshIntervalMs` (and on `refresh()`) it picks up new accounts and free leases,
 * stops runners of accounts that were removed or disconnected, restarts those whose settings
 * changed, and re-reads import windows. Every `leaseSweepMs`, and whenever another process
 * announces a released lease (SYNC_LEASES_TOPIC), it takes free leases only: one query.
 * `stop()` ends every runner, and each releases its lease and announces it.
 */
export function startSyncSupervisor(deps: SyncDeps): SyncSupervisor {
  const tuning: SyncTuning = { ...DEFAULT_SYNC_TUNING, ...deps.tuning };
  const holderId = deps.holderId ?? randomUUID();
  const log = deps.log ?? messageLog('sync');
  const runners = new Map<string, AccountRunner>();
  /** Last known progress, also of runners that ended (an 'error' stays visible). */
  const statuses = new Map<string, () => SyncProgressEvent>();
  let stopped = false;
  let refreshing: Promise<void> = Promise.resolve();

  const start = (account: { id: string; tenantId: string; updatedAt: Date }) => {
    const runner = startAccountRunner(
      {
        database: deps.database,
        bus: deps.bus,
        credentialsKey: deps.credentialsKey,
        accessTokens: deps.accessTokens,
        imap: { network: deps.network, allowPlaintextAuth: deps.allowPlaintextAuth },
        downloadDays: deps.downloadDays,
        holderId,
        tuning,
        log,
        sources: deps.sources,
        onLive: deps.onLive,
      },
      account,
    );
    runners.set(account.id, runner);
    statuses.set(account.id, runner.status);
    runner.done
      .then((reason) => {
        if (reason === 'lease-lost' || reason === 'gone') statuses.delete(account.id);
      })
      .catch((error: unknown) => log(`sync ${account.id}: the runner failed`, error))
      .finally(() => {
        if (runners.get(account.id) === runner) runners.delete(account.id);
      });
  };

  const refreshOnce = async () => {
    if (stopped) return;
    const accounts = await listSyncableAccounts(deps.database.db);
    const wanted = new Map(accounts.map((a) => [a.id, a]));
    for (const [id, runner] of runners) {
      const account = wanted.get(id);
      // Gone, disconnected, or saved with new settings (password, server): stop; a new runner starts below.
      if (!account || account.updatedAt.getTime() !== runner.updatedAt.getTime()) {
        runners.delete(id);
        await runner.stop();
        if (!account) statuses.delete(id);
      }
    }
    for (const account of accounts) {
      if (stopped) return;
      const runner = runners.get(account.id);
      if (runner) {
        await runner.refreshWindow().catch((error) => log(`sync ${account.id}: reading the import window failed`, error));
      } else if (await acquireSyncLease(deps.database.db, account.id, holderId, tuning.leaseTtlMs)) {
        start(account);
      }
    }
  };

  /** Takes the free leases (released, expired) of accounts this process does not run yet. */
  const sweepOnce = async () => {
    if (stopped) return;
    for (const account of await listFreeAccounts(deps.database.db)) {
      if (stopped) return;
      if (runners.has(account.id)) continue;
      if (await acquireSyncLease(deps.database.db, account.id, holderId, tuning.leaseTtlMs)) start(account);
    }
  };

  // Serialized, refreshes and sweeps alike: two overlapping ones could start two runners for one account.
  const serialized = (work: () => Promise<void>) => {
    refreshing = refreshing.then(work, work);
    return refreshing;
  };
  const refresh = () => serialized(refreshOnce);
  const sweep = () => {
    serialized(sweepOnce).catch((error) => log('sync supervisor: sweeping for free leases failed', error));
  };
  const timer = setInterval(() => {
    refresh().catch((error) => log('sync supervisor: refresh failed', error));
  }, tuning.refreshIntervalMs);
  timer.unref();
  const leaseSweeper = setInterval(sweep, tuning.leaseSweepMs);
  leaseSweeper.unref();
  // Another process stopped cleanly and gave an account back: take it now, not at the next sweep.
  const released = deps.bus.subscribe<SyncLeaseReleased>(SYNC_LEASES_TOPIC);
  void (async () => {
    for await (const _event of released) sweep();
  })().catch((error) => log('sync supervisor: listening for released leases failed', error));
  refresh().catch((error) => log('sync supervisor: first refresh failed', error));
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweeper = setInterval(() => {
    sweeping = sweepUnreferencedBlobs(deps.database.db).catch((error) =>
      log('sync supervisor: sweeping attachment bytes failed', error),
    );
  }, tuning.blobSweepIntervalMs);
  sweeper.unref();

  return {
    refresh,
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearInterval(leaseSweeper);
      clearInterval(sweeper);
      await released.return?.();
      await sweeping; // before the caller closes the database
      await refreshing.catch(() => {});
      await Promise.all([...runners.values()].map((runner) => runner.stop()));
      runners.clear();
    },
    status: (accountId) => statuses.get(accountId)?.(),
    importing: () => [...runners.values()].some((runner) => ['importing', 'backfilling'].includes(runner.status().phase)),
  };
}
