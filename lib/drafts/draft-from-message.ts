import 'server-only';
import { and, eq } from 'drizzle-orm';
import { simpleParser, type AddressObject } from 'mailparser';
import type { Db } from '../../db/client.ts';
import { findReplyContext } from '../../db/queries/reply-context.ts';
import { insertUpload, uploadedBytes, type UploadInfo } from '../../db/queries/uploads.ts';
import { adoptDraft, countDrafts, findSpecialFolder, type DraftFile } from '../../db/queries/drafts.ts';
import { drafts, type OutboxArchive } from '../../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { rasterImageType } from '../mail/mime/raster-image-type.ts';
import { safeAttachmentName } from '../mail/mime/safe-attachment-name.ts';
import { databaseSourceStore } from '../message-store/source-store.ts';
import { MAX_PENDING_UPLOAD_BYTES } from '../outbox/outbox-limits.ts';
import { MAX_DRAFTS_PER_USER } from './save-draft.ts';

/** The composer's fields taken from a stored message (draftFromMessage). */
export interface DraftContent {
  accountId: string;
  /**
   * Our draft this message is the server copy of (same Message-ID): saving goes on into it. A
   * draft another client left in Drafts is adopted under its Message-ID, so saving replaces it.
   */
  draftId: string | null;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  html: string | null;
  /** The message's files, uploaded again so the composer can send or save them. */
  attachments: UploadInfo[];
  /** Images the HTML shows as `cid:<contentId>` (kept so in `html`), uploaded likewise. */
  inlineImages: Array<{ contentId: string; upload: UploadInfo }>;
  /** Send and archive as our draft keeps it (null: none, or not our draft). */
  archive: OutboxArchive | null;
}

/**
 * Turns a message — normally one in Drafts, saved by us or by another mail client — into the
 * composer's fields, so a draft is resumed from any browser or client (issue 11). Read from the
 * stored source (mailparser, as the reader does); its files become uploads of the viewer, within
 * the same per-user bound as uploads made by hand.
 */
export async function draftFromMessage(db: Db, userId: string, messageId: string): Promise<DraftContent> {
  const message = await findReplyContext(db, userId, messageId);
  if (!message) throw new AppError('NOT_FOUND', { field: 'messageId', message: 'No such message.' });
  const source = await databaseSourceStore.get(db, message.id);
  if (!source) throw new AppError('NOT_FOUND', { field: 'messageId', message: 'The message is still being downloaded.' });
  // keepCidLinks: the HTML keeps naming its inline images `cid:` (not data: URLs), as it is sent.
  const parsed = await simpleParser(source, {
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    keepCidLinks: true,
  });
  const html = typeof parsed.html === 'string' ? parsed.html : null;

  const files = parsed.attachments;
  const total = files.reduce((sum, a) => sum + a.content.length, 0);
  if ((await uploadedBytes(db, userId)) + total > MAX_PENDING_UPLOAD_BYTES)
    throw new AppError('ATTACHMENT_TOO_LARGE', { field: 'messageId' });
  const attachments: UploadInfo[] = [];
  const inlineImages: DraftContent['inlineImages'] = [];
  const inlineFiles: DraftFile[] = [];
  const attachedFiles: DraftFile[] = [];
  for (const a of files) {
    const upload = await insertUpload(db, {
      userId,
      filename: safeAttachmentName(a.filename ?? 'attachment'),
      contentType: a.contentType || 'application/octet-stream',
      content: a.content,
    });
    // An image the HTML shows by its Content-ID (a pasted image) goes back into the text.
    const cid = a.cid && html?.includes(`cid:${a.cid}`) && rasterImageType(a.content) ? a.cid : null;
    if (cid) {
      inlineImages.push({ contentId: cid, upload });
      inlineFiles.push({ filename: upload.filename, contentType: upload.contentType, content: a.content, contentId: cid });
    } else {
      attachments.push(upload);
      attachedFiles.push({ filename: upload.filename, contentType: upload.contentType, content: a.content });
    }
  }

  const header = message.messageIdHeader;
  const [ours] = header
    ? await db
        .select({ id: drafts.id, archive: drafts.archive })
        .from(drafts)
        .where(and(eq(drafts.userId, userId), eq(drafts.accountId, message.accountId), eq(drafts.messageId, bracket(header))))
    : [];
  const content = {
    accountId: message.accountId,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    bcc: addresses(parsed.bcc),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html,
    attachments,
    inlineImages,
  };
  if (ours) return { ...content, draftId: ours.id, archive: ours.archive };
  // Another client's draft in Drafts: taken over under its Message-ID, so that editing and saving
  // it replaces the server's copy instead of leaving both. Only from Drafts (a message elsewhere
  // keeps its Message-ID to itself), and only with one (without, nothing could find the old copy).
  const draftsFolder = await findSpecialFolder(db, message.accountId, '\\Drafts');
  if (!header || !draftsFolder || message.folderId !== draftsFolder.id || (await countDrafts(db, userId)) >= MAX_DRAFTS_PER_USER)
    return { ...content, draftId: null, archive: null };
  const adopted = await adoptDraft(db, {
    userId,
    accountId: message.accountId,
    messageId: bracket(header),
    fields: {
      fromName: firstName(parsed.from),
      to: content.to,
      cc: content.cc,
      bcc: content.bcc,
      subject: content.subject,
      text: content.text,
      html: content.html,
      replyToMessageId: null,
      forwardMessageId: null,
      forwardAsAttachment: false,
      attachmentIds: attachments.map((a) => a.id),
      inlineImages: inlineImages.map((i) => ({ uploadId: i.upload.id, contentId: i.contentId })),
    },
    files: [...attachedFiles, ...inlineFiles],
  });
  return { ...content, draftId: adopted.id, archive: null };
}

function firstName(field: AddressObject | AddressObject[] | undefined): string | null {
  const list = Array.isArray(field) ? field[0] : field;
  return list?.value[0]?.name || null;
}

/** "Name <address>" or the bare address, one per recipient (groups flattened). */
function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const lists = field ? (Array.isArray(field) ? field : [field]) : [];
  return lists.flatMap((list) =>
    list.value
      .flatMap((a) => [...(a.group ?? []), a])
      .flatMap((a) => (a.address ? [a.name ? `${displayName(a.name)} <${a.address}>` : a.address] : [])),
  );
}

/** RFC 5322 §3.4: a name with specials ("Smit, Ann") goes in quotes, or the list splits there. */
function displayName(name: string): string {
  return /[()<>[\]:;@\\,."]/.test(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : name;
}

function bracket(id: string): string {
  return id.startsWith('<') ? id : `<${id}>`;
}
