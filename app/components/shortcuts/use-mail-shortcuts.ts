'use client';
import { useEffect, useRef } from 'react';
import { keyTargetOf, shortcutForKey, type ShortcutCommand } from './shortcut-for-key';

export type ShortcutHandlers = Record<ShortcutCommand, () => void>;

/**
 * Listens for the inbox's shortcuts on the document and runs the handler shortcutForKey names.
 * The handlers are read when a key comes, so they always see the latest render. Keys are left
 * alone while a modal dialog is open (it owns the keyboard), inside a menu or listbox (their
 * letters jump to an item, APG), and when someone else already handled them.
 */
export function useMailShortcuts(handlers: ShortcutHandlers) {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      const target = event.target instanceof Element ? event.target : null;
      if (document.querySelector('dialog[open]')) return;
      if (target?.closest('[role="menu"], [role="listbox"], [role="dialog"]')) return;
      const command = shortcutForKey({
        key: event.key,
        shiftKey: event.shiftKey,
        ctrlKey: event.ctrlKey,
        altKey: event.altKey,
        metaKey: event.metaKey,
        isComposing: event.isComposing,
        target: keyTargetOf(target),
      });
      if (!command) return;
      // '/' would scroll or start Firefox's quick find, Space-like keys would scroll: ours now.
      event.preventDefault();
      latest.current[command]();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
