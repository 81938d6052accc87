'use client';
import type { MessageDetail } from './message-detail-query';
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
              <svg
                aria-hidden="true"
                width="16"
                height="16"
                viewBox="0 0 24 24"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
              >
                <path d="m21.44 11.05-9.19 9.19a6 6 0 0 1-8.49-8.49l8.57-8.57A4 4 0 1 1 18 8.84l-8.59 8.57a2 2 0 0 1-2.83-2.83l8.49-8.48" />
              </svg>
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
