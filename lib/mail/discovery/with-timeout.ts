import type { Lookup } from './first-by-priority.ts';

/**
 * Bounds a lookup: after `timeoutMs` (or when `signal` aborts) its signal is aborted and it answers
 * `null`, even if the work underneath cannot be cancelled (a DNS query in flight). The timer is
 * cleared and the lookup's signal aborted however it ends, so nothing it started outlives it.
 */
export function withTimeout<T>(lookup: Lookup<T>, timeoutMs: number): Lookup<T> {
  return async (signal) => {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError')),
      timeoutMs,
    );
    const onAbort = () => controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
    try {
      return await Promise.race([lookup(controller.signal), abortedAsNull(controller.signal)]);
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      controller.abort(new Error('discovery: lookup finished'));
    }
  };
}

function abortedAsNull(signal: AbortSignal): Promise<null> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(null);
    else signal.addEventListener('abort', () => resolve(null), { once: true });
  });
}
