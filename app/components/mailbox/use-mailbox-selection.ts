'use client';
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, type MouseEvent } from 'react';
import { MAX_SEARCH_CHARS } from '../search/search-queries';

/**
 * What the user has open, kept in the URL (`/inbox?account=…&folder=…&message=…&q=…`) and nowhere
 * else, so reload, back/forward and a shared link all show the same thing. Query parameters
 * rather than route segments: the inbox stays one page, and a missing part falls back to a
 * default (first account, Inbox) instead of a 404.
 */
export interface MailboxSelection {
  account: string | null;
  folder: string | null;
  message: string | null;
  /** The search shown instead of the folder's list (SearchResults), or null. */
  q: string | null;
}

/** Longest id we take from the URL (ids are UUIDs or numbers): anything longer is ignored. */
const MAX_ID_CHARS = 64;

export function selectionHref(pathname: string, selection: MailboxSelection): string {
  const params = new URLSearchParams();
  for (const key of ['account', 'folder', 'message', 'q'] as const) {
    const value = selection[key];
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}

export function useMailboxSelection(): [MailboxSelection, (next: Partial<MailboxSelection>) => void, string] {
  const params = useSearchParams();
  const pathname = usePathname();
  const read = (key: string, max = MAX_ID_CHARS) => {
    const value = params.get(key);
    return value && value.length <= max ? value : null;
  };
  const selection: MailboxSelection = {
    account: read('account'),
    folder: read('folder'),
    message: read('message'),
    q: read('q', MAX_SEARCH_CHARS),
  };
  const { account, folder, message, q } = selection;
  const select = useCallback(
    (next: Partial<MailboxSelection>) => showInPlace(selectionHref(pathname, { account, folder, message, q, ...next })),
    [pathname, account, folder, message, q],
  );
  return [selection, select, pathname];
}

/**
 * Shows another selection of the same page: a new history entry, no request. Next's router
 * (`router.push`, `<Link>`) would fetch the page's server payload again for every changed query
 * parameter — a round trip per opened message, the larger part of a click-to-text time measured
 * by bench:read. `history.pushState` is integrated with Next's router (since 14.1): useSearchParams
 * follows it, and Back/Forward work as before.
 */
export function showInPlace(href: string): void {
  window.history.pushState(null, '', href);
}

/**
 * For the list's and the results' links: a plain left click shows the message in place
 * (showInPlace); a click with a modifier or another button keeps the link's own behaviour (a new
 * tab or window, the selection keys handled by the list).
 */
export function openInPlace(event: MouseEvent<HTMLAnchorElement>, href: string): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  showInPlace(href);
}
