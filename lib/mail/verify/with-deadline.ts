import 'server-only';

/** Our own limit on a whole verification ran out; mapped to MAIL_TIMEOUT like the libraries' timeouts. */
export class DeadlineError extends Error {
  readonly code = 'ETIMEDOUT';
  readonly timeoutType = 'DEADLINE';
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'DeadlineError';
  }
}

/**
 * Runs `work` with a time limit over all of it. When the limit passes, `signal` aborts (the work
 * closes its connection on it) and the result rejects with `DeadlineError` at once, without
 * waiting for work that cannot be cancelled (a `getaddrinfo` in flight). The libraries' own
 * timeouts each cover one phase only, and a slow server can spend each of them in turn.
 */
export async function withDeadline<T>(timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new DeadlineError(timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  const running = work(controller.signal);
  try {
    return await Promise.race([running, expired]);
  } finally {
    clearTimeout(timer);
    // The loser of the race may still reject (the connection we closed on abort): expected, not unhandled.
    running.catch(() => {});
    expired.catch(() => {});
  }
}
