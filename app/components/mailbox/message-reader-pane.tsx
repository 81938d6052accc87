'use client';
import { useQuery } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import { errorInfo, type ErrorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import { MESSAGE_DETAIL } from './message-detail-query';
import { MessageReader } from './message-reader';
import type { FolderChoice } from './message-toolbar';
import type { RemovedNotice } from './use-message-actions';

/**
 * The reader pane: loads the selected message; a Back button returns to the list (the only pane
 * on a phone). `folders` are the account's, for Move to…; after a move, delete or spam the
 * overview closes the pane (onRemoved) and shows the status line with Undo.
 */
export function MessageReaderPane({
  messageId,
  folders,
  onBack,
  onRemoved,
  onError,
}: {
  messageId: string;
  folders: FolderChoice[];
  onBack: () => void;
  onRemoved: (notice: RemovedNotice) => void;
  onError: (problem: ErrorInfo) => void;
}) {
  const t = useTranslations('reader');
  const errorText = useErrorText();
  const { data, error, loading } = useQuery(MESSAGE_DETAIL, { variables: { id: messageId } });
  return (
    <section className="reader-pane" aria-label={t('paneLabel')}>
      <button type="button" className="button reader-back" onClick={onBack}>
        <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="m15 18-6-6 6-6" />
        </svg>
        {t('back')}
      </button>
      {error ? (
        <p role="alert" className="alert">
          {t('loadFailed', { reason: errorText(errorInfo(error)) })}
        </p>
      ) : loading && !data ? (
        <p className="muted" aria-busy="true">
          {t('loading')}
        </p>
      ) : data?.message ? (
        <MessageReader key={data.message.id} message={data.message} actions={{ folders, onRemoved, onError }} />
      ) : (
        <p className="muted">{t('notFound')}</p>
      )}
    </section>
  );
}
