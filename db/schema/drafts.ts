import { customType, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { mailAccounts } from './mail-accounts.ts';
import type { OutboxArchive } from './outbox.ts';
import { users } from './tenants.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** What the composer holds, as saved (issue 11, drafts); addresses as typed. */
export interface DraftFields {
  /** The From name (the user's name when saved). */
  fromName: string | null;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  html: string | null;
  replyToMessageId: string | null;
  forwardMessageId: string | null;
  forwardAsAttachment: boolean;
  /** The uploads the attachments were copied from, in order (copied again only when this changes). */
  attachmentIds: string[];
  /**
   * Images the HTML shows as `cid:<contentId>` (pasted into the text), copied with the files.
   * Absent in drafts saved before inline images were kept.
   */
  inlineImages?: Array<{ uploadId: string; contentId: string }>;
}

/**
 * A message being written, kept here and (through the durable action `save_draft`) in the
 * account's Drafts folder, so it is resumed from any browser or another mail client. Each save
 * bumps `version`; the lease holder appends only the newest and records it in `synced_version`.
 */
export const drafts = pgTable(
  'drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => mailAccounts.id, { onDelete: 'cascade' }),
    fields: jsonb('fields').$type<DraftFields>().notNull(),
    /**
     * Send and archive, as switched on in the composer (checked like sendMessage's): kept so Undo
     * send, a reload or another browser reopens the draft still archiving (null: send only). Not
     * part of the copy in Drafts on the server, which holds only the message.
     */
    archive: jsonb('archive').$type<OutboxArchive>(),
    /** The Message-ID header (angle brackets included), fixed at creation: finds the server's copies. */
    messageId: text('message_id').notNull(),
    version: integer('version').notNull().default(1),
    /** The version last appended to Drafts (0: none yet). */
    syncedVersion: integer('synced_version').notNull().default(0),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('drafts_user_idx').on(t.userId, t.savedAt)],
);

export type Draft = typeof drafts.$inferSelect;

/**
 * A draft's files, copied from the uploads when saved: uploads are swept after a day, a draft
 * may wait longer.
 */
export const draftAttachments = pgTable(
  'draft_attachments',
  {
    draftId: uuid('draft_id')
      .notNull()
      .references(() => drafts.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    /** Set for an image the HTML shows as `cid:<contentId>`: kept as an inline (related) part. */
    contentId: text('content_id'),
    content: bytea('content').notNull(),
    /** Bytes of `content`, summed to bound what one user keeps in drafts without reading it. */
    size: integer('size').notNull(),
  },
  (t) => [index('draft_attachments_idx').on(t.draftId, t.ordinal)],
);
