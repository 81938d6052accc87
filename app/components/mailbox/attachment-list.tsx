'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import type { MessageDetail } from './message-detail-query';
import { PaperclipIcon } from './paperclip-icon';
import { formatSize } from './reader-format';

/**
 * The message's attachments (not its inline parts) as download links: the route answers with
 * `Content-Disposition: attachment`, nosniff and `CSP: sandbox`, so nothing opens on this origin.
 * Small PNG, JPEG, GIF and WebP images also show a preview from their signed inline URL
 * (`previewUrl`), which the server answers only when the bytes are a raster image (an SVG or HTML
 * part posing as one gets a 415, and its preview is left out).
 */
export function AttachmentList({ attachments }: { attachments: MessageDetail['attachments'] }) {
  const t = useTranslations('reader');
  const format = useFormatter();
  const [broken, setBroken] = useState<ReadonlySet<string>>(new Set());
  if (!attachments.length) return null;
  return (
    <ul className="attachments" aria-label={t('attachmentsLabel')}>
      {attachments.map((a) => {
        const name = a.filename || t('unnamedAttachment');
        const size = formatSize(a.size, format);
        return (
          <li key={a.id}>
            {a.previewUrl && !broken.has(a.id) ? (
              <img
                className="attachment-preview"
                src={a.previewUrl}
                alt={t('previewOf', { name })}
                loading="lazy"
                referrerPolicy="no-referrer"
                onError={() => setBroken(new Set(broken).add(a.id))}
              />
            ) : null}
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
