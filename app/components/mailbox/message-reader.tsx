'use client';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import type { ErrorInfo } from '../../client/error-message';
import { AttachmentList } from './attachment-list';
import { MailHtmlFrame } from './mail-html-frame';
import type { MessageDetail } from './message-detail-query';
import { MessageHeaders } from './message-headers';
import { MessageToolbar, type FolderChoice } from './message-toolbar';
import { PlainTextBody } from './plain-text-body';
import type { RemovedNotice } from './use-message-actions';

/**
 * One message: headers, attachments, "Download .eml", the body. Remote images stay hidden until
 * the user clicks "Show images" for this message (a per-sender "always" is a later step: it needs
 * a stored preference). The toolbar above the headers acts on it (and marks it read on open).
 */
export function MessageReader({
  message,
  actions,
}: {
  message: MessageDetail;
  /** Without it (the test harness's made-up messages) there is no toolbar and nothing is marked. */
  actions?: { folders: FolderChoice[]; onRemoved: (notice: RemovedNotice) => void; onError: (problem: ErrorInfo) => void };
}) {
  const t = useTranslations('reader');
  const [shownFor, setShownFor] = useState<string | null>(null);
  const showRemote = shownFor === message.id;
  const appOrigin = typeof window === 'undefined' ? '' : window.location.origin;
  const resources = useMemo(
    () => ({ inlineImages: message.inlineImages, remoteImages: message.remoteImages, showRemote, appOrigin }),
    [message.inlineImages, message.remoteImages, showRemote, appOrigin],
  );
  return (
    <article className="reader" aria-label={t('label')}>
      {actions ? <MessageToolbar message={message} {...actions} /> : null}
      <MessageHeaders message={message} />
      <div className="reader-tools">
        <AttachmentList attachments={message.attachments} />
        {message.sourceUrl ? (
          <a className="button" href={message.sourceUrl} download>
            {t('downloadEml')}
          </a>
        ) : null}
      </div>
      {message.parseError ? (
        <p className="alert" role="status">
          {t('parseError', { detail: message.parseError })}
        </p>
      ) : null}
      {message.html && message.remoteImages.length > 0 && !showRemote ? (
        <p className="remote-images-bar" role="status">
          <span>{t('remoteHidden')}</span>
          <button type="button" className="button" onClick={() => setShownFor(message.id)}>
            {t('showImages')}
          </button>
        </p>
      ) : null}
      {message.html ? (
        <MailHtmlFrame html={message.html} resources={resources} />
      ) : message.text ? (
        <PlainTextBody text={message.text} />
      ) : (
        <p className="muted">{t('noBody')}</p>
      )}
    </article>
  );
}
