'use client';
import { useMutation } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { errorInfo, type ErrorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import { DELETE_FOLDER } from './folder-mutations';

/**
 * "Delete the folder X?", saying how many messages it holds. Only an empty folder is deleted (IMAP
 * DELETE takes the messages with it on most servers, so the API refuses a full one): with
 * messages in it the question becomes what to do first, and there is nothing to confirm.
 */
export function DeleteFolderConfirm({
  folder,
  label,
  onDeleted,
  onCancel,
}: {
  folder: { id: string; totalCount: number };
  label: string;
  onDeleted: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations('folders');
  const errorText = useErrorText();
  const [remove, { loading }] = useMutation(DELETE_FOLDER);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const empty = folder.totalCount === 0;
  const confirm = () =>
    remove({ variables: { folderId: folder.id } })
      .then(onDeleted)
      .catch((caught: unknown) => setError(errorInfo(caught)));
  return (
    <div role="alertdialog" aria-labelledby={`delete-folder-${folder.id}`} className="confirm">
      <p id={`delete-folder-${folder.id}`}>{t('deleteQuestion', { folder: label, count: folder.totalCount })}</p>
      {error ? (
        <p role="alert" className="field-error">
          {errorText(error)}
        </p>
      ) : null}
      <div className="actions">
        {empty ? (
          <button type="button" className="button danger" onClick={() => void confirm()} disabled={loading} autoFocus>
            {t('deleteConfirm')}
          </button>
        ) : null}
        <button type="button" className="button" onClick={onCancel} autoFocus={!empty}>
          {t('keep')}
        </button>
      </div>
    </div>
  );
}
