'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useRef } from 'react';
import type { useAttachments } from './use-attachments';

/** Attach files (a picker), and the list of attachments with size, upload progress and Remove. */
export function AttachmentField({ attachments }: { attachments: ReturnType<typeof useAttachments> }) {
  const t = useTranslations('compose');
  const format = useFormatter();
  const picker = useRef<HTMLInputElement>(null);
  const size = (bytes: number) => format.number(bytes / 1024 / 1024, { maximumFractionDigits: 1 });
  // Images in the text are shown there once uploaded; listed while uploading (progress) or when
  // the upload failed (to remove it).
  const listed = attachments.items.filter((item) => !item.inline || item.failure || !item.uploaded);
  return (
    <div className="compose-attachments">
      <input
        ref={picker}
        type="file"
        multiple
        hidden
        onChange={(e) => {
          attachments.add(Array.from(e.target.files ?? []));
          e.target.value = '';
        }}
      />
      <button type="button" className="button" onClick={() => picker.current?.click()}>
        {t('attach')}
      </button>
      <span className="muted">{t('attachHint', { limit: size(attachments.limit) })}</span>
      {attachments.refused.length ? (
        <p role="alert" className="field-error">
          {t('tooLarge', { files: attachments.refused.join(', '), limit: size(attachments.limit) })}
        </p>
      ) : null}
      {listed.length ? (
        <ul className="compose-attachment-list" aria-label={t('attachments')}>
          {listed.map((item) => (
            <li key={item.key} className={item.failure ? 'invalid' : undefined}>
              <span className="attachment-name">{item.filename}</span>
              <span className="muted">{t('sizeMiB', { size: size(item.size) })}</span>
              {item.failure ? (
                <span className="field-error">
                  {t(item.failure === 'ATTACHMENT_TOO_LARGE' ? 'uploadTooLarge' : 'uploadFailed')}
                </span>
              ) : item.uploaded ? null : (
                <progress max={item.size || 1} value={item.sent} aria-label={t('uploading', { name: item.filename })} />
              )}
              <button
                type="button"
                className="button"
                aria-label={t('removeAttachment', { name: item.filename })}
                onClick={() => attachments.remove(item.key)}
              >
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
