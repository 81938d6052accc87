import { GraphQLError } from 'graphql';
import { isAppError } from '../lib/errors.ts';

/**
 * AppError → a GraphQL error whose `extensions.code` is the code from lib/errors.ts and
 * `extensions.field` the input it concerns. Anything else is logged and hidden behind INTERNAL:
 * stack traces and SQL never reach a client.
 */
export function toGraphQLError(error: unknown): GraphQLError {
  if (isAppError(error)) {
    return new GraphQLError(error.message, {
      extensions: {
        code: error.code,
        ...(error.field ? { field: error.field } : {}),
        ...(error.details ? { details: error.details } : {}),
      },
    });
  }
  console.error('[graphql] unexpected error:', error);
  return new GraphQLError('Something went wrong on our side.', { extensions: { code: 'INTERNAL' } });
}
