import 'server-only';
import type { Db } from '../../db/client.ts';
import { findOutboxMessage, listOutboxAttachments } from '../../db/queries/outbox.ts';
import { insertUpload, uploadedBytes, type UploadInfo } from '../../db/queries/uploads.ts';
import { isUuid } from '../../db/is-uuid.ts';
import type { OutboxArchive } from '../../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { MAX_PENDING_UPLOAD_BYTES } from './outbox-limits.ts';

/** An outbox message turned back into the composer's fields (editOutboxMessage). */
export interface OutboxEdit {
  outboxId: string;
  accountId: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  html: string | null;
  /** The message answered: sending the edit takes In-Reply-To and References from it again. */
  replyToMessageId: string | null;
  /** The In-Reply-To the message had (shown; kept by replyToMessageId). */
  inReplyTo: string | null;
  /** The message's files (a forward's carried files included) as new uploads of the viewer. */
  attachments: UploadInfo[];
  /** Send and archive as the message had it: the edit is archived likewise unless switched off. */
  archive: OutboxArchive | null;
}

/**
 * Opens a message of the viewer's outbox for editing (issue 11: a refused message is edited and
 * sent again, with its files and in its thread). Only one that is not on its way: failed,
 * uncertain, cancelled or sent. Its files are copied into new uploads, within the per-user upload
 * bound, because sending the edit takes uploads and the old message keeps its own until the new
 * one is accepted and the old one discarded. A forward's files are among them, so the edit is sent
 * without forwardMessageId (they would go twice).
 */
export async function editOutboxMessage(db: Db, userId: string, id: string): Promise<OutboxEdit> {
  const row = isUuid(id) ? await findOutboxMessage(db, id) : null;
  if (!row || row.userId !== userId) throw new AppError('NOT_FOUND', { field: 'id', message: 'No such outbox message.' });
  if (row.state === 'queued' || row.state === 'sending') throw new AppError('SEND_TOO_LATE', { field: 'id' });
  const files = await listOutboxAttachments(db, row.id);
  const total = files.reduce((sum, f) => sum + f.content.length, 0);
  if ((await uploadedBytes(db, userId)) + total > MAX_PENDING_UPLOAD_BYTES)
    throw new AppError('ATTACHMENT_TOO_LARGE', { field: 'id' });
  const attachments: UploadInfo[] = [];
  for (const f of files)
    attachments.push(await insertUpload(db, { userId, filename: f.filename, contentType: f.contentType, content: f.content }));
  const { draft } = row;
  return {
    outboxId: row.id,
    accountId: row.accountId,
    to: draft.to,
    cc: draft.cc,
    bcc: draft.bcc,
    subject: draft.subject,
    text: draft.text,
    html: draft.html,
    replyToMessageId: draft.replyToMessageId ?? null,
    inReplyTo: draft.inReplyTo,
    attachments,
    archive: row.archive,
  };
}
