import type { Logger } from 'pino';
import { isDatabaseConnectionLoss } from '../../db/retryable-database-error.ts';
import { loggerFor } from '../log/logger.ts';

/** Exit code after a crash (non-zero, so systemd, Docker or Kubernetes restart the process). */
export const CRASH_EXIT_CODE = 1;

export interface ProcessPolicyOptions {
  /**
   * Starts the graceful shutdown (or joins the one under way) and resolves when it is done;
   * undefined while there is nothing to close yet (a crash during start).
   */
  shutdown: () => Promise<void> | undefined;
  /** How long the graceful shutdown may take after a crash before the process exits anyway. @default 5 s */
  graceMs?: number;
  /** @default loggerFor('process') */
  log?: Pick<Logger, 'fatal' | 'error' | 'warn'>;
  /** @default process.exit */
  exit?: (code: number) => void;
  /** Where the events come from. @default process */
  target?: NodeJS.EventEmitter;
}

/**
 * The server's policy for errors nobody caught (issue 8, item 14): an `uncaughtException` or an
 * `unhandledRejection` means some code's state is now unknown (a socket half-written, a
 * transaction never ended), so the process logs it with its context, closes what it can within
 * `graceMs` (the sync leases given back, the database closed) and exits non-zero for its
 * supervisor to restart it. Without this, Next's own handlers log such errors and let the
 * process run on in that unknown state. A second error during that shutdown is only logged.
 *
 * One exception: a rejection whose reason is a lost database connection (57P01 after
 * `pg_terminate_backend`, a restart, CONNECTION_CLOSED…) is logged as a warning and the process
 * runs on. postgres.js 3.4.9 leaves such a rejection behind, on a query promise it also settled
 * for its caller, when a backend dies inside a transaction (seen in
 * db/postgres-connection-loss.service.test.ts); the work itself failed visibly and is retried by
 * its owner (the sync batch, the request), so nothing is in an unknown state.
 *
 * Returns a function that removes the handlers (for tests).
 */
export function installProcessPolicy(options: ProcessPolicyOptions): () => void {
  const {
    shutdown,
    graceMs = 5_000,
    log = loggerFor('process'),
    exit = (code) => process.exit(code),
    target = process,
  } = options;
  let crashing = false;

  const crash = (error: unknown, origin: 'uncaughtException' | 'unhandledRejection') => {
    if (crashing) {
      log.error({ err: error, origin }, `${origin} while shutting down after a crash`);
      return;
    }
    crashing = true;
    log.fatal({ err: error, origin }, `${origin}: the process state is unknown; shutting down (exit ${CRASH_EXIT_CODE})`);
    // A ref'd timer: it also keeps the process alive until the exit code is set.
    const timer = setTimeout(() => {
      log.error({ graceMs }, 'the shutdown after a crash did not finish in time; exiting anyway');
      exit(CRASH_EXIT_CODE);
    }, graceMs);
    let closing: Promise<void> | undefined;
    try {
      closing = shutdown();
    } catch (closeError) {
      closing = Promise.reject(closeError);
    }
    void (closing ?? Promise.resolve())
      .catch((closeError: unknown) => log.error({ err: closeError }, 'the shutdown after a crash failed'))
      .finally(() => {
        clearTimeout(timer);
        exit(CRASH_EXIT_CODE);
      });
  };

  const onException = (error: Error) => crash(error, 'uncaughtException');
  const onRejection = (reason: unknown) => {
    if (isDatabaseConnectionLoss(reason)) {
      log.warn({ err: reason, origin: 'unhandledRejection' }, 'a lost database connection left a rejection behind; going on');
      return;
    }
    crash(reason, 'unhandledRejection');
  };
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}
