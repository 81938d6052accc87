'use client';
import { useEffect, useRef } from 'react';
import { markReadFromCookies } from '../../mark-read/mark-read-choice';

/**
 * Marks an opened message read as Local settings say (issue 10: on open / after N seconds /
 * never; the `mark-read` cookie, read when the message opens). Once per open and only when it
 * is unread, so "Mark unread" sticks while it stays open. The reader is keyed by message id:
 * opening another message unmounts this one and its pending timer is cancelled with it.
 */
export function useMarkReadOnOpen(message: { id: string; seen: boolean }, setSeen: (seen: boolean) => unknown) {
  // Settled once it was marked, or once the person marked it read (or unread) themselves: the
  // timer must not undo their choice. The ref also keeps a development double effect from
  // marking twice.
  const settled = useRef(false);
  const setSeenNow = useRef(setSeen);
  setSeenNow.current = setSeen;
  useEffect(() => {
    if (message.seen) settled.current = true;
    if (settled.current) return;
    const choice = markReadFromCookies(document.cookie);
    if (choice.when === 'never') return;
    // Even "on open" waits a tick: Apollo Client 4.3 loses the optimistic cache update of a
    // mutation started while the detail query is still delivering its first result (reproduced
    // with a bare watchQuery: the cache says seen, the watcher never hears).
    const timer = setTimeout(
      () => {
        settled.current = true;
        void setSeenNow.current(true);
      },
      choice.when === 'after' ? choice.seconds * 1000 : 0,
    );
    return () => clearTimeout(timer);
  }, [message.id, message.seen]);
}
