import { sql } from 'drizzle-orm';
import {
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { companies, persons, projects, sales } from './crm.ts';
import { messages, type MailAddress } from './messages.ts';
import { tenants, users } from './tenants.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
/** Written only by SQL (message_search_vector at insert), never read into JavaScript. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The CRM's own store of archived bytes (issue 12), addressed by SHA-256. A copy, not a
 * reference to message_sources or attachment_blobs: those go with the mailbox (account removed →
 * messages cascade away; the attachment sweep deletes unreferenced attachment_blobs), an archived
 * document must not. Documents point here with a restricting foreign key, so no sweep can take
 * bytes a document uses; unarchiving the last document of a blob deletes it (lib/archive/unarchive.ts).
 */
export const archiveBlobs = pgTable('archive_blobs', {
  hash: text('hash').primaryKey(),
  size: integer('size').notNull(),
  data: bytea('data').notNull(),
});

export type ArchiveVisibility = 'tenant' | 'private';
export type ArchiveDocumentKind = 'message' | 'attachment';

/**
 * One archived document: a whole message (its original source, byte for byte: the `.eml`) or one
 * attachment (its decoded bytes), with the fields the timeline, the inbox mark and search read.
 *
 * Idempotent by content: per tenant, one document per bytes and audience, so archiving the same
 * mail twice (or from two copies of it in two folders) finds the same row (`ON CONFLICT` on
 * archived_documents_source_key; NULLS NOT DISTINCT makes the tenant-wide audience, private_to
 * null, one value). A private copy and a tenant-wide copy of the same bytes are two documents: a
 * colleague's archiving must not change what someone else made private, nor the reverse.
 */
export const archivedDocuments = pgTable(
  'archived_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['message', 'attachment'] }).notNull(),
    /** SHA-256 (hex) of the bytes: the .eml for a message, the decoded file for an attachment. */
    blobHash: text('blob_hash')
      .notNull()
      .references(() => archiveBlobs.hash),
    visibility: text('visibility', { enum: ['tenant', 'private'] }).notNull(),
    /** The only user who sees a private document (null: everyone in the tenant). */
    privateTo: uuid('private_to').references(() => users.id, { onDelete: 'cascade' }),
    /** Free text (at most 100 characters), e.g. "Quote" or "Contract"; null: none. */
    category: text('category'),
    archivedBy: uuid('archived_by').references(() => users.id, { onDelete: 'set null' }),
    archivedAt: timestamp('archived_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * The mailbox message it was archived from, for the inbox's mark; null once that message is
     * gone (expunged, account removed, UIDVALIDITY reset): the document stays.
     */
    sourceMessageId: uuid('source_message_id').references(() => messages.id, { onDelete: 'set null' }),
    /** The Message-ID header without angle brackets (of the message an attachment came from, too). */
    messageIdHeader: text('message_id_header'),
    subject: text('subject').notNull().default(''),
    from: jsonb('from').$type<MailAddress[]>().notNull().default([]),
    to: jsonb('to').$type<MailAddress[]>().notNull().default([]),
    cc: jsonb('cc').$type<MailAddress[]>().notNull().default([]),
    /** The Date header, else when the server received it: the timeline's order. */
    datedAt: timestamp('dated_at', { withTimezone: true }).notNull(),
    /** Attachments: as the sender named it; messages: null. */
    filename: text('filename'),
    /** message/rfc822 for a message. */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    /** Plain text for search and the timeline's snippet (at most 20,000 characters). */
    text: text('text').notNull().default(''),
    /** message_search_vector of the fields above (migration `archive`), written at insert. */
    searchVector: tsvector('search_vector'),
  },
  (t) => [
    unique('archived_documents_source_key').on(t.tenantId, t.blobHash, t.privateTo).nullsNotDistinct(),
    index('archived_documents_source_message_idx').on(t.sourceMessageId),
    index('archived_documents_blob_idx').on(t.blobHash),
    // A reply's thread (findThreadArchiveTargets) looks documents up by Message-ID.
    index('archived_documents_message_id_idx').on(t.tenantId, t.messageIdHeader),
    index('archived_documents_search_idx').using('gin', t.searchVector),
    check('archived_documents_kind_check', sql`${t.kind} in ('message', 'attachment')`),
    check(
      'archived_documents_visibility_check',
      sql`(${t.visibility} = 'tenant' and ${t.privateTo} is null) or (${t.visibility} = 'private' and ${t.privateTo} is not null)`,
    ),
  ],
);

export type ArchiveTargetKind = 'person' | 'company' | 'project' | 'sale';

/**
 * A document linked to a CRM row. One foreign key per kind (deleting a person drops its links,
 * not the documents), exactly one of them set; `target_id` is that one, generated, so that
 * (document, target) is one unique key for `ON CONFLICT` and the timeline's index (UUIDs do not
 * collide across kinds).
 */
export const archiveLinks = pgTable(
  'archive_links',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => archivedDocuments.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    targetKind: text('target_kind', { enum: ['person', 'company', 'project', 'sale'] }).notNull(),
    personId: uuid('person_id').references(() => persons.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id').references(() => companies.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'cascade' }),
    saleId: uuid('sale_id').references(() => sales.id, { onDelete: 'cascade' }),
    targetId: uuid('target_id')
      .notNull()
      .generatedAlwaysAs(sql`coalesce(person_id, company_id, project_id, sale_id)`),
    linkedBy: uuid('linked_by').references(() => users.id, { onDelete: 'set null' }),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('archive_links_document_target_idx').on(t.documentId, t.targetId),
    index('archive_links_tenant_target_idx').on(t.tenantId, t.targetId),
    check('archive_links_one_target_check', sql`num_nonnulls(person_id, company_id, project_id, sale_id) = 1`),
    check(
      'archive_links_kind_check',
      sql`(${t.targetKind} = 'person' and person_id is not null) or (${t.targetKind} = 'company' and company_id is not null)
        or (${t.targetKind} = 'project' and project_id is not null) or (${t.targetKind} = 'sale' and sale_id is not null)`,
    ),
  ],
);

export type ArchivedDocument = typeof archivedDocuments.$inferSelect;
export type ArchiveLink = typeof archiveLinks.$inferSelect;
