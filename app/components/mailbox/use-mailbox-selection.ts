'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';
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
  const router = useRouter();
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
    (next: Partial<MailboxSelection>) =>
      router.push(selectionHref(pathname, { account, folder, message, q, ...next }), { scroll: false }),
    [router, pathname, account, folder, message, q],
  );
  return [selection, select, pathname];
}
