import 'server-only';
import { causeChain, isConnectionLossCode } from './database-error.ts';
/**
 * Database failures that say nothing about the data: the connection went away (terminated by an
 * administrator or a restart, a network drop, a failover) or the server asked to try again. The
 * work that failed is to be retried as it was, never recorded as a problem of the message it was
 * writing (issue 8 items 13 and 14).
 */

/** The connection under a streaming operation (a binary COPY) died while it ran. */
export class DatabaseConnectionLostError extends Error {
  readonly code = 'CONNECTION_CLOSED';
  constructor(what: string, options?: { cause?: unknown }) {
    super(`${what}: the database connection was lost`, options);
    this.name = 'DatabaseConnectionLostError';
  }
}

/**
 * Besides a lost connection (database-error.ts's isConnectionLossCode), what is worth retrying as
 * it was: Node's socket errors under a query, and SQLSTATE 40001 serialization_failure and 40P01
 * deadlock_detected (https://www.postgresql.org/docs/15/errcodes-appendix.html).
 */
const ALSO_RETRYABLE = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '40001',
  '40P01',
]);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function isRetryableDatabaseError(error: unknown): boolean {
  for (const current of causeChain(error)) {
    if (current instanceof DatabaseConnectionLostError) return true;
    const code = codeOf(current);
    if (code && (isConnectionLossCode(code) || ALSO_RETRYABLE.has(code))) return true;
  }
  return false;
}

/**
 * Narrower than `isRetryableDatabaseError`: only a database connection that went away. Socket
 * codes such as ECONNRESET are left out on purpose: they come from IMAP, SMTP and HTTP sockets
 * just as well, and those are no database's business.
 */
export function isDatabaseConnectionLoss(error: unknown): boolean {
  for (const current of causeChain(error)) {
    if (current instanceof DatabaseConnectionLostError) return true;
    const code = codeOf(current);
    if (code && isConnectionLossCode(code)) return true;
  }
  return false;
}
