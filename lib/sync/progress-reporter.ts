import type { SyncProgressEvent } from './sync-events.ts';

type Phase = SyncProgressEvent['phase'];
type ImportPhase = 'importing' | 'backfilling';

export interface ProgressReporter {
  /** A folder's import or backfill starts with `total` messages to fetch. */
  folderStarted(folder: { id: string; path: string }, total: number, phase: ImportPhase): void;
  folderAdvanced(folderId: string, count: number): void;
  folderFinished(folderId: string): void;
  connecting(): void;
  live(): void;
  error(code: string, message: string): void;
  /** The newest state, unthrottled (what the supervisor's `status(accountId)` answers). */
  latest(): SyncProgressEvent;
  close(): void;
}

interface FolderProgress {
  id: string;
  path: string;
  done: number;
  total: number;
  phase: ImportPhase;
  finished: boolean;
}

/**
 * Keeps an account's import progress and hands it to `publish` at most every `intervalMs` (the
 * newest state wins; a change of phase goes out at once, so 'live' and 'error' are never late).
 * The overall figures add up the folders of the current import run, which ends with `live()`.
 */
export function createProgressReporter(options: {
  accountId: string;
  publish: (event: SyncProgressEvent) => void;
  intervalMs: number;
}): ProgressReporter {
  const folders = new Map<string, FolderProgress>();
  let current: FolderProgress | null = null;
  let state: SyncProgressEvent = snapshot('connecting');
  let lastSent = 0;
  let timer: NodeJS.Timeout | null = null;

  function snapshot(phase?: Phase): SyncProgressEvent {
    const all = [...folders.values()];
    const active = current && !current.finished ? current : (all.find((f) => !f.finished) ?? current);
    return {
      accountId: options.accountId,
      phase: phase ?? (active && !active.finished ? active.phase : (state?.phase ?? 'connecting')),
      folderId: active?.id ?? null,
      path: active?.path ?? null,
      done: active?.done ?? 0,
      total: active?.total ?? 0,
      overallDone: all.reduce((n, f) => n + f.done, 0),
      overallTotal: all.reduce((n, f) => n + f.total, 0),
    };
  }
  const send = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    lastSent = Date.now();
    options.publish(state);
  };
  const update = (next: SyncProgressEvent) => {
    const urgent = next.phase !== state.phase;
    state = next;
    if (urgent || Date.now() - lastSent >= options.intervalMs) send();
    else timer ??= setTimeout(send, options.intervalMs - (Date.now() - lastSent)).unref();
  };

  return {
    folderStarted(folder, total, phase) {
      // A new run (after live, or after a reconnect) starts counting from zero.
      if ([...folders.values()].every((f) => f.finished)) folders.clear();
      current = { id: folder.id, path: folder.path, done: 0, total, phase, finished: false };
      folders.set(folder.id, current);
      update(snapshot());
    },
    folderAdvanced(folderId, count) {
      const folder = folders.get(folderId);
      if (!folder) return;
      folder.done = Math.min(folder.total, folder.done + count);
      current = folder;
      update(snapshot());
    },
    folderFinished(folderId) {
      const folder = folders.get(folderId);
      if (!folder) return;
      folder.done = folder.total;
      folder.finished = true;
      update(snapshot());
    },
    connecting: () => update(snapshot('connecting')),
    live() {
      for (const folder of folders.values()) {
        folder.done = folder.total;
        folder.finished = true;
      }
      update(snapshot('live'));
    },
    error: (code, message) => update({ ...snapshot('error'), errorCode: code, errorMessage: message }),
    latest: () => state,
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
