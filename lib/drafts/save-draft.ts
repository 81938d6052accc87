import 'server-only';
import type { Db } from '../../db/client.ts';
import {
  countDrafts,
  draftFileBytes,
  findOwnedDraft,
  listDraftFiles,
  removeDraft,
  setDraftArchive,
  storeDraft,
  type DraftFile,
} from '../../db/queries/drafts.ts';
import { findUserMailAccount } from '../../db/queries/mail-accounts.ts';
import { findOwnedUploads } from '../../db/queries/uploads.ts';
import { isUuid } from '../../db/is-uuid.ts';
import type { Draft, DraftFields } from '../../db/schema/index.ts';
import { senderArchiveIntent } from '../archive/archive-on-send.ts';
import { AppError } from '../errors.ts';
import type { EventBus } from '../events/event-bus.ts';
import { newMessageId } from '../mail/mime/compose-message.ts';
import { checkInlineContentIds, type ComposeRequest } from '../outbox/queue-message.ts';
import { rasterImageType } from '../mail/mime/raster-image-type.ts';
import { MAX_ATTACHMENT_BYTES, MAX_PENDING_UPLOAD_BYTES } from '../outbox/outbox-limits.ts';
import { draftsTopic, type DraftChanged } from './draft-events.ts';
import { sameArchiveIntent, sameDraftFields } from './same-draft-fields.ts';
import { wakeMailActions } from './wake-mail-actions.ts';

/** Most drafts one user keeps (each is a copy on the mail server too). @default 500 */
export const MAX_DRAFTS_PER_USER = 500;
/** Most bytes of files one user keeps in all their drafts together (as for pending uploads). @default 100 MiB */
export const MAX_DRAFT_FILE_BYTES = MAX_PENDING_UPLOAD_BYTES;

/**
 * Saves what the composer holds (issue 11, autosave): a new draft (Message-ID fixed now) or a new
 * version of the viewer's draft `id`, its files copied from the uploads when they changed, and
 * the durable action that puts it in the account's Drafts folder (STYLE.md rule 15) — in one
 * transaction. Moved to another From account, the old account's copy is removed first. A save of
 * what is saved already changes nothing (same-draft-fields.ts).
 * Addresses are kept as typed: a draft may be unfinished. Send and archive is kept with it, checked
 * as sendMessage checks it (the targets in the viewer's tenant), so Undo send and a resumed draft
 * reopen still archiving; a change of only that is no new version in Drafts.
 */
export async function saveDraft(
  deps: { db: Db; bus: EventBus },
  viewer: { userId: string; name: string; tenantId?: string },
  id: string | null,
  request: Omit<ComposeRequest, 'draftId'>,
): Promise<Draft> {
  const { db, bus } = deps;
  const account = await findUserMailAccount(db, viewer.userId, request.accountId);
  if (!account) throw new AppError('NOT_FOUND', { field: 'accountId', message: 'No such mail account.' });
  let previous: Draft | undefined;
  if (id !== null) {
    previous = isUuid(id) ? await findOwnedDraft(db, viewer.userId, id) : undefined;
    if (!previous) throw new AppError('NOT_FOUND', { field: 'id', message: 'No such draft.' });
  } else if ((await countDrafts(db, viewer.userId)) >= MAX_DRAFTS_PER_USER) {
    throw new AppError('DRAFT_LIMIT_REACHED', { field: 'id' });
  }
  const fields: DraftFields = {
    fromName: viewer.name || null,
    to: request.to,
    cc: request.cc,
    bcc: request.bcc,
    subject: request.subject.replace(/[\r\n]+/g, ' '),
    text: request.text,
    html: request.html,
    replyToMessageId: request.replyToMessageId,
    forwardMessageId: request.forwardMessageId,
    forwardAsAttachment: request.forwardAsAttachment,
    attachmentIds: request.attachmentIds,
    inlineImages: request.inlineImages ?? [],
  };
  checkInlineContentIds(fields.inlineImages!);
  const archive = await senderArchiveIntent(db, viewer, request.archive);
  // Saved on close with nothing new since the last autosave: the copy on the server stays as it is.
  if (previous && previous.accountId === account.id && sameDraftFields(previous.fields, fields)) {
    if (sameArchiveIntent(previous.archive, archive)) return previous;
    const draft = await setDraftArchive(db, previous.id, archive);
    await bus.publish<DraftChanged>(draftsTopic(viewer.userId), { draftId: draft.id, removed: false }).catch(() => {});
    return draft;
  }
  const unchanged =
    sameList(previous?.fields.attachmentIds, request.attachmentIds) &&
    sameList((previous?.fields.inlineImages ?? []).map(inlineKey), fields.inlineImages!.map(inlineKey));
  const files = unchanged ? undefined : await copyUploads(db, viewer.userId, fields, previous);

  if (previous && previous.accountId !== account.id) await wakeMailActions(bus, await removeDraft(db, previous));
  const { draft, action } = await storeDraft(db, {
    id: previous && previous.accountId === account.id ? previous.id : null,
    userId: viewer.userId,
    accountId: account.id,
    messageId: previous?.messageId ?? newMessageId(account.email),
    fields,
    archive,
    files: files ?? (previous && previous.accountId !== account.id ? await listDraftFiles(db, previous.id) : undefined),
  });
  await wakeMailActions(bus, action);
  await bus.publish<DraftChanged>(draftsTopic(viewer.userId), { draftId: draft.id, removed: false }).catch(() => {});
  return draft;
}

/**
 * The files of the uploads named, in order, then the inline images (pasted into the text) with
 * their Content-IDs, so the copy in Drafts shows them where the HTML says `cid:` and a resumed
 * draft gets them back (issue 11). An upload already copied into the previous version (and swept
 * since: uploads last a day) is taken from that version instead. Inline images must be raster
 * images, told by their bytes, as for sending: other clients render them without a click.
 */
async function copyUploads(db: Db, userId: string, fields: DraftFields, previous: Draft | undefined): Promise<DraftFile[]> {
  const ids = fields.attachmentIds;
  const inline = fields.inlineImages ?? [];
  const uploads = await findOwnedUploads(db, userId, [...ids, ...inline.map((i) => i.uploadId)]);
  const found = new Map(uploads.map((u) => [u.id, u]));
  const before = previous ? await listDraftFiles(db, previous.id) : [];
  const beforeById = new Map((previous?.fields.attachmentIds ?? []).map((uploadId, i) => [uploadId, before[i]]));
  for (const image of previous?.fields.inlineImages ?? [])
    beforeById.set(
      image.uploadId,
      before.find((f) => f.contentId === image.contentId),
    );
  const fileOf = (uploadId: string, field: string): DraftFile => {
    const upload = found.get(uploadId);
    const file = upload
      ? { filename: upload.filename, contentType: upload.contentType, content: upload.content }
      : beforeById.get(uploadId);
    if (!file) throw new AppError('NOT_FOUND', { field, message: 'No such upload.' });
    return { ...file, contentId: null };
  };
  const files = ids.map((uploadId) => fileOf(uploadId, 'attachmentIds'));
  for (const image of inline) {
    const file = fileOf(image.uploadId, 'inlineImages');
    const contentType = rasterImageType(file.content);
    if (!contentType)
      throw new AppError('BAD_USER_INPUT', {
        field: 'inlineImages',
        message: 'Only PNG, JPEG, GIF and WebP images can be inline.',
      });
    files.push({ ...file, contentType, contentId: image.contentId });
  }
  const bytes = files.reduce((sum, f) => sum + f.content.length, 0);
  if (bytes > MAX_ATTACHMENT_BYTES) throw new AppError('ATTACHMENT_TOO_LARGE', { field: 'attachmentIds' });
  // Each draft within one message's limit, and all of a user's drafts within a bound of their own.
  if (bytes && bytes + (await draftFileBytes(db, userId, previous?.id ?? null)) > MAX_DRAFT_FILE_BYTES)
    throw new AppError('ATTACHMENT_TOO_LARGE', { field: 'attachmentIds' });
  return files;
}

const inlineKey = (image: { uploadId: string; contentId: string }) => `${image.uploadId} ${image.contentId}`;

function sameList(a: string[] | undefined, b: string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}
