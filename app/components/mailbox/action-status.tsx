'use client';
import { useMutation } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import { errorInfo, type ErrorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import { MOVE_MESSAGES } from './message-action-mutations';
import type { FolderChoice } from './message-toolbar';
import { useFolderName } from './use-folder-name';
import type { RemovedNotice } from './use-message-actions';

/** What the status line shows: the last removal (with Undo) or a failed action. */
export type ActionStatusView =
  { type: 'removed'; notice: RemovedNotice } | { type: 'failed'; problem: ErrorInfo } | { type: 'undone'; count: number };

/**
 * The line under the list after the reader closed on a move, delete or spam: what happened and
 * "Undo", which moves the message back to the folder it came from (a delete from Trash was for
 * good: no Undo). A refused action (ACTION_FAILED, or the request itself) is said here too.
 */
export function ActionStatus({
  status,
  folders,
  onChange,
}: {
  status: ActionStatusView | null;
  folders: FolderChoice[];
  onChange: (next: ActionStatusView | null) => void;
}) {
  const t = useTranslations('actions');
  const errorText = useErrorText();
  const folderName = useFolderName();
  const [move] = useMutation(MOVE_MESSAGES, { refetchQueries: ['FolderMessages'] });
  if (!status) return null;
  if (status.type === 'failed')
    return (
      <p role="alert" className="alert action-status">
        {t('failed', { reason: errorText(status.problem) })}
        <button type="button" className="button" onClick={() => onChange(null)}>
          {t('dismiss')}
        </button>
      </p>
    );
  if (status.type === 'undone')
    return (
      <p role="status" className="action-status">
        {t('undone', { count: status.count })}
      </p>
    );
  const { notice } = status;
  const target = folders.find((f) => f.id === notice.toFolderId);
  const count = notice.messageIds.length;
  const text =
    notice.kind === 'delete'
      ? notice.toFolderId
        ? t('deleted', { count })
        : t('deletedForGood', { count })
      : notice.kind === 'spam'
        ? t('markedSpam', { count })
        : t('moved', { count, folder: target ? folderName(target) : '' });
  const undo = () =>
    move({ variables: { ids: notice.messageIds, folderId: notice.fromFolderId } })
      .then(() => onChange({ type: 'undone', count }))
      .catch((error: unknown) => onChange({ type: 'failed', problem: errorInfo(error) }));
  return (
    <p role="status" className="action-status">
      <span>{text}</span>
      {notice.toFolderId ? (
        <button type="button" className="button" onClick={() => void undo()}>
          {t('undo')}
        </button>
      ) : null}
    </p>
  );
}
