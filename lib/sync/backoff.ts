/**
 * How long to wait before reconnect attempt `attempt` (1 = the first retry): exponential growth
 * from `baseMs`, capped at `maxMs`, with "equal jitter" (a uniform draw between half and all of
 * the step, so never above `maxMs`) so that many accounts dropped by one server outage do not all knock again in the
 * same second. Pure delay math; the caller owns the timers (after EmailEngine's
 * reconnect-backoff.js).
 */
export interface BackoffOptions {
  /** @default 1_000 */
  baseMs?: number;
  /**
   * The longest wait. After a 120 s outage a 5 min cap had grown the waits to 56–120 s, so mail
   * arrived 108 s after the server was back (issue 8 item 16); with 60 s (waits of 30–60 s once
   * grown) an account is back within a minute, and a server down for an hour is still asked only
   * about 80 times. 40 s rather than the 60 s ceiling: after a silent cut an attempt
   * may still be stuck in the dead path for up to `connectMs` (15 s, imap-timeouts.ts) before
   * the wait starts, and connect + wait must stay under the 60 s in which mail sent during the
   * cut has to arrive (issue 8 item 12). Once grown, waits are 20–40 s.
   * @default 40_000
   */
  maxMs?: number;
  /** @default 2 */
  factor?: number;
}

export const DEFAULT_BACKOFF: Required<BackoffOptions> = { baseMs: 1_000, maxMs: 40_000, factor: 2 };

/** @param random a number in [0, 1), injectable for tests @default Math.random */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const { baseMs, maxMs, factor } = { ...DEFAULT_BACKOFF, ...options };
  const step = Math.min(maxMs, baseMs * factor ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (step / 2) * random());
}
