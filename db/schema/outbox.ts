import { sql } from 'drizzle-orm';
import { customType, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { mailAccounts } from './mail-accounts.ts';
import { users } from './tenants.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * queued → sending → sent; sending → queued (retry: not taken), failed (refused for good: edit and
 * send again), uncertain (handed over, no reply: maybe sent; looked up in Sent, else the person
 * decides); queued → cancelled (undo send, cancelled schedule).
 */
export const OUTBOX_STATES = ['queued', 'sending', 'sent', 'failed', 'uncertain', 'cancelled'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** What the composer hands over, kept so a failed message can be opened and edited again. */
export interface OutboxDraft {
  fromName: string | null;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  html: string | null;
  inReplyTo: string | null;
  references: string[];
  /** The stored message answered (ComposeInput.replyToMessageId), so Edit keeps the thread; absent in rows queued before it was kept. */
  replyToMessageId?: string | null;
  /** The draft this was written in: removed once the server accepted the message (lib/drafts/after-sent.ts). */
  draftId?: string | null;
}

/**
 * "Send and archive" (issue 12): where the sent message is archived once the SMTP server accepted
 * it. Validated when queued (the targets in the sender's tenant), carried out by afterSent from
 * the very bytes sent (lib/archive/archive-sent-message.ts).
 */
export interface OutboxArchive {
  targets: Array<{ kind: 'person' | 'company' | 'project' | 'sale'; id: string }>;
  category: string | null;
  visibility: 'tenant' | 'private';
}

/**
 * One message to send (issue 11, "Outbox: nothing lost, nothing sent twice"). Written before any
 * SMTP traffic (durable intent, STYLE.md rule 15); claimed by one sender with
 * `FOR UPDATE SKIP LOCKED` for a lease (`claimed_until`); the bytes are composed once, at the first
 * attempt, and every retry and the copy in Sent use the same bytes and Message-ID.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => mailAccounts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    state: text('state').$type<OutboxState>().notNull().default('queued'),
    /** The Message-ID header, angle brackets included; fixed when queued. */
    messageId: text('message_id').notNull(),
    draft: jsonb('draft').$type<OutboxDraft>().notNull(),
    /** The composed message (RFC 5322 bytes); null until the first attempt. */
    raw: bytea('raw'),
    /** Not before this: the undo-send delay or the scheduled time. */
    sendAt: timestamp('send_at', { withTimezone: true }).notNull().defaultNow(),
    /** Not before this either: the backoff after a transient failure. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    /** While `sending`: the sender's lease; a `sending` row past it lost its sender mid-send. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    lastErrorCode: text('last_error_code'),
    /** The server's own words (the SMTP reply) for a refusal, shown to the person. */
    lastError: text('last_error'),
    /** Recipients the server refused while taking the message for the others. */
    rejectedRecipients: text('rejected_recipients')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Send and archive: the intent, stored with the message (null: send only). */
    archive: jsonb('archive').$type<OutboxArchive>(),
    /** When the sent message was archived (or the intent given up: every target deleted meanwhile). */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The senders' work list: only messages still to send are in it.
    index('outbox_due_idx')
      .on(t.sendAt)
      .where(sql`${t.state} in ('queued', 'sending')`),
    index('outbox_user_idx').on(t.userId, t.createdAt),
  ],
);

/** Files attached to an outbox message, in order; kept until the message is sent or removed. */
export const outboxAttachments = pgTable(
  'outbox_attachments',
  {
    outboxId: uuid('outbox_id')
      .notNull()
      .references(() => outboxMessages.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    contentId: text('content_id'),
    content: bytea('content').notNull(),
  },
  (t) => [index('outbox_attachments_idx').on(t.outboxId, t.ordinal)],
);

export type OutboxMessage = typeof outboxMessages.$inferSelect;

/**
 * A file uploaded for a message being written (POST /api/uploads), before it is sent: taken over
 * into `outbox_attachments` by sendMessage, removed by the person, or swept after a day.
 */
export const uploads = pgTable(
  'uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('uploads_user_idx').on(t.userId, t.createdAt)],
);
