/**
 * A latch a loop sleeps on: `notify()` wakes the current (or next) `wait()`. Notifications
 * between two waits are remembered (once), so a change that arrives while the loop is busy is
 * not lost. `wait` also ends on timeout or abort; it never rejects.
 */
export class WakeSignal {
  private pending = false;
  private waiter: (() => void) | null = null;

  notify(): void {
    this.pending = true;
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }

  /** Forgets notifications so far: call it right before doing the work they asked for. */
  reset(): void {
    this.pending = false;
  }

  async wait(timeoutMs: number | null, signal?: AbortSignal): Promise<void> {
    if (this.pending || signal?.aborted) {
      this.pending = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        if (this.waiter === done) this.waiter = null;
        resolve();
      };
      const timer = timeoutMs === null ? null : setTimeout(done, timeoutMs);
      signal?.addEventListener('abort', done, { once: true });
      this.waiter = done;
    });
    this.pending = false;
  }
}
