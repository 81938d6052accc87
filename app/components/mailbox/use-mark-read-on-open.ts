'use client';
import { useEffect, useRef } from 'react';
import { markReadFromCookies } from '../../mark-read/mark-read-choice';

/**
 * Marks an opened message read as Local settings say (issue 10: on open / after N seconds /
 * never; the `mark-read` cookie, read when the message opens). Once per open and only when it
 * is unread, so "Mark unread" sticks while it stays open. The reader is keyed by message id:
 * opening another message unmounts this one and its pending timer is cancelled with it.
 */
/** "When opened": marked read once the browser is idle, and no later than this. @default 500 ms */
const ON_OPEN_MAX_WAIT_MS = 500;

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
    const mark = () => {
      settled.current = true;
      void setSeenNow.current(true);
    };
    if (choice.when === 'after') {
      const timer = setTimeout(mark, choice.seconds * 1000);
      return () => clearTimeout(timer);
    }
    // "When opened" still waits until the browser is idle (at most ON_OPEN_MAX_WAIT_MS): the
    // mutation and the list's re-render are not what the person waits for, the text is
    // (bench:read times click → text). It also must not start in the same tick: Apollo Client
    // 4.3 loses the optimistic update of a mutation started while the detail query is still
    // delivering its first result (reproduced with a bare watchQuery).
    if (typeof window.requestIdleCallback === 'function') {
      const handle = window.requestIdleCallback(mark, { timeout: ON_OPEN_MAX_WAIT_MS });
      return () => window.cancelIdleCallback(handle);
    }
    const timer = setTimeout(mark, 50);
    return () => clearTimeout(timer);
  }, [message.id, message.seen]);
}
