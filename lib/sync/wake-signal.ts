/**
 * A latch a loop sleeps on: `notify()` wakes the current (or next) `wait()`. Notifications
 * between two waits are remembered (once), so a change that arrives while the loop is busy is
 * not lost. `wait` also ends on timeout or abort; it never rejects, and says which it was.
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

  /** Whether a notification is pending, forgetting it: for a loop that checks between other work. */
  take(): boolean {
    const pending = this.pending;
    this.pending = false;
    return pending;
  }

  /** A notification is waiting (a loop busy with optional work checks this to yield early). */
  get notified(): boolean {
    return this.pending;
  }

  /** Forgets notifications so far: call it right before doing the work they asked for. */
  reset(): void {
    this.pending = false;
  }

  /** Resolves true when notified (now or earlier), false on timeout or abort (a notification stays pending). */
  async wait(timeoutMs: number | null, signal?: AbortSignal): Promise<boolean> {
    if (this.pending) {
      this.pending = false;
      return true;
    }
    if (signal?.aborted) return false;
    const notified = await new Promise<boolean>((resolve) => {
      const finish = (woken: boolean) => {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (this.waiter === onNotify) this.waiter = null;
        resolve(woken);
      };
      const onNotify = () => finish(true);
      const onAbort = () => finish(false);
      const timer = timeoutMs === null ? null : setTimeout(onAbort, timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiter = onNotify;
    });
    if (notified) this.pending = false;
    return notified;
  }
}
