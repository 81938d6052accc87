'use client';
import type { MessageDetail } from './message-detail-query';
import { PaperclipIcon } from './paperclip-icon';
import { formatSize } from './reader-format';
import { readerStrings } from './reader-strings';

/**
 * The message's attachments (not its inline parts) as download links: the route answers with
 * `Content-Disposition: attachment`, nosniff and `CSP: sandbox`, so nothing opens on this origin.
 * No preview here: the contract gives attachments a cookie URL only, and previews must come from
 * a signed inline URL (issue 10); a `previewUrl` for raster types is the next step.
 */
export function AttachmentList({ attachments }: { attachments: MessageDetail['attachments'] }) {
  if (!attachments.length) return null;
  return (
    <ul className="attachments" aria-label={readerStrings.attachmentsLabel}>
      {attachments.map((a) => {
        const name = a.filename || readerStrings.unnamedAttachment;
        const size = formatSize(a.size);
        return (
          <li key={a.id}>
            <a href={a.url} download={a.filename ?? true} aria-label={readerStrings.attachmentLabel(name, a.contentType, size)}>
              <PaperclipIcon />
              <span className="attachment-name">{name}</span>
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
