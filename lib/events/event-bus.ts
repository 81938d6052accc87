/**
 * The event bus: resolvers and the sync loop publish, GraphQL subscriptions listen.
 * Two implementations share this interface: in-process (embedded PGlite, one process)
 * and PostgreSQL LISTEN/NOTIFY (several processes on one database).
 */
export interface BusEvent<T = unknown> {
  /** e.g. `tenant:<id>:users` — subscribers listen on exact topics. */
  topic: string;
  payload: T;
}

export interface EventBus {
  publish<T>(topic: string, payload: T): Promise<void>;
  /** An async iterator of payloads on `topic`; `return()` unsubscribes. */
  subscribe<T>(topic: string): AsyncIterableIterator<T>;
  close(): Promise<void>;
}

/** Turns a push source into a pull iterator, buffering what arrives between pulls. */
export function makeSubscription<T>(register: (push: (value: T) => void) => () => void): AsyncIterableIterator<T> {
  const queue: T[] = [];
  const waiting: Array<(result: IteratorResult<T>) => void> = [];
  let done = false;
  const unregister = register((value) => {
    if (done) return;
    const next = waiting.shift();
    if (next) next({ value, done: false });
    else queue.push(value);
  });
  const finish = (): Promise<IteratorResult<T>> => {
    if (!done) {
      done = true;
      unregister();
      for (const next of waiting.splice(0)) next({ value: undefined, done: true });
    }
    return Promise.resolve({ value: undefined, done: true });
  };
  return {
    next() {
      if (queue.length) return Promise.resolve({ value: queue.shift() as T, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => waiting.push(resolve));
    },
    return: finish,
    throw(error?: unknown) {
      void finish();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
