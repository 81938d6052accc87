'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';
import { composeHref, type ComposeTarget } from './compose-target';

/** Opens the composer for `target` in the current inbox URL (a history entry: Back closes it). */
export function useOpenComposer(): (target: ComposeTarget) => void {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  return useCallback(
    (target: ComposeTarget) => router.push(composeHref(pathname, params.toString(), target), { scroll: false }),
    [router, pathname, params],
  );
}
