/**
 * How long to wait before reconnect attempt `attempt` (1 = the first retry): exponential growth
 * from `baseMs`, capped at `maxMs`, with "full jitter" (a uniform draw between half and all of
 * the step) so that many accounts dropped by one server outage do not all knock again in the
 * same second. Pure delay math; the caller owns the timers (after EmailEngine's
 * reconnect-backoff.js).
 */
export interface BackoffOptions {
  /** @default 1_000 */
  baseMs?: number;
  /** @default 5 * 60_000: a server that is down for an hour is asked a dozen times, not hundreds */
  maxMs?: number;
  /** @default 2 */
  factor?: number;
}

export const DEFAULT_BACKOFF: Required<BackoffOptions> = { baseMs: 1_000, maxMs: 5 * 60_000, factor: 2 };

/** @param random a number in [0, 1), injectable for tests @default Math.random */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const { baseMs, maxMs, factor } = { ...DEFAULT_BACKOFF, ...options };
  const step = Math.min(maxMs, baseMs * factor ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (step / 2) * random());
}
