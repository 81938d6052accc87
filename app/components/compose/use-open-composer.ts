'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';
import { composeHref, type ComposeTarget } from './compose-target';

/**
 * Opens the composer for `target` (and a mailto link to prefill a new message) in the current
 * inbox URL: a history entry, so Back closes it. Outside the inbox it goes to the inbox.
 */
export function useOpenComposer(): (target: ComposeTarget, mailto?: string) => void {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  return useCallback(
    (target: ComposeTarget, mailto?: string) => {
      const inInbox = pathname.startsWith('/inbox');
      router.push(composeHref(inInbox ? pathname : '/inbox', inInbox ? params.toString() : '', target, mailto), {
        scroll: false,
      });
    },
    [router, pathname, params],
  );
}
