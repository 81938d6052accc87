import 'server-only';
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

/** postgres.js's own codes for a connection that ended under a query. */
const CLIENT_CODES = new Set(['CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'CONNECTION_ENDED', 'CONNECT_TIMEOUT']);
/** Node's socket errors. */
const SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
/**
 * SQLSTATEs (https://www.postgresql.org/docs/15/errcodes-appendix.html): class 08 connection
 * exception; 57P01 admin_shutdown (pg_terminate_backend), 57P02 crash_shutdown, 57P03
 * cannot_connect_now; 40001 serialization_failure, 40P01 deadlock_detected.
 */
const RETRY_SQLSTATES = new Set(['57P01', '57P02', '57P03', '40001', '40P01']);

export function isRetryableDatabaseError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof DatabaseConnectionLostError) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (CLIENT_CODES.has(code) || SOCKET_CODES.has(code) || RETRY_SQLSTATES.has(code) || code.startsWith('08')) return true;
    }
    // drizzle wraps driver errors ("Failed query: …") with the original as `cause`.
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Narrower than `isRetryableDatabaseError`: only a database connection that went away (our
 * DatabaseConnectionLostError, postgres.js's CONNECTION_* codes, SQLSTATE class 08 and
 * 57P01–57P03). Socket codes such as ECONNRESET are left out on purpose: they come from IMAP,
 * SMTP and HTTP sockets just as well, and those are no database's business.
 */
export function isDatabaseConnectionLoss(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof DatabaseConnectionLostError) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (CLIENT_CODES.has(code) || /^(08[0-9A-Z]{3}|57P0[123])$/.test(code))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
