import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { databaseErrorFacts, isDatabaseError } from '../db/database-error.ts';
import { ERROR_CODES, isAppError, type ErrorCode } from '../lib/errors.ts';
import { loggerFor } from '../lib/log/logger.ts';

const defaultLog = loggerFor('graphql');

/**
 * AppError → a GraphQL error whose `extensions.code` is the code from lib/errors.ts and
 * `extensions.field` the input it concerns. Anything else is logged (with the request's logger,
 * so with its request id) and hidden: a database error becomes DATABASE_UNREACHABLE when the
 * connection is gone, anything else INTERNAL. Stack traces, SQL and its parameters never reach
 * a client, nor the log (lib/log/serialize-error.ts).
 */
export function toGraphQLError(error: unknown, log: Logger = defaultLog): GraphQLError {
  if (isAppError(error)) {
    if (error.code === 'INTERNAL') log.error({ err: error }, 'internal error');
    return new GraphQLError(error.message, {
      extensions: {
        code: error.code,
        ...(error.field ? { field: error.field } : {}),
        ...(error.details ? { details: error.details } : {}),
      },
    });
  }
  if (isDatabaseError(error)) {
    const code = databaseErrorFacts(error).unreachable ? 'DATABASE_UNREACHABLE' : 'INTERNAL';
    log.error({ err: error }, code === 'INTERNAL' ? 'database error' : 'database unreachable');
    return errorFor(code);
  }
  log.error({ err: error }, 'unexpected error');
  return errorFor('INTERNAL');
}

function errorFor(code: ErrorCode): GraphQLError {
  return new GraphQLError(ERROR_CODES[code].userMessage, { extensions: { code } });
}

/** The one error shape for answers outside GraphQL execution (body too large, not JSON…). */
export function errorBody(code: ErrorCode, message: string = ERROR_CODES[code].userMessage) {
  return { errors: [{ message, extensions: { code } }] };
}

/**
 * An execution error whose cause was thrown below the root guards (a nested field's resolver)
 * has not been through toGraphQLError yet: mask it the same way, keeping its path.
 */
export function maskError(error: GraphQLError, log: Logger = defaultLog): GraphQLError {
  const original = error.originalError;
  if (!original || original instanceof GraphQLError) return error;
  const safe = toGraphQLError(original, log);
  return new GraphQLError(safe.message, { nodes: error.nodes, path: error.path, extensions: safe.extensions });
}
