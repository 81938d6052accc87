/**
 * Errors of the database layer, recognised and described without what they carry (issue 8,
 * item 9). drizzle wraps a failed query as `DrizzleQueryError` whose message is
 * "Failed query: <sql>\nparams: <every parameter>", postgres.js's `PostgresError` and PGlite's
 * error carry `query` and `parameters`/`params`, and PostgreSQL quotes the offending value in
 * its own message (`invalid input syntax for type uuid: "<value>"`). Any of these in a log or
 * an API answer leaks mail text, hashes or a megabyte of attacker input. No `server-only`: the
 * log serializer (lib/log) uses it too.
 */

/** What may be said about a database error: the SQLSTATE, where, and PostgreSQL's words without values. */
export interface DatabaseErrorFacts {
  /** SQLSTATE (`22P02`, `57P01`, …) or postgres.js's connection code (`CONNECTION_CLOSED`, `ECONNREFUSED`). */
  code?: string;
  /** PostgreSQL's message cut at its first quote (`withoutValues`), at most 200 characters. */
  message: string;
  table?: string;
  column?: string;
  constraint?: string;
  routine?: string;
  /** The connection is gone or refused (SQLSTATE class 08, 57P01–57P03, or a socket error). */
  unreachable: boolean;
}

/** postgres.js's own codes for a connection that died or never came (postgres/src/connection.js). */
const CLIENT_CONNECTION_CODES = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT']);
/** Node's socket errors: the database's only when the error is already known to be a database one. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * A code that says the database connection went away: postgres.js's CONNECTION_* codes, SQLSTATE
 * class 08 (connection exception) and 57P01–57P03 (admin shutdown, e.g. pg_terminate_backend;
 * crash shutdown; cannot connect now). The one list of them (retryable-database-error.ts,
 * the process policy and the sync's classification read it too).
 */
export function isConnectionLossCode(code: string): boolean {
  return CLIENT_CONNECTION_CODES.has(code) || /^(08[0-9A-Z]{3}|57P0[123])$/.test(code);
}

/** `error` and its causes, innermost last (drizzle wraps the driver's error as `cause`); at most 5. */
export function* causeChain(error: unknown): Generator<unknown> {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

type Facts = Record<string, unknown>;

function isObject(value: unknown): value is Facts {
  return typeof value === 'object' && value !== null;
}

/** drizzle's wrapper around a failed query (drizzle-orm/errors.js). */
function isDrizzleQueryError(error: unknown): error is Error & Facts {
  return error instanceof Error && error.constructor.name === 'DrizzleQueryError' && 'params' in error;
}

/** An error PostgreSQL (server or PGlite) sent: a five-character SQLSTATE plus severity or routine. */
function isServerError(error: unknown): error is Error & Facts {
  return (
    error instanceof Error &&
    typeof (error as unknown as Facts).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((error as unknown as Facts).code as string) &&
    ('severity' in error || 'routine' in error || error.name === 'PostgresError')
  );
}

/** A query that failed, or a database connection that failed under a query. */
export function isDatabaseError(error: unknown): boolean {
  return isDrizzleQueryError(error) || isServerError(error) || (error instanceof Error && error.name === 'PostgresError');
}

/** The facts that may be logged or stored, for an error `isDatabaseError` accepts. */
export function databaseErrorFacts(error: unknown): DatabaseErrorFacts {
  const inner = isDrizzleQueryError(error) && error.cause !== undefined ? error.cause : error;
  const facts: Facts = isObject(inner) ? inner : {};
  const code = typeof facts.code === 'string' ? facts.code : undefined;
  const said = isDrizzleQueryError(inner) ? 'query failed' : inner instanceof Error ? inner.message : String(inner);
  const text = (key: string) => (typeof facts[key] === 'string' && facts[key] ? (facts[key] as string).slice(0, 100) : undefined);
  return {
    code,
    message: withoutValues(said),
    table: text('table') ?? text('table_name'),
    column: text('column') ?? text('column_name'),
    constraint: text('constraint') ?? text('constraint_name'),
    routine: text('routine'),
    unreachable: !!code && (isConnectionLossCode(code) || SOCKET_CODES.has(code)),
  };
}

/**
 * PostgreSQL's words up to the first quote: it quotes the offending value (`… for type uuid:
 * "<value>"`), and a value may itself contain quotes, so everything from the first one is cut.
 * Names it would quote (constraint, column) are in the other facts.
 */
export function withoutValues(message: string): string {
  const quote = message.indexOf('"');
  const plain = (quote >= 0 ? `${message.slice(0, quote)}"…"` : message.slice(0, 1000)).replace(/\s+/g, ' ');
  return plain.length > 200 ? `${plain.slice(0, 199)}…` : plain;
}
