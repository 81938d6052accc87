'use client';
import { useFormatter, useTranslations } from 'next-intl';
import type { MessageDetail } from './message-detail-query';
import { PaperclipIcon } from './paperclip-icon';
import { formatSize } from './reader-format';

/**
 * The message's attachments (not its inline parts) as download links: the route answers with
 * `Content-Disposition: attachment`, nosniff and `CSP: sandbox`, so nothing opens on this origin.
 * No preview here: the contract gives attachments a cookie URL only, and previews must come from
 * a signed inline URL (issue 10); a `previewUrl` for raster types is the next step.
 */
export function AttachmentList({ attachments }: { attachments: MessageDetail['attachments'] }) {
  const t = useTranslations('reader');
  const format = useFormatter();
  if (!attachments.length) return null;
  return (
    <ul className="attachments" aria-label={t('attachmentsLabel')}>
      {attachments.map((a) => {
        const name = a.filename || t('unnamedAttachment');
        const size = formatSize(a.size, format);
        return (
          <li key={a.id}>
            <a href={a.url} download={a.filename ?? true} aria-label={t('attachmentLabel', { name, type: a.contentType, size })}>
              <PaperclipIcon />
              {/* The spaces keep the visible words apart, as in the name (WCAG 2.5.3, label in name). */}
              <span className="attachment-name">{name}</span>{' '}
              <span className="muted">
                {a.contentType} · {size}
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
