import 'server-only';
import { createHash } from 'node:crypto';
import { findArchivableMessages } from '../../db/queries/archivable-messages.ts';
import { findUserAttachment } from '../../db/queries/attachment-download.ts';
import { storeArchive, type NewArchivedDocument } from '../../db/queries/archive-store.ts';
import { AppError } from '../errors.ts';
import { readAttachmentBytes } from '../message-store/read-attachment-bytes.ts';
import type { ArchiveDeps } from './archive-deps.ts';
import { publishArchiveChanged } from './archive-events.ts';
import type { ArchiveResult } from './archive-messages.ts';
import {
  MAX_ARCHIVE_ATTACHMENTS,
  normalizeArchiveRequest,
  type ArchiveOptions,
  type ArchiveTarget,
  type ArchiveViewer,
} from './archive-target.ts';
import { requireTargets } from './require-targets.ts';

/**
 * Archives single attachments of one of the viewer's messages: each its decoded bytes (as the
 * download serves them: readAttachmentBytes), with the message's subject, addresses and date so
 * the timeline says where it came from. Idempotent like archiveMessages (by the bytes' SHA-256).
 * An attachment that is not of this message is NOT_FOUND.
 */
export async function archiveAttachments(
  deps: ArchiveDeps,
  viewer: ArchiveViewer,
  messageId: string,
  attachmentIds: readonly string[],
  targets: readonly ArchiveTarget[],
  options: ArchiveOptions = {},
): Promise<ArchiveResult> {
  const request = normalizeArchiveRequest(targets, options);
  const ids = [...new Set(attachmentIds)];
  if (!ids.length) throw new AppError('BAD_USER_INPUT', { field: 'attachmentIds', message: 'Choose at least one attachment.' });
  if (ids.length > MAX_ARCHIVE_ATTACHMENTS)
    throw new AppError('BAD_USER_INPUT', {
      field: 'attachmentIds',
      message: `At most ${MAX_ARCHIVE_ATTACHMENTS} attachments at once.`,
    });
  const { db } = deps;
  const named = await requireTargets(db, viewer.tenantId, request.targets);
  const [message] = await findArchivableMessages(db, viewer.userId, [messageId]);
  if (!message) throw new AppError('NOT_FOUND', { field: 'messageId', message: 'No such message.' });

  const items: NewArchivedDocument[] = [];
  for (const id of ids) {
    const attachment = await findUserAttachment(db, viewer.userId, id);
    if (!attachment || attachment.messageId !== message.id)
      throw new AppError('NOT_FOUND', { field: 'attachmentIds', message: 'No such attachment in this message.' });
    const bytes = await readAttachmentBytes(db, attachment, deps.sources);
    items.push({
      kind: 'attachment',
      bytes,
      hash: createHash('sha256').update(bytes).digest('hex'),
      sourceMessageId: message.id,
      messageIdHeader: message.messageIdHeader,
      subject: message.subject,
      from: message.from,
      to: message.to,
      cc: message.cc,
      datedAt: message.sentAt ?? message.internalDate,
      filename: attachment.filename,
      contentType: attachment.contentType,
      // Search finds it by its name and the message's fields; its content is not extracted.
      text: '',
    });
  }
  const stored = await db.transaction((tx) => storeArchive(tx, viewer, items, request.targets, request));
  const documentIds = stored.documents.map((d) => d.id);
  await publishArchiveChanged(deps.bus, viewer.tenantId, {
    change: 'archived',
    targets: request.targets,
    messageIds: [message.id],
    documentIds,
    privateTo: request.visibility === 'private' ? viewer.userId : null,
  });
  return { documentIds, newLinks: stored.newLinks, targets: named };
}
