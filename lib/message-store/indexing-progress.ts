import type { EventBus } from '../events/event-bus.ts';
import { syncProgressTopic, type SyncProgressEvent } from '../sync/sync-events.ts';

/** How far the extraction worker is with an account's stored messages. */
export interface IndexingState {
  done: number;
  total: number;
}

export interface IndexingProgress {
  /** Re-reads the backlog per account (at most every `recountMs`): total = done so far + what is left. */
  recount(count: () => Promise<Map<string, number>>): Promise<void>;
  advanced(items: ReadonlyArray<{ accountId: string }>): void;
  /** Nothing is left: every account that was indexing is reported live again. */
  finished(): void;
  state(accountId: string): IndexingState | null;
  close(): void;
}

/**
 * The extraction worker's progress, as the 'indexing' phase of the account's `syncProgress`
 * (issue 9): "Indexing 3,200 of 10,000". Only reported while the account's own sync is live here
 * (or runs in another process): an import, a reconnect or an error says more, and the worker waits
 * for imports anyway. Events go out at most every `intervalMs` per account, the last one ('live')
 * at once. A bus that cannot publish (the database restarting) loses the event, not the work.
 */
export function createIndexingProgress(options: {
  bus: EventBus;
  intervalMs: number;
  /** The account's sync phase in this process, undefined when it is not synced here. */
  syncPhase: (accountId: string) => string | undefined;
  /** @default 2_000 */
  recountMs?: number;
}): IndexingProgress {
  const accounts = new Map<string, IndexingState & { sentAt: number; timer: NodeJS.Timeout | null }>();
  const recountMs = options.recountMs ?? 2_000;
  let countedAt = 0;

  const reportable = (accountId: string) => {
    const phase = options.syncPhase(accountId);
    return phase === undefined || phase === 'live' || phase === 'indexing';
  };
  const event = (accountId: string, phase: 'indexing' | 'live', done: number, total: number): SyncProgressEvent => ({
    accountId,
    phase,
    folderId: null,
    path: null,
    done,
    total,
    overallDone: done,
    overallTotal: total,
  });
  const send = (accountId: string) => {
    const entry = accounts.get(accountId);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    entry.sentAt = Date.now();
    if (reportable(accountId))
      options.bus.publish(syncProgressTopic(accountId), event(accountId, 'indexing', entry.done, entry.total)).catch(() => {});
  };
  const update = (accountId: string) => {
    const entry = accounts.get(accountId)!;
    const wait = options.intervalMs - (Date.now() - entry.sentAt);
    if (wait <= 0) send(accountId);
    else entry.timer ??= setTimeout(() => send(accountId), wait).unref();
  };

  return {
    async recount(count) {
      if (Date.now() - countedAt < recountMs) return;
      countedAt = Date.now();
      for (const [accountId, left] of await count()) {
        const entry = accounts.get(accountId) ?? { done: 0, total: 0, sentAt: 0, timer: null };
        entry.total = entry.done + left;
        accounts.set(accountId, entry);
        update(accountId);
      }
    },
    advanced(items) {
      for (const { accountId } of items) {
        const entry = accounts.get(accountId);
        if (entry) entry.done = Math.min(entry.total, entry.done + 1);
      }
      for (const accountId of new Set(items.map((i) => i.accountId))) if (accounts.has(accountId)) update(accountId);
    },
    finished() {
      countedAt = 0;
      for (const [accountId, entry] of accounts) {
        if (entry.timer) clearTimeout(entry.timer);
        accounts.delete(accountId);
        if (reportable(accountId))
          options.bus.publish(syncProgressTopic(accountId), event(accountId, 'live', entry.total, entry.total)).catch(() => {});
      }
    },
    state(accountId) {
      const entry = accounts.get(accountId);
      return entry ? { done: entry.done, total: entry.total } : null;
    },
    close() {
      for (const entry of accounts.values()) if (entry.timer) clearTimeout(entry.timer);
      accounts.clear();
    },
  };
}

/**
 * The sync runner's status with the extraction worker's progress folded in: a live account whose
 * stored messages are still being indexed says 'indexing' (what the `syncProgress` field answers
 * between events).
 */
export function withIndexing(
  status: SyncProgressEvent | undefined,
  indexing: IndexingState | null,
): SyncProgressEvent | undefined {
  if (!status || !indexing || status.phase !== 'live') return status;
  return {
    ...status,
    phase: 'indexing',
    folderId: null,
    path: null,
    done: indexing.done,
    total: indexing.total,
    overallDone: indexing.done,
    overallTotal: indexing.total,
  };
}
