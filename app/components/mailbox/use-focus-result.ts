'use client';
import { useEffect, useRef, useState } from 'react';

/**
 * After an action whose result appears somewhere else in the form ("Trust this certificate"),
 * moves focus to that result once it renders: the field the problem is about, else the form's
 * alert. Without it focus stays on a button that has just disappeared, i.e. on the page body.
 * Returns a ref for the container and `focusResult()` to call when the action starts.
 */
export function useFocusResult<T extends HTMLElement>(result: unknown) {
  const container = useRef<T>(null);
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    if (!wanted || !result) return;
    setWanted(false);
    // Another certificate to look at: its prompt has already taken focus itself.
    if (document.activeElement?.classList.contains('certificate')) return;
    const target = container.current?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]');
    if (!target) return;
    if (target.getAttribute('role') === 'alert') target.tabIndex = -1;
    target.focus();
  }, [wanted, result]);
  return { container, focusResult: () => setWanted(true) };
}
