'use client';
import { useApolloClient } from '@apollo/client/react';
import { useCallback, useEffect, useRef } from 'react';
import { MESSAGE_DETAIL } from './message-detail-query';

/**
 * How long the pointer (or focus) rests on a row before its message is fetched ahead: long enough
 * that sweeping the mouse across the list asks for nothing, shorter than the time between
 * pointing at a row and clicking it. @default 80 ms
 */
const REST_MS = 80;

/**
 * Fetches a message's detail into the Apollo cache while the person points at (or tabs to) its
 * row, so the click renders from the cache instead of waiting for the server (the reader's query
 * is cache-first). At most one pending prefetch; the server is asked once per message.
 */
export function usePrefetchMessage(): { intend: (id: string) => void; cancel: () => void } {
  const apollo = useApolloClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const asked = useRef(new Set<string>());
  const cancel = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }, []);
  const intend = useCallback(
    (id: string) => {
      cancel();
      if (asked.current.has(id)) return;
      timer.current = setTimeout(() => {
        asked.current.add(id);
        apollo.query({ query: MESSAGE_DETAIL, variables: { id } }).catch(() => asked.current.delete(id));
      }, REST_MS);
    },
    [apollo, cancel],
  );
  useEffect(() => cancel, [cancel]);
  return { intend, cancel };
}
