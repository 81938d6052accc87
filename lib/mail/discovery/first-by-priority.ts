/** A lookup that honours `signal` where it can and answers `null` for "nothing here". */
export type Lookup<T> = (signal: AbortSignal) => Promise<T | null>;

export type LookupState<T> = { settled: false } | { settled: true; value: T | null };

export type PriorityDecision<T> = { type: 'wait' } | { type: 'win'; index: number; value: T } | { type: 'none' };

/**
 * The pure rule (house rule 1): a result wins only once every higher-priority lookup has settled
 * empty. `states` are in priority order, best first.
 */
export function decidePriority<T>(states: readonly LookupState<T>[]): PriorityDecision<T> {
  for (const [index, state] of states.entries()) {
    if (!state.settled) return { type: 'wait' };
    if (state.value !== null) return { type: 'win', index, value: state.value };
  }
  return { type: 'none' };
}

/**
 * Starts every lookup at once and resolves with the best non-null answer: a lower-priority answer
 * waits until all better ones have come back empty, failed or timed out. A rejection counts as
 * empty. When the answer is known the losers' signals are aborted so they stop their I/O.
 * Timeouts are the lookups' own business (see `withTimeout`).
 */
export async function firstByPriority<T>(lookups: readonly Lookup<T>[], signal?: AbortSignal): Promise<T | null> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();
  const states: LookupState<T>[] = lookups.map(() => ({ settled: false }));
  try {
    return await new Promise<T | null>((resolve) => {
      const settle = (index: number, value: T | null) => {
        states[index] = { settled: true, value };
        const decision = decidePriority(states);
        if (decision.type === 'win') resolve(decision.value);
        else if (decision.type === 'none') resolve(null);
      };
      // The caller gave up: answer now, even if a lookup ignores its signal.
      controller.signal.addEventListener('abort', () => resolve(null), { once: true });
      if (lookups.length === 0 || controller.signal.aborted) resolve(null);
      lookups.forEach((lookup, index) => {
        // Each lookup runs detached; a synchronous throw or a rejection is an empty answer.
        Promise.resolve()
          .then(() => lookup(controller.signal))
          .then(
            (value) => settle(index, value ?? null),
            () => settle(index, null),
          );
      });
    });
  } finally {
    signal?.removeEventListener('abort', onAbort);
    controller.abort(new Error('discovery: answer decided'));
  }
}
