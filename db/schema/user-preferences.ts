import { boolean, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './tenants.ts';

/**
 * A user's own preferences kept on the server (they follow the user to every browser, unlike the
 * Local settings in cookies). No row: every default. Issue 12's archive preferences first.
 */
export const userPreferences = pgTable('user_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Replying to or forwarding an archived message pre-selects Send and archive with its targets. @default true */
  archiveSuggestReplies: boolean('archive_suggest_replies').notNull().default(true),
  /** The archive dialogs pre-select the suggested persons and companies. @default true */
  archiveAutoSuggest: boolean('archive_auto_suggest').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type UserPreferencesRow = typeof userPreferences.$inferSelect;
