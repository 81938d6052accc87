import { CombinedGraphQLErrors } from '@apollo/client';

/**
 * The messages an archive request could not take yet because their source is still being
 * downloaded (ARCHIVE_SOURCE_NOT_STORED names them in `details.messageIds`); null for any other
 * failure.
 */
export function pendingSourcesOf(error: unknown): string[] | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const ext = error.errors[0]?.extensions as { code?: unknown; details?: { messageIds?: unknown } } | undefined;
  if (ext?.code !== 'ARCHIVE_SOURCE_NOT_STORED' || !Array.isArray(ext.details?.messageIds)) return null;
  return ext.details.messageIds.filter((id): id is string => typeof id === 'string');
}
