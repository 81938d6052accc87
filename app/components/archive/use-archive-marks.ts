'use client';
import { skipToken, useQuery, useSubscription } from '@apollo/client/react';
import { useMemo } from 'react';
import { ARCHIVE_CHANGED, MESSAGE_ARCHIVE_MARKS, type ArchiveMark } from './archive-queries';

/** The most ids one messageArchiveMarks query takes (MAX_STATUS_MESSAGES on the server). @default 500 */
const MAX_MARK_IDS = 500;

/**
 * The archive marks of these messages, by id, kept live: any archive change in the tenant that
 * the viewer may see (the archiveChanged subscription: this tab, another tab, a colleague
 * archiving a copy) refetches them. The dialog refetches too, so this tab does not wait for the
 * round trip over the socket.
 */
export function useArchiveMarks(messageIds: readonly string[]): Map<string, ArchiveMark> {
  const ids = useMemo(() => messageIds.slice(0, MAX_MARK_IDS), [messageIds]);
  const query = useQuery(MESSAGE_ARCHIVE_MARKS, ids.length ? { variables: { messageIds: ids } } : skipToken);
  useSubscription(ARCHIVE_CHANGED, {
    variables: {},
    skip: !ids.length,
    onData: () => void query.refetch(),
  });
  const marks = query.data?.messageArchiveMarks;
  return useMemo(() => new Map((marks ?? []).map((m) => [m.messageId, m])), [marks]);
}
