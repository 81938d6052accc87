import { errorDetails, errorInfo } from '../../client/error-message';

/**
 * The messages an archive request could not take yet because their source is still being
 * downloaded (ARCHIVE_SOURCE_NOT_STORED names them in `details.messageIds`); null for any other
 * failure.
 */
export function pendingSourcesOf(error: unknown): string[] | null {
  if (errorInfo(error).code !== 'ARCHIVE_SOURCE_NOT_STORED') return null;
  const ids = errorDetails(error)?.messageIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : null;
}
