import 'server-only';
import type { Db } from '../../db/client.ts';
import { findOwnedDraft, listDraftFiles, pointDraftAtUploads } from '../../db/queries/drafts.ts';
import { insertUpload, uploadedBytes } from '../../db/queries/uploads.ts';
import { isUuid } from '../../db/is-uuid.ts';
import { AppError } from '../errors.ts';
import { MAX_PENDING_UPLOAD_BYTES } from '../outbox/outbox-limits.ts';
import type { DraftContent } from './draft-from-message.ts';

/**
 * One of the viewer's saved drafts as the composer opens it (after Undo send, a reload, another
 * browser): its fields and Send-and-archive intent as saved, its files as new uploads — inline images apart, under their
 * Content-IDs, the HTML still naming them `cid:` — within the per-user upload bound. The draft's
 * lists of upload ids are pointed at those uploads, so the next save sees its files unchanged.
 */
export async function resumeDraft(db: Db, userId: string, id: string): Promise<DraftContent> {
  const draft = isUuid(id) ? await findOwnedDraft(db, userId, id) : undefined;
  if (!draft) throw new AppError('NOT_FOUND', { field: 'id', message: 'No such draft.' });
  const files = await listDraftFiles(db, draft.id);
  const total = files.reduce((sum, f) => sum + f.content.length, 0);
  if ((await uploadedBytes(db, userId)) + total > MAX_PENDING_UPLOAD_BYTES)
    throw new AppError('ATTACHMENT_TOO_LARGE', { field: 'id' });
  const content: DraftContent = {
    accountId: draft.accountId,
    draftId: draft.id,
    to: draft.fields.to,
    cc: draft.fields.cc,
    bcc: draft.fields.bcc,
    subject: draft.fields.subject,
    text: draft.fields.text,
    html: draft.fields.html,
    attachments: [],
    inlineImages: [],
    archive: draft.archive,
  };
  for (const file of files) {
    const upload = await insertUpload(db, {
      userId,
      filename: file.filename,
      contentType: file.contentType,
      content: file.content,
    });
    if (file.contentId) content.inlineImages.push({ contentId: file.contentId, upload });
    else content.attachments.push(upload);
  }
  await pointDraftAtUploads(db, draft.id, {
    attachmentIds: content.attachments.map((a) => a.id),
    inlineImages: content.inlineImages.map((i) => ({ uploadId: i.upload.id, contentId: i.contentId })),
  });
  return content;
}
