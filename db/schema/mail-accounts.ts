import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenants, users } from './tenants.ts';

/**
 * A user's connected mailbox: IMAP + SMTP settings. Each server's secret (a password or an
 * OAuth2 grant) is sealed with AES-256-GCM (lib/crypto/secret-box.ts); the key id beside each lets
 * keys rotate. The API never returns them. Read and written only through
 * lib/mail-accounts/mail-server-row.ts, which maps these columns to the `MailServer` type.
 */
export const mailAccounts = pgTable(
  'mail_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    /** Where the settings came from: provider | autoconfig | srv | mx | guess | manual */
    settingsSource: text('settings_source').notNull(),
    imapHost: text('imap_host').notNull(),
    imapPort: integer('imap_port').notNull(),
    imapSsl: boolean('imap_ssl').notNull(),
    imapUsername: text('imap_username').notNull(),
    /** How the app signs in to this server: `password` or `oauth2` (lib/mail/server/mail-server.ts). */
    imapAuthKind: text('imap_auth_kind').notNull().default('password'),
    /** The OAuth2 provider (`google`, `microsoft`) of an `oauth2` server, readable without unsealing; null for a password. */
    imapOAuthProvider: text('imap_oauth_provider'),
    /** The sealed secret: the password itself, or the OAuth2 grant as JSON (lib/mail-accounts/mail-server-row.ts). */
    imapSecretSealed: text('imap_secret_sealed').notNull(),
    imapSecretKeyId: text('imap_secret_key_id').notNull(),
    /** SHA-256 fingerprint of a certificate the user chose to trust (self-signed servers). */
    imapTrustedFingerprint: text('imap_trusted_fingerprint'),
    smtpHost: text('smtp_host').notNull(),
    smtpPort: integer('smtp_port').notNull(),
    smtpSsl: boolean('smtp_ssl').notNull(),
    smtpUsername: text('smtp_username').notNull(),
    /** How the app signs in to this server: `password` or `oauth2` (lib/mail/server/mail-server.ts). */
    smtpAuthKind: text('smtp_auth_kind').notNull().default('password'),
    /** The OAuth2 provider (`google`, `microsoft`) of an `oauth2` server, readable without unsealing; null for a password. */
    smtpOAuthProvider: text('smtp_oauth_provider'),
    /** The sealed secret: the password itself, or the OAuth2 grant as JSON (lib/mail-accounts/mail-server-row.ts). */
    smtpSecretSealed: text('smtp_secret_sealed').notNull(),
    smtpSecretKeyId: text('smtp_secret_key_id').notNull(),
    smtpTrustedFingerprint: text('smtp_trusted_fingerprint'),
    /**
     * The largest message the SMTP server takes, in bytes, as its EHLO announced (RFC 1870 SIZE),
     * seen at verification and at each send; null: not announced (or not seen yet).
     */
    smtpMaxSize: integer('smtp_max_size'),
    /** The account new mail is sent from by default (one per user). */
    isDefault: boolean('is_default').notNull().default(false),
    /**
     * Whether the provider files a copy of what is sent through its SMTP server in Sent itself
     * (Gmail, Microsoft 365): then no copy is appended. Null = as known for the provider
     * (lib/drafts/files-sent-mail.ts).
     */
    filesSentMail: boolean('files_sent_mail'),
    /**
     * The HTML signature new messages, replies and forwards from this account start with (below
     * a `-- ` line, RFC 3676 §4.3); null: none. The composer's editor schema filters it like any
     * body text, so only paragraphs, marks and links reach a message.
     */
    signatureHtml: text('signature_html'),
    /** connected | reconnect_required | error */
    status: text('status').notNull().default('connected'),
    lastErrorCode: text('last_error_code'),
    lastErrorMessage: text('last_error_message'),
    lastVerifiedAt: timestamp('last_verified_at', { withTimezone: true }),
    /** idle | connecting | importing | live | error — what the sync runner is doing (connecting: why, in last_error_*). */
    syncState: text('sync_state').notNull().default('idle'),
    lastSyncedAt: timestamp('last_synced_at', { withTimezone: true }),
    /** Which server process syncs this account (several processes on one PostgreSQL). */
    syncLeaseHolder: text('sync_lease_holder'),
    syncLeaseExpiresAt: timestamp('sync_lease_expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('mail_accounts_user_email_idx').on(t.userId, t.email),
    index('mail_accounts_tenant_idx').on(t.tenantId),
    check('mail_accounts_status_check', sql`${t.status} in ('connected', 'reconnect_required', 'error')`),
    check(
      'mail_accounts_imap_auth_check',
      sql`(${t.imapAuthKind} = 'password' and ${t.imapOAuthProvider} is null) or (${t.imapAuthKind} = 'oauth2' and ${t.imapOAuthProvider} is not null)`,
    ),
    check(
      'mail_accounts_smtp_auth_check',
      sql`(${t.smtpAuthKind} = 'password' and ${t.smtpOAuthProvider} is null) or (${t.smtpAuthKind} = 'oauth2' and ${t.smtpOAuthProvider} is not null)`,
    ),
  ],
);

/** The account's folders (RFC 6154 special-use marked); sync state columns are filled by the sync engine. */
export const mailFolders = pgTable(
  'mail_folders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => mailAccounts.id, { onDelete: 'cascade' }),
    path: text('path').notNull(),
    name: text('name').notNull(),
    /** \Inbox \Sent \Drafts \Trash \Junk \Archive … or null */
    specialUse: text('special_use'),
    /**
     * The hierarchy delimiter the server's LIST gives this folder (RFC 3501 §6.3.8: `/` on
     * Dovecot and Gmail, `.` on Courier and Cyrus); null for a flat namespace, or a row listed
     * before it was kept (the next LIST fills it in). A new folder's name may not contain it.
     */
    delimiter: text('delimiter'),
    uidValidity: bigint('uid_validity', { mode: 'number' }),
    uidNext: bigint('uid_next', { mode: 'number' }),
    highestModseq: text('highest_modseq'),
    lastSyncedAt: timestamp('last_synced_at', { withTimezone: true }),
    /** Messages with INTERNALDATE at or after this are imported; widening the window moves it back (backfill). */
    importedSince: timestamp('imported_since', { withTimezone: true }),
    /** Messages on the server within the window at the last check (for the completeness figure). */
    serverCount: integer('server_count'),
  },
  (t) => [uniqueIndex('mail_folders_account_path_idx').on(t.accountId, t.path)],
);

export type MailAccount = typeof mailAccounts.$inferSelect;
export type MailFolder = typeof mailFolders.$inferSelect;
