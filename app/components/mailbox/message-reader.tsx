'use client';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import type { ErrorInfo } from '../../client/error-message';
import { AttachmentList } from './attachment-list';
import { MailHtmlFrame } from './mail-html-frame';
import type { MessageDetail } from './message-detail-query';
import { ReaderArchiveMark } from '../archive/reader-archive-mark';
import { MessageHeaders } from './message-headers';
import { MessageToolbar, type FolderChoice } from './message-toolbar';
import { PlainTextBody } from './plain-text-body';
import { RemoteImagesBar, TrustedImagesNote } from './remote-images-bar';
import type { RemovedNotice } from './use-message-actions';

/**
 * One message: headers, attachments, "Download .eml", the body. Remote images stay hidden until
 * the user clicks "Show images" for this message, or has chosen "Always show images" for its
 * sender (stored on the server: `imagesTrusted`). The toolbar above the headers acts on it (and
 * marks it read on open).
 */
export function MessageReader({
  message,
  actions,
}: {
  message: MessageDetail;
  /**
   * Without it (the test harness's made-up messages) there is no toolbar, nothing is marked, and
   * no sender is trusted.
   */
  actions?: { folders: FolderChoice[]; onRemoved: (notice: RemovedNotice) => void; onError: (problem: ErrorInfo) => void };
}) {
  const t = useTranslations('reader');
  const [shownFor, setShownFor] = useState<string | null>(null);
  const sender = message.from[0]?.address || null;
  const showRemote = shownFor === message.id || message.imagesTrusted === true;
  const appOrigin = typeof window === 'undefined' ? '' : window.location.origin;
  const resources = useMemo(
    () => ({ inlineImages: message.inlineImages, remoteImages: message.remoteImages, showRemote, appOrigin }),
    [message.inlineImages, message.remoteImages, showRemote, appOrigin],
  );
  return (
    <article className="reader" aria-label={t('label')}>
      {actions ? <MessageToolbar message={message} {...actions} /> : null}
      <MessageHeaders message={message} />
      {actions ? <ReaderArchiveMark messageId={message.id} /> : null}
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
        <RemoteImagesBar sender={actions ? sender : null} onShow={() => setShownFor(message.id)} />
      ) : null}
      {message.html && message.remoteImages.length > 0 && message.imagesTrusted && sender && actions ? (
        <TrustedImagesNote sender={sender} />
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
