import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { mailActions } from './mail-actions.ts';
import { mailAccounts, mailFolders } from './mail-accounts.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
/** Written only by SQL (message_search_vector, see the migration `search`), never read into JavaScript. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** An address as parsed from a header: `{ name, address }`. */
export interface MailAddress {
  name: string;
  address: string;
}

/**
 * One message in one folder, as the list and the reader need it. Identity: (folder, UIDVALIDITY, UID)
 * on the server; across a UIDVALIDITY change, Message-ID plus a hash of the raw source (sync issue).
 * Bodies and attachment bytes live in their own tables so the list stays a narrow, hot table.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => mailAccounts.id, { onDelete: 'cascade' }),
    folderId: uuid('folder_id')
      .notNull()
      .references(() => mailFolders.id, { onDelete: 'cascade' }),
    uidValidity: bigint('uid_validity', { mode: 'number' }).notNull(),
    uid: bigint('uid', { mode: 'number' }).notNull(),
    /** The Message-ID header, without angle brackets; null when missing. */
    messageId: text('message_id'),
    /** SHA-256 of the raw RFC 5322 source. */
    contentHash: text('content_hash'),
    internalDate: timestamp('internal_date', { withTimezone: true }).notNull(),
    /** The Date header (may differ from INTERNALDATE, may be missing). */
    sentAt: timestamp('sent_at', { withTimezone: true }),
    subject: text('subject').notNull().default(''),
    from: jsonb('from').$type<MailAddress[]>().notNull().default([]),
    to: jsonb('to').$type<MailAddress[]>().notNull().default([]),
    cc: jsonb('cc').$type<MailAddress[]>().notNull().default([]),
    bcc: jsonb('bcc').$type<MailAddress[]>().notNull().default([]),
    replyTo: jsonb('reply_to').$type<MailAddress[]>().notNull().default([]),
    inReplyTo: text('in_reply_to'),
    references: text('references')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    flags: text('flags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Derived from \Seen, kept as a column for unread counts. */
    seen: boolean('seen').notNull().default(false),
    flagged: boolean('flagged').notNull().default(false),
    size: integer('size').notNull().default(0),
    /** CONDSTORE MODSEQ (RFC 7162) as text: it is a 63-bit number. */
    modseq: text('modseq'),
    snippet: text('snippet').notNull().default(''),
    hasAttachments: boolean('has_attachments').notNull().default(false),
    /**
     * Where the message's source stands (issue 9, source first): pending — envelope only, the source
     * is not stored yet (new mail, or mail imported before sources were kept: fetched in the
     * background); done — the source is stored (message_sources): the message is fully imported,
     * readable and archivable without the mail server; error — the server did not deliver it or it
     * could not be stored (parseError says why).
     */
    bodyState: text('body_state').notNull().default('pending'),
    /**
     * The version of the extractor (lib/message-store/extract-version.ts) that derived the snippet,
     * body text, attachment index, References, content hash and search document from the stored
     * source; 0 = not yet. The background extraction worker's work list is `body_state = 'done'
     * and extracted_version < current`, so raising the version re-parses every stored message.
     */
    extractedVersion: integer('extracted_version').notNull().default(0),
    /** Why MIME could not be fully parsed; the message is kept with what could be read. */
    parseError: text('parse_error'),
    /**
     * Full-text search document: subject, names and addresses, body text and attachment names,
     * accent-folded and indexed as `simple`, `english` and `dutch` (the SQL function
     * message_search_vector). Null until the extraction worker (lib/message-store/extraction-worker.ts)
     * reaches the row after its source is stored: off the import's critical path (issue 9).
     */
    searchVector: tsvector('search_vector'),
    /**
     * Set while a move, spam or delete the person asked for is not yet carried out on the server
     * (mail_actions): the row is left where the server still has it, so the sync neither imports
     * it again nor loses track of it, and the list, the counts and the events leave it out. The
     * action repoints the row to the target folder (RFC 4315 COPYUID) or removes it when done, or
     * clears this when it failed (the message reappears).
     */
    hiddenBy: uuid('hidden_by').references(() => mailActions.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('messages_folder_uid_idx').on(t.folderId, t.uidValidity, t.uid),
    // The list's order and keyset (internal_date desc, id desc): with id in the index a folder's
    // first page is an index walk under the limit, not a scan and top-N sort of the folder
    // (bench:search: 30 ms for a 40k-message INBOX with the date alone). NULLS FIRST is what a
    // plain `desc` sorts by: the earlier index (DESC NULLS LAST) could not serve that ORDER BY.
    index('messages_folder_date_idx').on(t.folderId, t.internalDate.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('messages_account_message_id_idx').on(t.accountId, t.messageId),
    index('messages_folder_unseen_idx')
      .on(t.folderId)
      .where(sql`not ${t.seen}`),
    index('messages_search_idx').using('gin', t.searchVector),
    // subject: and from: by index (db/queries/search-conditions.ts): a field check costs three
    // to_tsvector (≈ 40 µs a row), too many for a word in most messages (bench:search, subject:offerte
    // is:flagged 204 ms). Only rows with a search document: the import's insert computes nothing,
    // the write of the document (the extraction worker) fills them.
    index('messages_subject_search_idx')
      .using('gin', sql`search_terms(left(${t.subject}, 1000))`)
      .where(sql`${t.searchVector} is not null`),
    index('messages_from_search_idx')
      .using('gin', sql`search_terms(search_addresses(${t.from}))`)
      .where(sql`${t.searchVector} is not null`),
    // The foreign key's other side (an account's removal deletes its actions), and tiny: only
    // rows waiting for a move or delete are in it.
    index('messages_hidden_by_idx')
      .on(t.hiddenBy)
      .where(sql`${t.hiddenBy} is not null`),
    // The extraction worker's work list: stored sources below the current extractor version,
    // newest first (the first page of the list gets its snippets first).
    index('messages_extract_todo_idx')
      .on(t.extractedVersion, t.internalDate.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.bodyState} = 'done'`),
  ],
);

/** Text and HTML bodies (HTML as received; sanitized when shown). */
export const messageBodies = pgTable('message_bodies', {
  messageId: uuid('message_id')
    .primaryKey()
    .references(() => messages.id, { onDelete: 'cascade' }),
  text: text('text'),
  html: text('html'),
});

/**
 * The raw RFC 5322 source of a message, byte for byte as the server sent it. Today kept for the
 * messages whose MIME could not be fully read (parse_error set; issue 8, item 18: nothing may be
 * lost), so a better parser, a download or a support case can still see what arrived; written in
 * the same transaction as the body. Keyed by message so it can become the store of every source.
 */
export const messageSources = pgTable('message_sources', {
  messageId: uuid('message_id')
    .primaryKey()
    .references(() => messages.id, { onDelete: 'cascade' }),
  bytes: bytea('bytes').notNull(),
  size: integer('size').notNull(),
});

/** Attachment bytes, addressed by SHA-256 so the same file in many messages is stored once. */
export const attachmentBlobs = pgTable('attachment_blobs', {
  hash: text('hash').primaryKey(),
  size: integer('size').notNull(),
  data: bytea('data').notNull(),
});

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    filename: text('filename'),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    /** Content-ID for inline parts referenced as cid: from the HTML. */
    contentId: text('content_id'),
    inline: boolean('inline').notNull().default(false),
    /**
     * Position among the parsed message's attachments (mailparser's order, extraction options of
     * lib/mail/mime/mail-parser-options.ts): how the download cuts it from the stored source.
     * Null for rows written before sources were kept (those have their bytes in attachment_blobs).
     */
    ordinal: integer('ordinal'),
    /** SHA-256 (hex) of the decoded content: checked when cut from the source, and the cache key. */
    contentHash: text('content_hash'),
    /** Bytes kept in attachment_blobs (rows from before issue 9, or a cached cut); null: cut from the source. */
    blobHash: text('blob_hash').references(() => attachmentBlobs.hash),
  },
  (t) => [
    index('attachments_message_idx').on(t.messageId),
    // The foreign key's other side: deleting a blob (sweepUnreferencedBlobs) checks it here.
    index('attachments_blob_idx').on(t.blobHash),
  ],
);

export type Message = typeof messages.$inferSelect;
export type Attachment = typeof attachments.$inferSelect;
export type MessageSource = typeof messageSources.$inferSelect;
