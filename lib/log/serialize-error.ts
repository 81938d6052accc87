import { databaseErrorFacts, isDatabaseError } from '../../db/database-error.ts';

/** Longest error message kept in a log line: enough to read, too short to carry a mail or a request. */
const MAX_MESSAGE = 500;
const MAX_FRAMES = 15;
const MAX_CAUSES = 5;

/**
 * pino's serializer for `err`/`error` (issue 8, item 9): what went wrong and where, never what
 * the error carries. pino's standard serializer copies every enumerable property, so a drizzle
 * or postgres.js error logged with it writes the SQL and all its parameters (a 1 MB id made
 * 2 MB of log). Here database errors are reduced to their SQLSTATE and PostgreSQL's words
 * without values (db/database-error.ts), other errors to type, code, a capped message and the
 * stack frames (the first stack line repeats the message), and causes likewise.
 */
export function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: capped(String(error)) };
  const frames = framesOf(error);
  if (isDatabaseError(error)) return { type: 'DatabaseError', ...databaseErrorFacts(error), stack: frames };
  const facts = error as unknown as Record<string, unknown>;
  const serialized: Record<string, unknown> = { type: error.constructor.name, message: capped(error.message), stack: frames };
  for (const key of ['code', 'field', 'command'] as const)
    if (typeof facts[key] === 'string' || typeof facts[key] === 'number') serialized[key] = capped(String(facts[key]));
  if (error.cause !== undefined && depth < MAX_CAUSES) serialized.cause = serializeError(error.cause, depth + 1);
  return serialized;
}

function capped(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}… (${text.length} characters)` : text;
}

function framesOf(error: Error): string | undefined {
  const lines = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return lines.length ? lines.slice(0, MAX_FRAMES).join('\n') : undefined;
}
