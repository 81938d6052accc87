import { eq } from 'drizzle-orm';
import type { ImapFlow } from 'imapflow';
import { findDraft, findSpecialFolder, listDraftFiles, markDraftSynced } from '../../db/queries/drafts.ts';
import { deleteMessagesByUid } from '../../db/queries/messages.ts';
import { findOutboxMessage } from '../../db/queries/outbox.ts';
import { findReplyContext } from '../../db/queries/reply-context.ts';
import { mailAccounts, type AppendActionKind, type MailAction } from '../../db/schema/index.ts';
import { composeMessage } from '../mail/mime/compose-message.ts';
import { withBccHeader } from '../mail/mime/with-bcc-header.ts';
import { missingFolderMessage } from '../mail-folders/missing-folder.ts';
import { ActionRefused, refusedOr } from './action-refused.ts';
import { publishFolderChange, type FolderSyncContext } from './folder-sync-context.ts';

/**
 * Carries out one append kind (db/schema/mail-actions.ts, issue 11) on the sync's connection.
 * Every kind first looks for the server's copies with `UID SEARCH HEADER Message-ID` (RFC 3501
 * §6.4.4) in the special-use folder (RFC 6154), so a retry after a crash never leaves two:
 *
 * - append_sent: the outbox row's stored bytes (exactly what went over SMTP) plus a Bcc header
 *   (with-bcc-header.ts) are APPENDed (§6.3.11) to \Sent with \Seen and the time it was sent,
 *   unless Sent already holds them.
 * - save_draft: the draft as it is now is composed (composeMessage, its Message-ID fixed at
 *   creation) and APPENDed to \Drafts with \Draft \Seen; then the copies found before it — the
 *   earlier versions — are removed (\Deleted + UID EXPUNGE, RFC 4315). The server's copies are
 *   found by Message-ID, not by APPENDUID: that also finds a copy appended just before a crash,
 *   whose UID was never written down. A crash between APPEND and EXPUNGE leaves two copies; the
 *   retry appends once more and removes both. A version already on the server is skipped, so
 *   saves queued faster than the runner collapse to one APPEND.
 * - discard_draft (and a save whose draft is gone): every copy found is removed, and with it the
 *   synced rows of those copies, announced at once (MESSAGES_REMOVED): a draft sent or discarded in
 *   one browser leaves the Drafts list open in another now, not at the next round of the folders
 *   (up to `pollIntervalMs`). After a save the old copy's row stays until that round brings the new
 *   one, so the list never lacks the draft meanwhile.
 */
export async function carryOutAppendAction(ctx: FolderSyncContext, client: ImapFlow, action: MailAction): Promise<void> {
  const kind = action.kind as AppendActionKind;
  const messageId = action.messageIdHeader;
  if (!messageId) return; // written without one: nothing can be found or checked
  if (kind === 'append_sent') {
    const sent = action.outboxId ? await findOutboxMessage(ctx.db, action.outboxId) : null;
    if (!sent?.raw) return; // removed from the outbox meanwhile: nothing left to file
    const path = await folderPath(ctx, '\\Sent');
    if ((await findCopies(client, path, messageId)).length) return;
    await append(client, path, withBccHeader(sent.raw, sent.draft.bcc), ['\\Seen'], sent.sentAt ?? new Date());
    return;
  }
  const folder = await specialFolder(ctx, '\\Drafts');
  const path = folder.path;
  const draft = kind === 'save_draft' && action.draftId ? await findDraft(ctx.db, action.draftId) : undefined;
  if (draft && draft.syncedVersion >= draft.version) return;
  const before = await findCopies(client, path, messageId);
  if (draft) {
    const [account] = await ctx.db.select().from(mailAccounts).where(eq(mailAccounts.id, draft.accountId));
    if (!account) return;
    const { fields } = draft;
    const { raw } = await composeMessage({
      from: { name: fields.fromName, address: account.email },
      to: fields.to,
      cc: fields.cc,
      bcc: fields.bcc,
      subject: fields.subject,
      text: fields.text,
      html: fields.html,
      ...(await threadOf(ctx, draft.userId, fields.replyToMessageId)),
      attachments: await listDraftFiles(ctx.db, draft.id),
      messageId: draft.messageId,
      date: draft.savedAt,
      // A draft is the sender's own: another client resuming it must see its Bcc recipients too.
      keepBcc: true,
    });
    await append(client, path, raw, ['\\Draft', '\\Seen'], draft.savedAt);
  }
  if (before.length) {
    const uidValidity = await removeCopies(client, path, before);
    if (!draft && uidValidity !== undefined)
      await publishFolderChange(
        ctx,
        'MESSAGES_REMOVED',
        folder.id,
        await deleteMessagesByUid(ctx.db, folder.id, uidValidity, before),
      );
  }
  if (draft) await markDraftSynced(ctx.db, draft.id, draft.version);
}

/**
 * A reply's In-Reply-To and References (RFC 5322 §3.6.4), as sendMessage will set them: another
 * client resuming the draft keeps it in its thread.
 */
async function threadOf(
  ctx: FolderSyncContext,
  userId: string,
  replyToMessageId: string | null,
): Promise<{ inReplyTo: string | null; references: string[] }> {
  const original = replyToMessageId ? await findReplyContext(ctx.db, userId, replyToMessageId) : undefined;
  if (!original?.messageIdHeader) return { inReplyTo: null, references: [] };
  const bracket = (id: string) => (id.startsWith('<') ? id : `<${id}>`);
  return { inReplyTo: bracket(original.messageIdHeader), references: original.references.map(bracket) };
}

async function folderPath(ctx: FolderSyncContext, specialUse: '\\Sent' | '\\Drafts'): Promise<string> {
  return (await specialFolder(ctx, specialUse)).path;
}

async function specialFolder(ctx: FolderSyncContext, specialUse: '\\Sent' | '\\Drafts') {
  const folder = await findSpecialFolder(ctx.db, ctx.accountId, specialUse);
  if (!folder) {
    const role = specialUse === '\\Sent' ? 'Sent' : 'Drafts';
    throw new ActionRefused('MAIL_FOLDER_MISSING', missingFolderMessage(role), { role });
  }
  return folder;
}

async function findCopies(client: ImapFlow, path: string, messageId: string): Promise<number[]> {
  const lock = await client.getMailboxLock(path, { readOnly: true, description: 'find copies' }).catch((error) => {
    throw refusedOr(client, error, 'MAIL_FOLDER_GONE', `SELECT ${path}`);
  });
  try {
    const uids = await client.search({ header: { 'message-id': messageId } }, { uid: true });
    if (!uids) throw refusedOr(client, null, 'MAIL_ACTION_REFUSED', `UID SEARCH in ${path}`);
    return uids;
  } finally {
    lock.release();
  }
}

async function append(client: ImapFlow, path: string, raw: Buffer, flags: string[], date: Date): Promise<void> {
  const done = await client.append(path, raw, flags, date).catch((error) => {
    throw refusedOr(client, error, 'MAIL_ACTION_REFUSED', `APPEND ${path}`);
  });
  if (!done) throw refusedOr(client, null, 'MAIL_ACTION_REFUSED', `APPEND ${path}`);
}

/** Removes the copies; returns the folder's UIDVALIDITY they were removed under. */
async function removeCopies(client: ImapFlow, path: string, uids: number[]): Promise<number | undefined> {
  const lock = await client.getMailboxLock(path, { description: 'remove draft copies' }).catch((error) => {
    throw refusedOr(client, error, 'MAIL_FOLDER_GONE', `SELECT ${path}`);
  });
  try {
    if (!(await client.messageDelete(uids.join(','), { uid: true })))
      throw refusedOr(client, null, 'MAIL_ACTION_REFUSED', `UID EXPUNGE in ${path}`);
    return client.mailbox ? Number(client.mailbox.uidValidity) : undefined;
  } finally {
    lock.release();
  }
}
