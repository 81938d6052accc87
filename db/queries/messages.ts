import 'server-only';
import { and, desc, eq, gte, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { storeMessageSources, type MessageSourceRow, type PutMessageSources } from './message-sources.ts';
import { EXTRACT_VERSION } from '../../lib/message-store/extract-version.ts';
import { messageSearchVector } from './message-search-vector.ts';
import { rowsOf } from './rows-of.ts';
import { mailFolders, messages, type MailFolder, type Message } from '../schema/index.ts';

/**
 * The message store as the sync engine writes it. Identity on the server is (folder, UIDVALIDITY,
 * UID) and the unique index on it makes every insert idempotent (ON CONFLICT DO NOTHING): an
 * import killed half-way and run again stores nothing twice.
 */

export type NewMessageRow = typeof messages.$inferInsert;

/** A folder as LIST shows it. */
export interface ListedFolderRow {
  path: string;
  name: string;
  specialUse: string | null;
  /** The hierarchy delimiter LIST gives (null: a flat namespace). */
  delimiter: string | null;
}

/** The sync cursor of a folder (see lib/sync/choose-sync-strategy.ts). */
export type FolderSyncState = Partial<
  Pick<MailFolder, 'uidValidity' | 'uidNext' | 'highestModseq' | 'importedSince' | 'serverCount' | 'lastSyncedAt'>
>;

/**
 * Makes `mail_folders` match the server's folder list: adds new folders, updates names,
 * special-use marks and delimiters, and removes folders the server no longer has (their messages go with them,
 * ON DELETE CASCADE). Returns the folders and whether anything changed.
 */
export async function reconcileFolders(
  db: Db,
  accountId: string,
  listed: ListedFolderRow[],
): Promise<{ folders: MailFolder[]; changed: boolean }> {
  return db.transaction(async (tx) => {
    const known = await tx.select().from(mailFolders).where(eq(mailFolders.accountId, accountId));
    const byPath = new Map(known.map((f) => [f.path, f]));
    let changed = false;
    const fresh = listed.filter((f) => !byPath.has(f.path));
    if (fresh.length) {
      await tx
        .insert(mailFolders)
        .values(fresh.map((f) => ({ ...f, accountId })))
        .onConflictDoNothing({ target: [mailFolders.accountId, mailFolders.path] });
      changed = true;
    }
    for (const f of listed) {
      const old = byPath.get(f.path);
      if (old && (old.name !== f.name || old.specialUse !== f.specialUse || old.delimiter !== f.delimiter)) {
        await tx
          .update(mailFolders)
          .set({ name: f.name, specialUse: f.specialUse, delimiter: f.delimiter })
          .where(eq(mailFolders.id, old.id));
        changed = true;
      }
    }
    const gone = known.filter((f) => !listed.some((l) => l.path === f.path)).map((f) => f.id);
    if (gone.length) {
      await tx.delete(mailFolders).where(inArray(mailFolders.id, gone));
      changed = true;
    }
    const folders = await tx.select().from(mailFolders).where(eq(mailFolders.accountId, accountId));
    return { folders, changed };
  });
}

export async function saveFolderSyncState(db: Db, folderId: string, state: FolderSyncState): Promise<void> {
  await db.update(mailFolders).set(state).where(eq(mailFolders.id, folderId));
}

/**
 * Inserts envelope rows; returns the ids of rows that were new (duplicates are skipped silently).
 *
 * The batch goes as one JSON parameter expanded by json_to_recordset rather than through
 * drizzle's VALUES builder: with ≈ 20 columns × 250 rows per batch, building the statement
 * value by value was ≈ 7 % of the import's main-thread time (bench:sync profile).
 */
export async function insertMessages(db: Db, rows: NewMessageRow[]): Promise<Array<{ id: string; uid: number }>> {
  if (!rows.length) return [];
  const payload = JSON.stringify(
    rows.map((r) => ({
      account_id: r.accountId,
      folder_id: r.folderId,
      uid_validity: r.uidValidity,
      uid: r.uid,
      message_id: r.messageId ?? null,
      internal_date: r.internalDate,
      sent_at: r.sentAt ?? null,
      subject: r.subject ?? '',
      from: r.from ?? [],
      to: r.to ?? [],
      cc: r.cc ?? [],
      bcc: r.bcc ?? [],
      reply_to: r.replyTo ?? [],
      in_reply_to: r.inReplyTo ?? null,
      flags: r.flags ?? [],
      seen: r.seen ?? false,
      flagged: r.flagged ?? false,
      size: r.size ?? 0,
      modseq: r.modseq ?? null,
      has_attachments: r.hasAttachments ?? false,
      body_state: r.bodyState ?? 'pending',
    })),
  );
  const result = await db.execute(sql`
    insert into messages (account_id, folder_id, uid_validity, uid, message_id, internal_date, sent_at, subject,
      "from", "to", cc, bcc, reply_to, in_reply_to, flags, seen, flagged, size, modseq, has_attachments, body_state)
    select account_id, folder_id, uid_validity, uid, message_id, internal_date, sent_at, subject,
      "from", "to", cc, bcc, reply_to, in_reply_to, flags, seen, flagged, size, modseq, has_attachments, body_state
    from json_to_recordset(${payload}::json) as v(account_id uuid, folder_id uuid, uid_validity bigint, uid bigint,
      message_id text, internal_date timestamptz, sent_at timestamptz, subject text, "from" jsonb, "to" jsonb,
      cc jsonb, bcc jsonb, reply_to jsonb, in_reply_to text, flags text[], seen boolean, flagged boolean,
      size integer, modseq text, has_attachments boolean, body_state text)
    on conflict (folder_id, uid_validity, uid) do nothing
    returning id, uid`);
  return rowsOf<{ id: string; uid: string | number }>(result).map((r) => ({ id: r.id, uid: Number(r.uid) }));
}

/** UIDs stored for the folder under this UIDVALIDITY. */
export async function listStoredUids(db: Db, folderId: string, uidValidity: number): Promise<number[]> {
  const rows = await db
    .select({ uid: messages.uid })
    .from(messages)
    .where(and(eq(messages.folderId, folderId), eq(messages.uidValidity, uidValidity)));
  return rows.map((r) => r.uid);
}

/** Envelope-only rows still waiting for their body, newest UID first, below `belowUid` when given. */
export async function listPendingBodies(
  db: Db,
  folderId: string,
  uidValidity: number,
  belowUid: number | null,
  limit: number,
): Promise<Array<{ id: string; uid: number; size: number }>> {
  return db
    .select({ id: messages.id, uid: messages.uid, size: messages.size })
    .from(messages)
    .where(
      and(
        eq(messages.folderId, folderId),
        eq(messages.uidValidity, uidValidity),
        eq(messages.bodyState, 'pending'),
        belowUid === null ? undefined : lt(messages.uid, belowUid),
      ),
    )
    .orderBy(desc(messages.uid))
    .limit(limit);
}

export async function countPendingBodies(db: Db, folderId: string, uidValidity: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(messages)
    .where(and(eq(messages.folderId, folderId), eq(messages.uidValidity, uidValidity), eq(messages.bodyState, 'pending')));
  return Number(row?.n ?? 0);
}

/**
 * Stores the fetched sources of a batch (through `putSources`, the SourceStore's put,
 * lib/message-store/source-store.ts) and marks their rows 'done' — fully imported — in one
 * transaction: no row is 'done' without its source. Only rows still 'pending' change state; what
 * is derived from the source comes later (the extraction worker), so a source re-fetched for a
 * row that kept its earlier extraction (migration 0010) is not parsed again.
 */
export async function storeFetchedSources(
  db: Db,
  items: readonly MessageSourceRow[],
  putSources: PutMessageSources = storeMessageSources,
): Promise<void> {
  if (!items.length) return;
  await db.transaction(async (tx) => {
    // What the sync writes can always be fetched again: a crash may lose the last batches (the
    // folder cursor, saved later in WAL order, goes with them), so no WAL flush per batch.
    await tx.execute(sql`set local synchronous_commit = off`);
    await putSources(tx, items);
    await tx.execute(sql`update messages set body_state = 'done'
      where id in (select (jsonb_array_elements_text(${JSON.stringify(items.map((i) => i.messageId))}::jsonb))::uuid)
        and body_state = 'pending'`);
  });
}

/**
 * The last resort when the server would not deliver a message or it could not be stored: the row
 * says why, the sync goes on. With no source there is nothing to extract, so its search document
 * (subject and addresses) is written here, at the current extractor version.
 */
export async function markBodyFailed(db: Db, id: string, error: string): Promise<void> {
  await db
    .update(messages)
    .set({ bodyState: 'error', parseError: error, searchVector: messageSearchVector, extractedVersion: EXTRACT_VERSION })
    .where(eq(messages.id, id));
}

/** New flags (and MODSEQ) for stored UIDs; returns the ids whose flags really changed. */
export async function applyFlagChanges(
  db: Db,
  folderId: string,
  uidValidity: number,
  changes: Array<{ uid: number; flags: string[]; modseq: string | null }>,
): Promise<string[]> {
  if (!changes.length) return [];
  const payload = JSON.stringify(changes.map((c) => ({ uid: c.uid, flags: [...c.flags].sort(), modseq: c.modseq })));
  const rows = await db
    .update(messages)
    .set({
      flags: sql`v.flags`,
      seen: sql`'\\Seen' = any(v.flags)`,
      flagged: sql`'\\Flagged' = any(v.flags)`,
      modseq: sql`coalesce(v.modseq, ${messages.modseq})`,
    })
    .from(sql`jsonb_to_recordset(${payload}::jsonb) as v(uid bigint, flags text[], modseq text)`)
    .where(
      and(
        eq(messages.folderId, folderId),
        eq(messages.uidValidity, uidValidity),
        sql`${messages.uid} = v.uid`,
        sql`${messages.flags} is distinct from v.flags`,
        // A flag change the person asked for and the server has not had yet (mail_actions) is
        // newer than what the server says: leave the row until the action ran (issue 10).
        sql`not exists (select 1 from mail_actions a where a.account_id = ${messages.accountId}
          and a.state in ('pending', 'running') and a.kind in ('seen', 'unseen', 'flag', 'unflag')
          and ${messages.id} = any(a.message_ids))`,
      ),
    )
    .returning({ id: messages.id });
  return rows.map((r) => r.id);
}

/** Removes expunged messages; returns the ids removed. */
export async function deleteMessagesByUid(db: Db, folderId: string, uidValidity: number, uids: number[]): Promise<string[]> {
  const removed: string[] = [];
  // PostgreSQL takes at most 65535 parameters per statement; a mass deletion comes in pieces.
  for (let start = 0; start < uids.length; start += 5_000) {
    const rows = await db
      .delete(messages)
      .where(
        and(
          eq(messages.folderId, folderId),
          eq(messages.uidValidity, uidValidity),
          inArray(messages.uid, uids.slice(start, start + 5_000)),
        ),
      )
      .returning({ id: messages.id });
    removed.push(...rows.map((r) => r.id));
  }
  return removed;
}

/** Rows left from an earlier UIDVALIDITY, for re-mapping them to the new UIDs. */
export async function listStaleMessages(
  db: Db,
  folderId: string,
  currentUidValidity: number,
): Promise<Array<Pick<Message, 'id' | 'uid' | 'messageId' | 'contentHash' | 'size' | 'sentAt' | 'subject' | 'from' | 'to'>>> {
  return db
    .select({
      id: messages.id,
      uid: messages.uid,
      messageId: messages.messageId,
      contentHash: messages.contentHash,
      size: messages.size,
      sentAt: messages.sentAt,
      subject: messages.subject,
      from: messages.from,
      to: messages.to,
    })
    .from(messages)
    .where(and(eq(messages.folderId, folderId), ne(messages.uidValidity, currentUidValidity)));
}

/** Points an existing row at its new UID (its id, body and attachments stay). */
export async function remapMessages(
  db: Db,
  remaps: Array<{ id: string; uidValidity: number; uid: number; flags: string[]; modseq: string | null }>,
): Promise<void> {
  if (!remaps.length) return;
  const payload = JSON.stringify(
    remaps.map((r) => ({ id: r.id, uid_validity: r.uidValidity, uid: r.uid, flags: [...r.flags].sort(), modseq: r.modseq })),
  );
  await db
    .update(messages)
    .set({
      uidValidity: sql`v.uid_validity`,
      uid: sql`v.uid`,
      flags: sql`v.flags`,
      seen: sql`'\\Seen' = any(v.flags)`,
      flagged: sql`'\\Flagged' = any(v.flags)`,
      modseq: sql`v.modseq`,
    })
    .from(sql`jsonb_to_recordset(${payload}::jsonb) as v(id uuid, uid_validity bigint, uid bigint, flags text[], modseq text)`)
    .where(sql`${messages.id} = v.id`);
}

/** Drops what is left of earlier UIDVALIDITYs (messages that are no longer on the server). */
export async function deleteStaleMessages(db: Db, folderId: string, currentUidValidity: number): Promise<string[]> {
  const rows = await db
    .delete(messages)
    .where(and(eq(messages.folderId, folderId), ne(messages.uidValidity, currentUidValidity)))
    .returning({ id: messages.id });
  return rows.map((r) => r.id);
}

/** The folder's message and unread counts, as events carry them (rows hidden by a pending move or delete left out). */
export async function countFolderMessages(db: Db, folderId: string): Promise<{ total: number; unread: number }> {
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`,
      unread: sql<number>`(count(*) filter (where not ${messages.seen}))::int`,
    })
    .from(messages)
    .where(and(eq(messages.folderId, folderId), isNull(messages.hiddenBy)));
  return { total: Number(row?.total ?? 0), unread: Number(row?.unread ?? 0) };
}

/** Stored messages of the folder with INTERNALDATE in the window (the completeness figure). */
export async function countMessagesSince(db: Db, folderId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(messages)
    .where(and(eq(messages.folderId, folderId), gte(messages.internalDate, since)));
  return Number(row?.n ?? 0);
}
