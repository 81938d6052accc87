import { performance } from 'node:perf_hooks';

export interface TimedEvent<T> {
  /** performance.now() when the event reached us. */
  at: number;
  value: T;
}

/**
 * Events stamped on arrival, and waits for the first one after a moment that matches: the
 * stamp is taken in the listener, not when the waiter wakes, so a waiter that comes late still
 * measures when the event arrived.
 */
export class TimedEvents<T> {
  readonly events: Array<TimedEvent<T>> = [];
  private waiters: Array<{ after: number; match: (value: T) => boolean; resolve: (event: TimedEvent<T>) => void }> = [];

  push = (value: T): void => {
    const event = { at: performance.now(), value };
    this.events.push(event);
    for (const waiter of [...this.waiters]) {
      if (event.at >= waiter.after && waiter.match(value)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  };

  /** The first event at or after `after` that matches, or null after `timeoutMs`. */
  next(after: number, match: (value: T) => boolean, timeoutMs: number): Promise<TimedEvent<T> | null> {
    const seen = this.events.find((event) => event.at >= after && match(event.value));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const waiter = {
        after,
        match,
        resolve: (event: TimedEvent<T>) => {
          clearTimeout(timer);
          resolve(event);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        resolve(null);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }
}
