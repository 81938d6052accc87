'use client';
import { useApolloClient } from '@apollo/client/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { MESSAGES, type MessageRow } from './message-queries';

/** Rows fetched per "Load more" (the server caps a page at 200). @default 100 */
export const PAGE_SIZE = 100;
/** Rows per request when the loaded window is reloaded after a change. @default 200 */
const RELOAD_PAGE_SIZE = 200;

export interface FolderMessages {
  /** Newest first, contiguous from the newest message; null until the first page arrives. */
  rows: MessageRow[] | null;
  /** Older messages exist beyond the last row. */
  hasMore: boolean;
  loadingMore: boolean;
  loadMore(): void;
  /** Reload every loaded row (new mail at the top, removals, flag changes) keeping the depth scrolled to. */
  refresh(): void;
  /**
   * Changes loaded rows at once (a bulk mark read or flag, before the server answers); the next
   * reload brings the server's word, so a refused action is undone by calling refresh().
   */
  patch(ids: readonly string[], change: Partial<Pick<MessageRow, 'seen' | 'flagged'>>): void;
}

interface LoadedWindow {
  folderId: string;
  rows: MessageRow[];
  endCursor: string | null;
  hasMore: boolean;
}

/** True when `a` sorts at or after `b` in the list's order (receivedAt desc, id desc): as old or older. */
function atOrOlder(a: MessageRow, b: MessageRow): boolean {
  const ta = Date.parse(a.receivedAt);
  const tb = Date.parse(b.receivedAt);
  // Lower-case hex UUIDs compare as strings the way PostgreSQL compares the uuid bytes.
  return ta < tb || (ta === tb && a.id <= b.id);
}

/**
 * A folder's messages as a growing window over the server's keyset pages (`messages(after:)`,
 * cursor on internal_date desc, id desc). Requests run one at a time, so a reload and a
 * "Load more" never interleave; a reload refetches from the top down to the oldest loaded row, so
 * a page scrolled into view is never lost or left with a gap when new mail pushes rows down.
 */
export function useFolderMessages(folderId: string | null): FolderMessages {
  const client = useApolloClient();
  const [loaded, setLoaded] = useState<LoadedWindow | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const latest = useRef<LoadedWindow | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const reloadQueued = useRef(false);
  const currentFolder = useRef(folderId);

  const fetchPage = useCallback(
    async (folder: string, first: number, after: string | null) => {
      const { data } = await client.query({
        query: MESSAGES,
        variables: { folderId: folder, first, after },
        fetchPolicy: 'network-only',
      });
      if (!data) throw new Error('messages: no data');
      return data.messages;
    },
    [client],
  );

  const commit = useCallback((next: LoadedWindow) => {
    if (next.folderId !== currentFolder.current) return; // the person moved on to another folder
    latest.current = next;
    setLoaded(next);
  }, []);

  /** Runs `job` after every earlier one; a failed request leaves the window as it was. */
  const enqueue = useCallback((job: () => Promise<void>) => {
    queue.current = queue.current.then(job).catch((error: unknown) => console.error(error));
    return queue.current;
  }, []);

  const reload = useCallback(
    (folder: string) =>
      enqueue(async () => {
        reloadQueued.current = false;
        if (folder !== currentFolder.current) return;
        const oldest = latest.current?.folderId === folder ? latest.current.rows.at(-1) : undefined;
        const rows: MessageRow[] = [];
        let after: string | null = null;
        let hasMore = true;
        // The first screen comes in one page; a deeper window in pages of 200 down to where it ended.
        const first = oldest ? RELOAD_PAGE_SIZE : PAGE_SIZE;
        while (hasMore) {
          const page = await fetchPage(folder, first, after);
          rows.push(...page.nodes);
          after = page.endCursor;
          hasMore = page.hasMore;
          const last = rows.at(-1);
          if (!oldest || !last || atOrOlder(last, oldest)) break;
        }
        commit({ folderId: folder, rows, endCursor: after, hasMore });
      }),
    [commit, enqueue, fetchPage],
  );

  useEffect(() => {
    currentFolder.current = folderId;
    latest.current = null;
    setLoaded(null);
    if (folderId) void reload(folderId);
  }, [folderId, reload]);

  const refresh = useCallback(() => {
    if (!folderId || reloadQueued.current) return; // one queued reload covers every change before it
    reloadQueued.current = true;
    void reload(folderId);
  }, [folderId, reload]);

  const loadMore = useCallback(() => {
    const current = latest.current;
    if (!current?.hasMore || loadingMore) return;
    setLoadingMore(true);
    void enqueue(async () => {
      const before = latest.current;
      if (!before?.hasMore || before.folderId !== currentFolder.current) return;
      const page = await fetchPage(before.folderId, PAGE_SIZE, before.endCursor);
      const seen = new Set(before.rows.map((r) => r.id));
      commit({
        folderId: before.folderId,
        rows: [...before.rows, ...page.nodes.filter((r) => !seen.has(r.id))],
        endCursor: page.endCursor ?? before.endCursor,
        hasMore: page.hasMore,
      });
    }).finally(() => setLoadingMore(false));
  }, [commit, enqueue, fetchPage, loadingMore]);

  const patch = useCallback((ids: readonly string[], change: Partial<Pick<MessageRow, 'seen' | 'flagged'>>) => {
    const current = latest.current;
    if (!current) return;
    const changed = new Set(ids);
    latest.current = { ...current, rows: current.rows.map((r) => (changed.has(r.id) ? { ...r, ...change } : r)) };
    setLoaded(latest.current);
  }, []);

  const shown = loaded && loaded.folderId === folderId ? loaded : null;
  return { rows: shown?.rows ?? null, hasMore: shown?.hasMore ?? false, loadingMore, loadMore, refresh, patch };
}
