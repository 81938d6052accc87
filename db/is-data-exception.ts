import 'server-only';
import { causeChain, withoutValues } from './database-error.ts';

/**
 * Whether PostgreSQL refused a statement because of the data it carried (SQLSTATE class 22,
 * data_exception: invalid JSON such as a lone UTF-16 surrogate, an untranslatable character, a
 * value too long; class 54, program_limit_exceeded: a jsonb or text value over PostgreSQL's
 * limits). Such a refusal repeats however often the write is retried, so the row may be marked.
 *
 * Anything else is the database's trouble, not the data's (issue 8, item 13): a dropped or
 * terminated connection (postgres.js CONNECTION_CLOSED, ECONNRESET; SQLSTATE 57P01 after
 * pg_terminate_backend, 08xxx), a serialization failure or deadlock (40xxx), a foreign key whose
 * row was deleted meanwhile (23xxx), lack of resources (53xxx). A retry later can succeed, so the
 * caller must retry rather than mark good mail broken.
 *
 * Works for postgres.js and PGlite errors and for drizzle's DrizzleQueryError around them (the
 * driver's error is its `cause`).
 */
export function isDataException(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state !== undefined && (state.startsWith('22') || state.startsWith('54'));
}

/** The SQLSTATE of the driver error in `error`'s cause chain, if there is one. */
export function sqlStateOf(error: unknown): string | undefined {
  for (const e of causeChain(error)) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * The driver's own message (the innermost cause), cut before the first quote: drizzle's
 * DrizzleQueryError message carries the statement's parameters and PostgreSQL quotes the
 * offending value, i.e. mail content, which must not reach a log or a stored column.
 */
export function driverMessage(error: unknown): string {
  const innermost = [...causeChain(error)].at(-1) ?? error;
  return withoutValues(innermost instanceof Error ? innermost.message : String(innermost));
}
