import 'server-only';
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  draftAttachments,
  drafts,
  mailActions,
  mailFolders,
  messages,
  outboxMessages,
  type OutboxArchive,
  type OutboxMessage,
  type AppendActionKind,
  type Draft,
  type DraftFields,
  type MailAction,
} from '../schema/index.ts';

/** Drafts (db/schema/drafts.ts) and the durable actions that put them, and sent mail, on the server. */

export interface DraftFile {
  filename: string;
  contentType: string;
  content: Buffer;
  /** An image the HTML shows as `cid:<contentId>` (an inline, related part); else an attachment. */
  contentId?: string | null;
}

/** Most drafts listed at once. @default 100 */
export const DRAFTS_LISTED = 100;

export async function findOwnedDraft(db: Db, userId: string, id: string): Promise<Draft | undefined> {
  const [row] = await db
    .select()
    .from(drafts)
    .where(and(eq(drafts.id, id), eq(drafts.userId, userId)));
  return row;
}

export async function findDraft(db: Db, id: string): Promise<Draft | undefined> {
  const [row] = await db.select().from(drafts).where(eq(drafts.id, id));
  return row;
}

export async function listDrafts(db: Db, userId: string): Promise<Draft[]> {
  return db.select().from(drafts).where(eq(drafts.userId, userId)).orderBy(desc(drafts.savedAt)).limit(DRAFTS_LISTED);
}

export async function countDrafts(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(drafts)
    .where(eq(drafts.userId, userId));
  return row?.n ?? 0;
}

/** Bytes of files the user keeps in drafts, leaving out draft `except` (the one being saved). */
export async function draftFileBytes(db: Db, userId: string, except: string | null): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${draftAttachments.size}), 0)`.mapWith(Number) })
    .from(draftAttachments)
    .innerJoin(drafts, eq(drafts.id, draftAttachments.draftId))
    .where(and(eq(drafts.userId, userId), except ? sql`${drafts.id} <> ${except}` : undefined));
  return row?.total ?? 0;
}

export async function listDraftFiles(db: Db, draftId: string): Promise<DraftFile[]> {
  return db
    .select({
      filename: draftAttachments.filename,
      contentType: draftAttachments.contentType,
      contentId: draftAttachments.contentId,
      content: draftAttachments.content,
    })
    .from(draftAttachments)
    .where(eq(draftAttachments.draftId, draftId))
    .orderBy(asc(draftAttachments.ordinal));
}

/**
 * Stores a draft's new version and queues the action that appends it, in one transaction (a save
 * is never stored without its way to the server). `files` replaces the attachments when given.
 * `archive`: the Send-and-archive intent kept with it (null: none).
 */
export async function storeDraft(
  db: Db,
  input: {
    id: string | null;
    userId: string;
    accountId: string;
    messageId: string;
    fields: DraftFields;
    archive: OutboxArchive | null;
    files?: DraftFile[];
  },
): Promise<{ draft: Draft; action: MailAction }> {
  return db.transaction(async (tx) => {
    const { accountId, fields, archive } = input;
    const [draft] = input.id
      ? await tx
          .update(drafts)
          .set({ accountId, fields, archive, version: sql`${drafts.version} + 1`, savedAt: new Date() })
          .where(and(eq(drafts.id, input.id), eq(drafts.userId, input.userId)))
          .returning()
      : await tx
          .insert(drafts)
          .values({ userId: input.userId, accountId, messageId: input.messageId, fields, archive })
          .returning();
    if (input.files) {
      await tx.delete(draftAttachments).where(eq(draftAttachments.draftId, draft!.id));
      if (input.files.length)
        await tx
          .insert(draftAttachments)
          .values(input.files.map((f, ordinal) => ({ draftId: draft!.id, ordinal, ...f, size: f.content.length })));
    }
    const [action] = await tx
      .insert(mailActions)
      .values(appendAction('save_draft', input.accountId, { draftId: draft!.id, messageIdHeader: draft!.messageId }))
      .returning();
    return { draft: draft!, action: action! };
  });
}

/**
 * Changes only a draft's Send-and-archive intent: no new version, nothing appended to Drafts (the
 * server's copy holds the message, not the intent).
 */
export async function setDraftArchive(db: Db, draftId: string, archive: OutboxArchive | null): Promise<Draft> {
  const [draft] = await db.update(drafts).set({ archive, savedAt: new Date() }).where(eq(drafts.id, draftId)).returning();
  return draft!;
}

/**
 * Takes over a draft another mail client left in Drafts (draft-from-message.ts): a row under the
 * server copy's own Message-ID, already "synced" (version 1 is that copy), so nothing is appended
 * until it is edited; the first save then appends the new version and removes the old one, found
 * by that Message-ID (run-append-action.ts). No action is queued here.
 */
export async function adoptDraft(
  db: Db,
  input: { userId: string; accountId: string; messageId: string; fields: DraftFields; files: DraftFile[] },
): Promise<Draft> {
  return db.transaction(async (tx) => {
    const [draft] = await tx
      .insert(drafts)
      .values({
        userId: input.userId,
        accountId: input.accountId,
        messageId: input.messageId,
        fields: input.fields,
        version: 1,
        syncedVersion: 1,
      })
      .returning();
    if (input.files.length)
      await tx
        .insert(draftAttachments)
        .values(input.files.map((f, ordinal) => ({ draftId: draft!.id, ordinal, ...f, size: f.content.length })));
    return draft!;
  });
}

/**
 * Records which uploads a draft's files were handed out as (resume-draft.ts), without a new
 * version: the files are the same, so nothing is appended again.
 */
export async function pointDraftAtUploads(
  db: Db,
  draftId: string,
  ids: Pick<DraftFields, 'attachmentIds' | 'inlineImages'>,
): Promise<void> {
  await db
    .update(drafts)
    .set({ fields: sql`${drafts.fields} || ${JSON.stringify(ids)}::jsonb` })
    .where(eq(drafts.id, draftId));
}

/** Removes the draft here and queues the removal of its copies on the server, in one transaction. */
export async function removeDraft(db: Db, draft: Draft): Promise<MailAction> {
  return db.transaction(async (tx) => {
    await tx.delete(drafts).where(eq(drafts.id, draft.id));
    const [action] = await tx
      .insert(mailActions)
      .values(appendAction('discard_draft', draft.accountId, { draftId: draft.id, messageIdHeader: draft.messageId }))
      .returning();
    return action!;
  });
}

/** Whether the copy of this sent message in Sent was asked for already. */
export async function hasSentCopyAction(db: Db, outboxId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: mailActions.id })
    .from(mailActions)
    .where(and(eq(mailActions.outboxId, outboxId), eq(mailActions.kind, 'append_sent')))
    .limit(1);
  return Boolean(row);
}

/**
 * Messages accepted lately whose after-send steps may not have run (the process stopped between
 * `sent` and onSent): no Sent copy asked for, their draft still here, or their
 * archiving (Send and archive) not done. Bounded by `since`.
 */
export async function listSentAwaitingFollowUp(db: Db, since: Date): Promise<OutboxMessage[]> {
  return db
    .select()
    .from(outboxMessages)
    .where(
      and(
        eq(outboxMessages.state, 'sent'),
        gt(outboxMessages.sentAt, since),
        sql`(not exists (select 1 from mail_actions a where a.outbox_id = ${outboxMessages.id} and a.kind = 'append_sent')
          or exists (select 1 from drafts d where d.id::text = ${outboxMessages.draft}->>'draftId')
          or (${outboxMessages.archive} is not null and ${outboxMessages.archivedAt} is null))`,
      ),
    );
}

/** Queues the copy of a sent outbox message in Sent. */
export async function recordSentCopy(db: Db, accountId: string, outboxId: string, messageIdHeader: string): Promise<MailAction> {
  const [action] = await db
    .insert(mailActions)
    .values(appendAction('append_sent', accountId, { outboxId, messageIdHeader }))
    .returning();
  return action!;
}

function appendAction(
  kind: AppendActionKind,
  accountId: string,
  refs: { outboxId?: string; draftId?: string; messageIdHeader: string },
): typeof mailActions.$inferInsert {
  return { accountId, kind, messageIds: [], targetFolderId: null, ...refs };
}

/** Records that `version` is on the server, unless a newer one already was. */
export async function markDraftSynced(db: Db, id: string, version: number): Promise<void> {
  await db
    .update(drafts)
    .set({ syncedVersion: sql`greatest(${drafts.syncedVersion}, ${version})` })
    .where(eq(drafts.id, id));
}

/** The account's folder with this special use (RFC 6154), if the server marks one. */
export async function findSpecialFolder(db: Db, accountId: string, specialUse: '\\Sent' | '\\Drafts') {
  const [row] = await db
    .select()
    .from(mailFolders)
    .where(and(eq(mailFolders.accountId, accountId), eq(mailFolders.specialUse, specialUse)))
    .limit(1);
  return row;
}

/**
 * The rows in the accounts' Drafts folders that are copies of these drafts (by Message-ID, as the
 * sync stored it without angle brackets): Draft.messageId.
 */
export async function findDraftCopies(db: Db, list: Draft[]): Promise<Map<string, string>> {
  if (!list.length) return new Map();
  const rows = await db
    .select({ id: messages.id, accountId: messages.accountId, messageId: messages.messageId })
    .from(messages)
    .innerJoin(mailFolders, eq(mailFolders.id, messages.folderId))
    .where(
      and(
        inArray(messages.accountId, [...new Set(list.map((d) => d.accountId))]),
        inArray(
          messages.messageId,
          list.map((d) => bare(d.messageId)),
        ),
        eq(mailFolders.specialUse, '\\Drafts'),
        sql`${messages.hiddenBy} is null`,
      ),
    );
  const byKey = new Map(rows.map((r) => [`${r.accountId} ${r.messageId}`, r.id]));
  const copies = new Map<string, string>();
  for (const d of list) {
    const id = byKey.get(`${d.accountId} ${bare(d.messageId)}`);
    if (id) copies.set(d.id, id);
  }
  return copies;
}

function bare(id: string): string {
  return id.replace(/^<|>$/g, '');
}
