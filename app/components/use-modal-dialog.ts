'use client';
import { useEffect, useRef, type KeyboardEvent } from 'react';

/**
 * A native <dialog> opened with showModal (the page behind is inert, Escape cancels through the
 * dialog's own cancel event) while `open`, handing focus back to where it was on close; Tab and
 * Shift+Tab go round its controls instead of out to the browser's toolbar. Used by the archive
 * dialog and the shortcut help.
 */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    if (open && !element.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
    } else if (!open && element.open) element.close();
  }, [open]);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab') return;
    const controls = Array.from(
      event.currentTarget.querySelectorAll<HTMLElement>(
        'button:not(:disabled), [href], input:not(:disabled), select:not(:disabled), textarea, [tabindex]:not([tabindex="-1"])',
      ),
    );
    const first = controls[0];
    const last = controls[controls.length - 1];
    if (!first || !last) return;
    if (event.shiftKey ? document.activeElement === first : document.activeElement === last) {
      event.preventDefault();
      (event.shiftKey ? last : first).focus();
    }
  };

  const restoreFocus = () => {
    // The element that had focus may have gone meanwhile (a row refetched): then nothing.
    if (returnTo.current?.isConnected) returnTo.current.focus();
    returnTo.current = null;
  };

  return { ref, onKeyDown, restoreFocus };
}
