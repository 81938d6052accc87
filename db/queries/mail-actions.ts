import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  mailAccounts,
  mailActions,
  mailFolders,
  messages,
  type MailAction,
  type MailActionKind,
  type MailActionState,
} from '../schema/index.ts';
import { summaryColumns, type MessageSummary } from './message-list.ts';
import { rowsOf } from './rows-of.ts';

/**
 * The durable actions (db/schema/mail-actions.ts): requested by the API with their optimistic local
 * change in one transaction, carried out by the lease holder (lib/sync/run-mail-actions.ts).
 */

export interface OwnedMessage {
  id: string;
  accountId: string;
  folderId: string;
  specialUse: string | null;
}

/** The rows among `ids` that belong to the user's accounts (others' ids are simply not found). */
export async function findOwnedMessages(db: Db, userId: string, ids: string[]): Promise<OwnedMessage[]> {
  if (!ids.length) return [];
  return db
    .select({ id: messages.id, accountId: messages.accountId, folderId: messages.folderId, specialUse: mailFolders.specialUse })
    .from(messages)
    .innerJoin(mailAccounts, eq(mailAccounts.id, messages.accountId))
    .innerJoin(mailFolders, eq(mailFolders.id, messages.folderId))
    .where(and(inArray(messages.id, ids), eq(mailAccounts.userId, userId)));
}

/** The accounts' folders with a special use (RFC 6154: \Trash, \Junk …). */
export async function listSpecialFolders(
  db: Db,
  accountIds: string[],
): Promise<Array<{ id: string; accountId: string; specialUse: string }>> {
  if (!accountIds.length) return [];
  const rows = await db
    .select({ id: mailFolders.id, accountId: mailFolders.accountId, specialUse: mailFolders.specialUse })
    .from(mailFolders)
    .where(and(inArray(mailFolders.accountId, accountIds), sql`${mailFolders.specialUse} is not null`));
  return rows.map((r) => ({ ...r, specialUse: r.specialUse! }));
}

/** Which flag a kind sets or clears, and to what. */
const FLAG_KINDS: Partial<Record<MailActionKind, { flag: '\\Seen' | '\\Flagged'; on: boolean }>> = {
  seen: { flag: '\\Seen', on: true },
  unseen: { flag: '\\Seen', on: false },
  flag: { flag: '\\Flagged', on: true },
  unflag: { flag: '\\Flagged', on: false },
};

export function flagOf(kind: MailActionKind): { flag: '\\Seen' | '\\Flagged'; on: boolean } | undefined {
  return FLAG_KINDS[kind];
}

/**
 * Sets (or clears) a flag on the rows, the boolean column and the sorted `flags` array alike, only
 * where it changes something; returns those rows. Sorted bytewise (`collate "C"`) like
 * storedFlags sorts them, so the sync's next look at the same flags finds nothing to change.
 */
async function setFlag(db: Db, ids: string[], flag: '\\Seen' | '\\Flagged', on: boolean) {
  const column = flag === '\\Seen' ? messages.seen : messages.flagged;
  const flags = on
    ? sql`array(select distinct f collate "C" from unnest(${messages.flags} || array[${flag}]::text[]) as f order by 1)`
    : sql`array_remove(${messages.flags}, ${flag})`;
  return db
    .update(messages)
    .set({ [flag === '\\Seen' ? 'seen' : 'flagged']: on, flags })
    .where(and(inArray(messages.id, ids), on ? sql`not ${column}` : column))
    .returning({ id: messages.id, folderId: messages.folderId });
}

export interface RecordedAction {
  action: MailAction;
  /** The rows whose local state changed, with their folder (for the events). */
  changed: Array<{ id: string; folderId: string }>;
}

/**
 * Stores one action and applies its optimistic local change in one transaction: seen/flag set on
 * the rows; move, spam and delete hide the rows (`hidden_by`) where the server still has them.
 */
export async function recordMailAction(
  db: Db,
  request: { accountId: string; kind: MailActionKind; messageIds: string[]; targetFolderId: string | null },
): Promise<RecordedAction> {
  return db.transaction(async (tx) => {
    const id = randomUUID();
    // The action row first: the hidden rows refer to it.
    const [inserted] = await tx
      .insert(mailActions)
      .values({ id, ...request })
      .returning();
    const flag = flagOf(request.kind);
    const changed = flag
      ? await setFlag(tx as unknown as Db, request.messageIds, flag.flag, flag.on)
      : await tx
          .update(messages)
          .set({ hiddenBy: id })
          .where(inArray(messages.id, request.messageIds))
          .returning({ id: messages.id, folderId: messages.folderId });
    const [action] = await tx
      .update(mailActions)
      .set({ changedIds: changed.map((c) => c.id) })
      .where(eq(mailActions.id, inserted!.id))
      .returning();
    return { action: action!, changed };
  });
}

/** The account's actions not carried out yet, oldest first ('running': a holder died during it). */
export async function listOpenActions(db: Db, accountId: string): Promise<MailAction[]> {
  return db
    .select()
    .from(mailActions)
    .where(and(eq(mailActions.accountId, accountId), sql`${mailActions.state} in ('pending', 'running')`))
    .orderBy(asc(mailActions.createdAt), asc(mailActions.id));
}

export async function setActionState(
  db: Db,
  id: string,
  state: MailActionState,
  error?: { code: string; message: string },
): Promise<void> {
  await db
    .update(mailActions)
    .set({
      state,
      updatedAt: new Date(),
      ...(state === 'running' ? { attempts: sql`${mailActions.attempts} + 1` } : {}),
      ...(error ? { lastErrorCode: error.code, lastError: error.message } : {}),
    })
    .where(eq(mailActions.id, id));
}

export interface ActionMessage {
  id: string;
  folderId: string;
  uidValidity: number;
  uid: number;
}

/** Where the action's messages are now (rows the sync removed meanwhile are simply absent). */
export async function loadActionMessages(db: Db, ids: string[]): Promise<ActionMessage[]> {
  if (!ids.length) return [];
  return db
    .select({ id: messages.id, folderId: messages.folderId, uidValidity: messages.uidValidity, uid: messages.uid })
    .from(messages)
    .where(inArray(messages.id, ids));
}

/**
 * Points rows at the UIDs a MOVE gave them in the target folder (RFC 4315 COPYUID), keeping the
 * row (its id, stored source, extraction): the target's sync then finds them stored. A row the
 * target already has under that UID (cannot happen on one connection, but cheap to be safe) is
 * dropped instead. Unhides only what this action hid: a later action may have hidden it again.
 */
export async function repointMovedMessages(
  db: Db,
  actionId: string,
  moved: Array<{ id: string; folderId: string; uidValidity: number; uid: number }>,
): Promise<void> {
  if (!moved.length) return;
  const payload = JSON.stringify(
    moved.map((m) => ({ id: m.id, folder_id: m.folderId, uid_validity: m.uidValidity, uid: m.uid })),
  );
  const values = sql`jsonb_to_recordset(${payload}::jsonb) as v(id uuid, folder_id uuid, uid_validity bigint, uid bigint)`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from messages m using ${values}
      where m.id = v.id and exists (select 1 from messages t
        where t.folder_id = v.folder_id and t.uid_validity = v.uid_validity and t.uid = v.uid)`);
    await tx.execute(sql`update messages m set folder_id = v.folder_id, uid_validity = v.uid_validity, uid = v.uid,
        modseq = null, hidden_by = case when m.hidden_by = ${actionId}::uuid then null else m.hidden_by end
      from ${values} where m.id = v.id`);
  });
}

/** Removes rows whose messages left their folder on the server (moved without COPYUID, expunged). */
export async function deleteActionMessages(db: Db, ids: string[]): Promise<void> {
  if (ids.length) await db.delete(messages).where(inArray(messages.id, ids));
}

/** Unhides rows this action hid whose folder already was the target (nothing to move). */
export async function unhideMessages(db: Db, actionId: string, ids: string[]): Promise<void> {
  if (ids.length)
    await db
      .update(messages)
      .set({ hiddenBy: null })
      .where(and(inArray(messages.id, ids), eq(messages.hiddenBy, actionId)));
}

/**
 * Undoes the optimistic change for `ids` after the server refused the action for good: the flag
 * back, or the rows shown again. Returns the rows changed back, with their folder.
 */
export async function rollBackAction(
  db: Db,
  action: MailAction,
  ids: string[],
): Promise<Array<{ id: string; folderId: string }>> {
  if (!ids.length) return [];
  const flag = flagOf(action.kind);
  if (flag) return setFlag(db, ids, flag.flag, !flag.on);
  const rows = rowsOf<{ id: string; folder_id: string }>(
    await db.execute(sql`update messages set hidden_by = null
      where id = any(${`{${ids.join(',')}}`}::uuid[]) and hidden_by = ${action.id}::uuid returning id, folder_id`),
  );
  return rows.map((r) => ({ id: r.id, folderId: r.folder_id }));
}

/** The rows as the list shows them, after an action's optimistic change (for the API's answer). */
export async function listMessageSummaries(db: Db, ids: string[]): Promise<MessageSummary[]> {
  if (!ids.length) return [];
  return db.select(summaryColumns).from(messages).where(inArray(messages.id, ids));
}
