/**
 * A fixed-window attempt counter in memory, pure apart from the injected clock.
 * Used for mail-settings lookups per signed-in user (keys are user ids: bounded by the
 * users, and the map is swept). Each process keeps its own count. Sign-in limits, whose
 * keys come from anonymous clients and must hold across processes, live in the database
 * instead (sign-in-limits.ts).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    /** Attempts allowed per window. */
    private readonly limit: number,
    /** Window length in ms. */
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts an attempt; returns false when the key is over its limit. */
  hit(key: string): boolean {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (this.windows.size > 10_000) this.sweep(now);
    return window.count <= this.limit;
  }

  /** Forgets a key (e.g. after a successful sign-in). */
  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}
