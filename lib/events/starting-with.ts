/**
 * An iterator that yields `first` (when defined) and then whatever `rest` yields. Hand-made, not
 * an async generator: a generator's `finally` never runs when `return()` comes before the first
 * `next()`, which graphql-ws does when a client leaves while the subscription is being set up,
 * and `rest` (a bus subscription, already listening) would then never be closed.
 */
export function startingWith<T>(first: T | undefined, rest: AsyncIterableIterator<T>): AsyncIterableIterator<T> {
  let pending = first;
  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (pending !== undefined) {
        const value = pending;
        pending = undefined;
        return Promise.resolve({ value, done: false });
      }
      return rest.next();
    },
    return(value?: unknown) {
      pending = undefined;
      return rest.return ? rest.return(value) : Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
