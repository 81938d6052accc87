'use client';
import type { ApolloCache } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useCallback, useMemo } from 'react';
import { errorInfo, type ErrorInfo } from '../../client/error-message';
import {
  DELETE_MESSAGES,
  FLAG_MESSAGES,
  MARK_MESSAGES,
  MARK_SPAM,
  MOVE_MESSAGES,
  type ActionReceipt,
} from './message-action-mutations';

/** The list query the overview shows: refetched after a removal so the rows go at once. */
const LIST_QUERY = 'FolderMessages';

/** Messages taken out of their folder: what the status line says and Undo needs. */
export interface RemovedNotice {
  kind: 'move' | 'delete' | 'spam';
  messageIds: string[];
  /** Where they were: Undo moves them back here. */
  fromFolderId: string;
  /** Where they went; null when they were deleted for good (they were in Trash): nothing to undo. */
  toFolderId: string | null;
}

/** A message as an action needs it: the flags it has now, for the optimistic answer. */
export interface ActedOn {
  id: string;
  seen: boolean;
  flagged: boolean;
}

export interface MailActionHandlers {
  onRemoved: (notice: RemovedNotice) => void;
  onError: (problem: ErrorInfo) => void;
}

/** Each resolves to true when the server took the action, false when it refused (onError was told). */
export interface MailActions {
  setSeen(messages: readonly ActedOn[], value: boolean): Promise<boolean>;
  setFlagged(messages: readonly ActedOn[], value: boolean): Promise<boolean>;
  moveTo(ids: readonly string[], fromFolderId: string, targetFolderId: string): Promise<boolean>;
  delete(ids: readonly string[], fromFolderId: string): Promise<boolean>;
  markSpam(ids: readonly string[], fromFolderId: string): Promise<boolean>;
}

/**
 * The message actions, for one message (the reader) or many (the list's bulk toolbar). Seen and
 * flagged change in the Apollo cache at once (optimisticResponse: MessageSummary rows and the
 * reader's MessageDetail), rolled back by Apollo if the request fails; the server stores the
 * action and the sync carries it out (STYLE.md rule 15). Move, delete and spam wait for the
 * receipt (a local write, quick) because whether a delete can be undone depends on it.
 */
export function useMailActions({ onRemoved, onError }: MailActionHandlers): MailActions {
  const [mark] = useMutation(MARK_MESSAGES);
  const [flag] = useMutation(FLAG_MESSAGES);
  const [move] = useMutation(MOVE_MESSAGES, { refetchQueries: [LIST_QUERY] });
  const [remove] = useMutation(DELETE_MESSAGES, { refetchQueries: [LIST_QUERY] });
  const [spam] = useMutation(MARK_SPAM, { refetchQueries: [LIST_QUERY] });

  const failed = useCallback(
    (error: unknown) => {
      onError(errorInfo(error));
      return false;
    },
    [onError],
  );

  const setSeen = useCallback(
    (messages: readonly ActedOn[], value: boolean) =>
      mark({
        variables: { ids: messages.map((m) => m.id), seen: value },
        optimisticResponse: { markMessages: optimistic(messages.map((m) => ({ ...m, seen: value }))) },
        update: (cache, { data }) => copyToDetail(cache, data?.markMessages),
      }).then(() => true, failed),
    [mark, failed],
  );

  const setFlagged = useCallback(
    (messages: readonly ActedOn[], value: boolean) =>
      flag({
        variables: { ids: messages.map((m) => m.id), flagged: value },
        optimisticResponse: { flagMessages: optimistic(messages.map((m) => ({ ...m, flagged: value }))) },
        update: (cache, { data }) => copyToDetail(cache, data?.flagMessages),
      }).then(() => true, failed),
    [flag, failed],
  );

  return useMemo(() => {
    const removed = (kind: RemovedNotice['kind'], ids: readonly string[], from: string, receipt?: ActionReceipt) => {
      if (!receipt) return false;
      const target = receipt.actions[0]?.targetFolderId ?? null;
      onRemoved({ kind, messageIds: [...ids], fromFolderId: from, toFolderId: target });
      return true;
    };
    return {
      setSeen,
      setFlagged,
      moveTo: (ids, from, targetFolderId) =>
        move({ variables: { ids: [...ids], folderId: targetFolderId } }).then(
          ({ data }) => removed('move', ids, from, data?.moveMessages),
          failed,
        ),
      delete: (ids, from) =>
        remove({ variables: { ids: [...ids] } }).then(({ data }) => removed('delete', ids, from, data?.deleteMessages), failed),
      markSpam: (ids, from) =>
        spam({ variables: { ids: [...ids] } }).then(({ data }) => removed('spam', ids, from, data?.markSpam), failed),
    };
  }, [setSeen, setFlagged, move, remove, spam, failed, onRemoved]);
}

function optimistic(messages: ActedOn[]): ActionReceipt {
  return {
    __typename: 'MailActionReceipt',
    actions: [],
    messages: messages.map(({ id, seen, flagged }) => ({ __typename: 'MessageSummary', id, seen, flagged })),
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
