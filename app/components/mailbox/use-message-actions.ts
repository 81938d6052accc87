'use client';
import { useMemo } from 'react';
import { useMailActions, type MailActionHandlers } from './use-mail-actions';

export type { RemovedNotice } from './use-mail-actions';

/** The reader's actions on the one open message: useMailActions with that message as the list. */
export function useMessageActions(
  message: { id: string; folderId: string; seen: boolean; flagged: boolean },
  handlers: MailActionHandlers,
) {
  const actions = useMailActions(handlers);
  const { id, folderId, seen, flagged } = message;
  return useMemo(
    () => ({
      setSeen: (value: boolean) => actions.setSeen([{ id, seen, flagged }], value),
      setFlagged: (value: boolean) => actions.setFlagged([{ id, seen, flagged }], value),
      moveTo: (targetFolderId: string) => actions.moveTo([id], folderId, targetFolderId),
      delete: () => actions.delete([id], folderId),
      markSpam: () => actions.markSpam([id], folderId),
    }),
    [actions, id, folderId, seen, flagged],
  );
}
