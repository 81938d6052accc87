import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { mailAccounts } from './mail-accounts.ts';

/** What a person can ask the mail server to do with folders (lib/mail-folders/). */
export const FOLDER_ACTION_KINDS = ['create_folder', 'rename_folder', 'delete_folder'] as const;
export type FolderActionKind = (typeof FOLDER_ACTION_KINDS)[number];

/**
 * What a person can ask the mail server to do with messages (lib/mail-actions/) and folders: one
 * queue per account, so that "create Projects, then move these into it" runs in that order.
 */
/**
 * What the server is asked to store or remove whole (issue 11): the copy of a sent message in
 * Sent, the newest version of a draft in Drafts, a discarded draft's copies (lib/sync/run-append-action.ts).
 */
export const APPEND_ACTION_KINDS = ['append_sent', 'save_draft', 'discard_draft'] as const;
export type AppendActionKind = (typeof APPEND_ACTION_KINDS)[number];

export const MAIL_ACTION_KINDS = [
  'seen',
  'unseen',
  'flag',
  'unflag',
  'move',
  'delete',
  'spam',
  ...FOLDER_ACTION_KINDS,
  ...APPEND_ACTION_KINDS,
] as const;
export type MailActionKind = (typeof MAIL_ACTION_KINDS)[number];

export function isFolderActionKind(kind: MailActionKind): kind is FolderActionKind {
  return (FOLDER_ACTION_KINDS as readonly string[]).includes(kind);
}

export function isAppendActionKind(kind: MailActionKind): kind is AppendActionKind {
  return (APPEND_ACTION_KINDS as readonly string[]).includes(kind);
}

/** pending → running → done | failed; a network error puts a running action back to pending. */
export type MailActionState = 'pending' | 'running' | 'done' | 'failed';

/**
 * One requested action, written before anything is sent to the mail server (STYLE.md rule 15,
 * durable intents): the process holding the account's sync lease carries it out on its IMAP
 * connection (lib/sync/run-mail-actions.ts), retries it after network errors and restarts, and
 * rolls the local change back when the server refuses it for good.
 */
export const mailActions = pgTable(
  'mail_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => mailAccounts.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<MailActionKind>().notNull(),
    /** Rows of `messages` (no foreign key: a row the sync removed meanwhile is simply skipped). Empty for folder kinds. */
    messageIds: uuid('message_ids').array().notNull(),
    /**
     * Where move, spam and delete put the messages (decided when requested: Junk, Trash). Null for
     * a delete of messages already in Trash: that one is permanent (\Deleted + UID EXPUNGE). No
     * foreign key: a folder that disappears meanwhile must fail the action, not turn a move into
     * something else.
     */
    targetFolderId: uuid('target_folder_id'),
    /**
     * Folder kinds: the path to create, or the path to rename `targetFolderId` to (full path, the
     * parent's path and the server's delimiter included). Null for every other kind. For
     * rename_folder and delete_folder, `targetFolderId` is the folder acted on.
     */
    folderPath: text('folder_path'),
    /**
     * The rows whose local state the request really changed (for seen/flag, those not already so;
     * for move/delete, those hidden): what a permanent failure rolls back.
     */
    /** append_sent: the outbox row whose stored bytes go to Sent (no foreign key: removed → nothing to do). */
    outboxId: uuid('outbox_id'),
    /** save_draft, discard_draft: the draft (no foreign key: a discarded draft's copies are still removed). */
    draftId: uuid('draft_id'),
    /**
     * Append kinds: the Message-ID (angle brackets included) that finds the server's copies with
     * UID SEARCH HEADER Message-ID — a sent message already in Sent, a draft's earlier versions.
     */
    messageIdHeader: text('message_id_header'),
    changedIds: uuid('changed_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    state: text('state').$type<MailActionState>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastErrorCode: text('last_error_code'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The runner's work list, oldest first: only open actions are in it, so it stays tiny.
    index('mail_actions_open_idx')
      .on(t.accountId, t.createdAt)
      .where(sql`${t.state} in ('pending', 'running')`),
    // "Is this sent message's copy in Sent already asked for?" (lib/drafts/after-sent.ts).
    index('mail_actions_outbox_idx')
      .on(t.outboxId)
      .where(sql`${t.outboxId} is not null`),
  ],
);

export type MailAction = typeof mailActions.$inferSelect;
