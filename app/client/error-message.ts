import { CombinedGraphQLErrors } from '@apollo/client';

/** The user-readable message of a GraphQL call's failure (our API's messages are written for people). */
export function errorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) return error.errors[0]?.message ?? 'Something went wrong.';
  if (error instanceof Error && /fetch|network/i.test(error.message))
    return 'Cannot reach the server. Check your connection and try again.';
  return 'Something went wrong. Try again.';
}

/** The field an error is about (`extensions.field`), for putting the message beside it. */
export function errorField(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const field = error.errors[0]?.extensions?.field;
  return typeof field === 'string' ? field : undefined;
}
