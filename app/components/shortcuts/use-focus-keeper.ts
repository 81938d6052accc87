'use client';
import { useEffect, useRef } from 'react';
import { messageIdOf, messageRowLink, messageRowLinks, searchInput } from './message-row-links';

/**
 * Keeps keyboard focus in the inbox when what held it disappears (issue 10: "focus moves
 * sensibly"): the reader closing (Back, u, a move or delete from its toolbar), a deleted row
 * leaving the list, an Undo or Dismiss button going with its status line. Without this the
 * browser drops focus to <body> and the next Tab starts again at the top of the page.
 * Where it goes: within a reader still open, its toolbar; else the row of the message last open
 * or focused; if that row went too, its neighbour below (else above) as the list stood; else the
 * first row (each only when on screen); with no rows at all, the search box.
 */
export function useFocusKeeper(messageId: string | null, backTo: { current: string | null }) {
  const cursor = useRef<{ id: string; order: string[] } | null>(null);
  const lastFocused = useRef<{ element: Element; inReader: boolean } | null>(null);
  const remember = (id: string) => {
    cursor.current = { id, order: messageRowLinks().map((link) => messageIdOf(link) ?? '') };
  };

  useEffect(() => {
    if (messageId) remember(messageId);
  }, [messageId]);

  // "u" asked for the row back explicitly: give it even though focus was not lost.
  useEffect(() => {
    if (messageId || !backTo.current) return;
    const id = backTo.current;
    backTo.current = null;
    messageRowLink(id)?.focus();
  }, [messageId, backTo]);

  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      if (!(event.target instanceof Element) || !event.target.closest('.mailbox')) return;
      lastFocused.current = { element: event.target, inReader: !!event.target.closest('.reader-pane') };
      const row = event.target.closest<HTMLAnchorElement>('.message-list a[href]');
      const id = row ? messageIdOf(row) : null;
      if (id) remember(id);
    };
    const restore = () => {
      const lost = lastFocused.current;
      if (!lost || lost.element.isConnected) return;
      if (document.activeElement && document.activeElement !== document.body) return;
      lastFocused.current = null;
      // A button that went inside a reader still open ("Show images") leaves focus in the reader.
      const toolbar = lost.inReader ? document.querySelector<HTMLElement>('.reader-pane [role="toolbar"] button') : null;
      if (toolbar) return toolbar.focus();
      // Only to a row on screen and without scrolling: a virtualized list also unmounts the
      // focused row when it is scrolled out of view, and that must not pull the list back.
      const row = rowFor(cursor.current) ?? messageRowLinks()[0];
      if (row) return void (onScreen(row) && row.focus({ preventScroll: true }));
      searchInput()?.focus();
    };
    document.addEventListener('focusin', onFocusIn);
    // React removes the element in a commit; the observer runs right after it, before paint.
    const observer = new MutationObserver(restore);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      observer.disconnect();
    };
  }, []);
}

/** The cursor's row, or the nearest one still there: below it first (the next message), then above. */
function rowFor(cursor: { id: string; order: string[] } | null): HTMLAnchorElement | null {
  if (!cursor) return null;
  const links = new Map(messageRowLinks().map((link) => [messageIdOf(link), link]));
  const own = links.get(cursor.id);
  if (own) return own;
  const at = cursor.order.indexOf(cursor.id);
  if (at < 0) return null;
  for (const id of [...cursor.order.slice(at + 1), ...cursor.order.slice(0, at).reverse()]) {
    const link = links.get(id);
    if (link) return link;
  }
  return null;
}

function onScreen(element: HTMLElement): boolean {
  const box = element.getBoundingClientRect();
  return box.height > 0 && box.bottom > 0 && box.top < window.innerHeight;
}
