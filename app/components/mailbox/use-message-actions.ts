'use client';
import type { ApolloCache } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { errorInfo, type ErrorInfo } from '../../client/error-message';
import {
  DELETE_MESSAGES,
  FLAG_MESSAGES,
  MARK_MESSAGES,
  MARK_SPAM,
  MOVE_MESSAGES,
  type ActionReceipt,
} from './message-action-mutations';

/** A message taken out of its folder by the reader: what the status line says and Undo needs. */
export interface RemovedNotice {
  kind: 'move' | 'delete' | 'spam';
  messageIds: string[];
  /** Where it was: Undo moves it back here. */
  fromFolderId: string;
  /** Where it went; null when it was deleted for good (it was in Trash): nothing to undo. */
  toFolderId: string | null;
}

interface ActedOn {
  id: string;
  folderId: string;
  seen: boolean;
  flagged: boolean;
}

/** The list query the overview shows: refetched after a removal so the row goes at once. */
const LIST_QUERY = 'FolderMessages';

/**
 * The reader's actions on one message. Seen and flagged change in the Apollo cache at once
 * (optimisticResponse: the list row, normalized as MessageSummary, and the reader's
 * MessageDetail), and are rolled back by Apollo if the request fails; the server stores the
 * action and the sync carries it out (STYLE.md rule 15). Move, delete and spam wait for the
 * receipt (a local write, quick) because whether a delete can be undone depends on it.
 */
export function useMessageActions(
  message: ActedOn,
  handlers: { onRemoved: (notice: RemovedNotice) => void; onError: (problem: ErrorInfo) => void },
) {
  const [mark] = useMutation(MARK_MESSAGES);
  const [flag] = useMutation(FLAG_MESSAGES);
  const [move] = useMutation(MOVE_MESSAGES, { refetchQueries: [LIST_QUERY] });
  const [remove] = useMutation(DELETE_MESSAGES, { refetchQueries: [LIST_QUERY] });
  const [spam] = useMutation(MARK_SPAM, { refetchQueries: [LIST_QUERY] });
  const { id, folderId, seen, flagged } = message;
  const { onRemoved, onError } = handlers;

  const optimistic = (next: { seen: boolean; flagged: boolean }): ActionReceipt => ({
    __typename: 'MailActionReceipt',
    actions: [],
    messages: [{ __typename: 'MessageSummary', id, ...next }],
  });

  const setSeen = useCallback(
    (value: boolean) =>
      mark({
        variables: { ids: [id], seen: value },
        optimisticResponse: { markMessages: optimistic({ seen: value, flagged }) },
        update: (cache, { data }) => copyToDetail(cache, data?.markMessages),
      }).catch((error: unknown) => onError(errorInfo(error))),
    [mark, id, flagged, onError],
  );

  const setFlagged = useCallback(
    (value: boolean) =>
      flag({
        variables: { ids: [id], flagged: value },
        optimisticResponse: { flagMessages: optimistic({ seen, flagged: value }) },
        update: (cache, { data }) => copyToDetail(cache, data?.flagMessages),
      }).catch((error: unknown) => onError(errorInfo(error))),
    [flag, id, seen, onError],
  );

  const removed = (kind: RemovedNotice['kind'], receipt: ActionReceipt | undefined) => {
    if (!receipt) return;
    const target = receipt.actions[0]?.targetFolderId ?? null;
    onRemoved({ kind, messageIds: [id], fromFolderId: folderId, toFolderId: target });
  };

  return {
    setSeen,
    setFlagged,
    moveTo: (targetFolderId: string) =>
      move({ variables: { ids: [id], folderId: targetFolderId } })
        .then(({ data }) => removed('move', data?.moveMessages))
        .catch((error: unknown) => onError(errorInfo(error))),
    delete: () =>
      remove({ variables: { ids: [id] } })
        .then(({ data }) => removed('delete', data?.deleteMessages))
        .catch((error: unknown) => onError(errorInfo(error))),
    markSpam: () =>
      spam({ variables: { ids: [id] } })
        .then(({ data }) => removed('spam', data?.markSpam))
        .catch((error: unknown) => onError(errorInfo(error))),
  };
}

/** The reader's own copy (MessageDetail, another type with the same id) follows the list row. */
function copyToDetail(cache: ApolloCache, receipt: ActionReceipt | undefined): void {
  for (const m of receipt?.messages ?? []) {
    cache.modify({
      id: cache.identify({ __typename: 'MessageDetail', id: m.id }),
      fields: { seen: () => m.seen, flagged: () => m.flagged },
    });
  }
}
