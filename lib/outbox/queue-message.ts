import 'server-only';
import { simpleParser } from 'mailparser';
import type { Db } from '../../db/client.ts';
import { findUserMailAccount } from '../../db/queries/mail-accounts.ts';
import { enqueueOutboxMessage, type QueuedAttachment } from '../../db/queries/outbox.ts';
import { isUuid } from '../../db/is-uuid.ts';
import { findReplyContext } from '../../db/queries/reply-context.ts';
import { deleteUploads, findOwnedUploads } from '../../db/queries/uploads.ts';
import type { OutboxMessage } from '../../db/schema/index.ts';
import { senderArchiveIntent, type ArchiveOnSend } from '../archive/archive-on-send.ts';
import { attachmentLimit } from '../compose/attachment-limit.ts';
import { splitAddresses } from '../compose/parse-mailto.ts';
import { AppError } from '../errors.ts';
import type { EventBus } from '../events/event-bus.ts';
import { newMessageId } from '../mail/mime/compose-message.ts';
import { rasterImageType } from '../mail/mime/raster-image-type.ts';
import { safeAttachmentName } from '../mail/mime/safe-attachment-name.ts';
import { databaseSourceStore } from '../message-store/source-store.ts';
import { OUTBOX_WAKE_TOPIC, outboxTopic, type OutboxChanged } from './outbox-events.ts';
import { MAX_SCHEDULE_AHEAD_MS, MAX_UNDO_SECONDS } from './outbox-limits.ts';

/** What the composer (or an integrator) asks to send; see graphql/outbox.ts for the field limits. */
export interface ComposeRequest {
  accountId: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  html: string | null;
  replyToMessageId: string | null;
  forwardMessageId: string | null;
  forwardAsAttachment: boolean;
  attachmentIds: string[];
  /** Images the HTML shows as `cid:<contentId>` (pasted or dropped into the text): uploads sent as related parts. */
  inlineImages?: Array<{ uploadId: string; contentId: string }>;
  /** The draft this was written in: removed once the server accepted the message (lib/drafts/after-sent.ts). */
  draftId?: string | null;
  /** Send and archive (issue 12): archived to these CRM rows once the server accepted it. */
  archive?: ArchiveOnSend | null;
}

/**
 * Queues a message for sending (issue 11): checks everything that can be checked before any
 * SMTP traffic — the account is the viewer's, every recipient is an address, at least one, the
 * attachments are the viewer's uploads and within 25 MiB together, or less when the account's
 * SMTP server announced a smaller SIZE (RFC 1870) — fixes the Message-ID, takes
 * the thread headers from the answered message and the forwarded message's source or files, and
 * stores it all in one transaction (durable intent). The uploads it used are removed. Then the
 * senders in every process are woken; the message goes when `sendAt` (scheduled send, or now plus
 * the undo delay) has come.
 */
export async function queueMessage(
  deps: { db: Db; bus: EventBus },
  viewer: { userId: string; name: string; tenantId?: string },
  request: ComposeRequest,
  when: { sendAt?: Date | null; undoSeconds?: number | null; now?: Date } = {},
): Promise<OutboxMessage> {
  const { db, bus } = deps;
  const now = when.now ?? new Date();
  const account = await findUserMailAccount(db, viewer.userId, request.accountId);
  if (!account) throw new AppError('NOT_FOUND', { field: 'accountId', message: 'No such mail account.' });
  const to = recipients(request.to, 'to');
  const cc = recipients(request.cc, 'cc');
  const bcc = recipients(request.bcc, 'bcc');
  if (!to.length && !cc.length && !bcc.length) throw new AppError('SEND_NO_RECIPIENTS', { field: 'to' });
  if (request.draftId && !isUuid(request.draftId))
    throw new AppError('NOT_FOUND', { field: 'draftId', message: 'No such draft.' });
  const undo = Math.min(MAX_UNDO_SECONDS, Math.max(0, Math.floor(when.undoSeconds ?? 0)));
  const sendAt = when.sendAt ?? new Date(now.getTime() + undo * 1000);
  if (sendAt.getTime() - now.getTime() > MAX_SCHEDULE_AHEAD_MS)
    throw new AppError('BAD_USER_INPUT', { field: 'sendAt', message: 'A message can be scheduled at most a year ahead.' });

  const archive = await senderArchiveIntent(db, viewer, request.archive);

  let inReplyTo: string | null = null;
  let references: string[] = [];
  if (request.replyToMessageId) {
    const original = await findReplyContext(db, viewer.userId, request.replyToMessageId);
    if (!original) throw new AppError('NOT_FOUND', { field: 'replyToMessageId', message: 'No such message.' });
    // RFC 5322 §3.6.4: the parent's References (or its In-Reply-To) followed by its Message-ID.
    if (original.messageIdHeader) inReplyTo = bracket(original.messageIdHeader);
    references = original.references.map(bracket);
  }

  const attachments: QueuedAttachment[] = [];
  if (request.forwardMessageId) attachments.push(...(await forwarded(db, viewer.userId, request)));
  const uploads = await findOwnedUploads(db, viewer.userId, request.attachmentIds);
  if (uploads.length !== new Set(request.attachmentIds).size)
    throw new AppError('NOT_FOUND', { field: 'attachmentIds', message: 'No such upload.' });
  for (const u of uploads)
    attachments.push({ filename: u.filename, contentType: u.contentType, contentId: null, content: u.content });
  attachments.push(...(await inlineImages(db, viewer.userId, request.inlineImages ?? [])));
  // 25 MiB, or what the account's SMTP server said it takes (RFC 1870 SIZE, base64 counted).
  const limit = attachmentLimit(account.smtpMaxSize);
  if (attachments.reduce((sum, a) => sum + a.content.length, 0) > limit)
    throw new AppError('ATTACHMENT_TOO_LARGE', { field: 'attachmentIds', details: { limit } });

  const row = await enqueueOutboxMessage(db, {
    accountId: account.id,
    userId: viewer.userId,
    messageId: newMessageId(account.email),
    sendAt,
    attachments,
    archive,
    draft: {
      fromName: viewer.name || null,
      to,
      cc,
      bcc,
      subject: request.subject.replace(/[\r\n]+/g, ' '),
      text: request.text,
      html: request.html,
      inReplyTo,
      references,
      replyToMessageId: request.replyToMessageId,
      draftId: request.draftId ?? null,
    },
  });
  // Stored: from here on nothing may fail the request. A lost wake-up costs the sender's poll.
  const used = [...request.attachmentIds, ...(request.inlineImages ?? []).map((i) => i.uploadId)];
  await deleteUploads(db, viewer.userId, used).catch(() => {});
  await bus.publish(OUTBOX_WAKE_TOPIC, { outboxId: row.id }).catch(() => {});
  await bus.publish<OutboxChanged>(outboxTopic(viewer.userId), { outboxId: row.id, state: row.state }).catch(() => {});
  return row;
}

function recipients(list: string[], field: 'to' | 'cc' | 'bcc'): string[] {
  const out: string[] = [];
  for (const entry of splitAddresses(list.join(','))) {
    if ('invalid' in entry) throw new AppError('SEND_INVALID_RECIPIENT', { field, details: { value: entry.invalid } });
    out.push(entry.address);
  }
  return out;
}

/** A Content-ID (RFC 2392) as the composer makes them: `<random>@inline`, no brackets, nothing to escape. */
const CONTENT_ID = /^[A-Za-z0-9._-]{1,64}@[A-Za-z0-9.-]{1,64}$/;

/** Each inline image has its own Content-ID of the composer's form (sendMessage and saveDraft alike). */
export function checkInlineContentIds(images: ReadonlyArray<{ contentId: string }>): void {
  if (new Set(images.map((i) => i.contentId)).size !== images.length)
    throw new AppError('BAD_USER_INPUT', { field: 'inlineImages', message: 'Each inline image needs its own contentId.' });
  if (images.some((i) => !CONTENT_ID.test(i.contentId)))
    throw new AppError('BAD_USER_INPUT', { field: 'inlineImages', message: 'A contentId is local@domain, letters and digits.' });
}

/**
 * The uploads the HTML shows inline, as related parts with their Content-ID (multipart/related,
 * RFC 2387, built by compose-message). Only raster images, told by their bytes: anything else
 * would be rendered by the recipient's client without a click.
 */
async function inlineImages(
  db: Db,
  userId: string,
  images: NonNullable<ComposeRequest['inlineImages']>,
): Promise<QueuedAttachment[]> {
  checkInlineContentIds(images);
  const ids = images.map((i) => i.uploadId);
  const uploads = await findOwnedUploads(db, userId, ids);
  if (uploads.length !== new Set(ids).size)
    throw new AppError('NOT_FOUND', { field: 'inlineImages', message: 'No such upload.' });
  const byId = new Map(uploads.map((u) => [u.id, u]));
  return images.map((image) => {
    const upload = byId.get(image.uploadId)!;
    const contentType = rasterImageType(upload.content);
    if (!contentType)
      throw new AppError('BAD_USER_INPUT', {
        field: 'inlineImages',
        message: 'Only PNG, JPEG, GIF and WebP images can be inline.',
      });
    return { filename: upload.filename, contentType, contentId: image.contentId, content: upload.content };
  });
}

function bracket(id: string): string {
  return id.startsWith('<') ? id : `<${id}>`;
}

/**
 * A forward's attachments from the original's stored source: the whole message as `.eml`
 * (message/rfc822, RFC 2046 §5.2.1), or the original's own attachments (its inline images
 * stay behind with the quoted text, which the composer already holds).
 */
async function forwarded(db: Db, userId: string, request: ComposeRequest): Promise<QueuedAttachment[]> {
  const original = await findReplyContext(db, userId, request.forwardMessageId!);
  if (!original) throw new AppError('NOT_FOUND', { field: 'forwardMessageId', message: 'No such message.' });
  const source = await databaseSourceStore.get(db, original.id);
  if (!source) throw new AppError('NOT_FOUND', { field: 'forwardMessageId', message: 'The message is still being downloaded.' });
  if (request.forwardAsAttachment) {
    const name = safeAttachmentName(`${original.subject || 'message'}.eml`);
    return [{ filename: name, contentType: 'message/rfc822', contentId: null, content: source }];
  }
  const parsed = await simpleParser(source, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
  return parsed.attachments
    .filter((a) => a.contentDisposition !== 'inline' || !a.contentId)
    .map((a) => ({
      filename: safeAttachmentName(a.filename ?? 'attachment'),
      contentType: a.contentType || 'application/octet-stream',
      contentId: null,
      content: a.content,
    }));
}
