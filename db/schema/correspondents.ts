import { integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './tenants.ts';

/**
 * Who a user writes with, derived from their stored mail for addressSuggestions (issue 11): the
 * senders of what they received, the To and Cc of what they sent (Sent folder, RFC 6154), their
 * own addresses left out. One row per address; `times` and `last_at` rank the suggestions.
 *
 * Maintained by a statement-level trigger on `messages` inserts (migration 0017,
 * `messages_correspondents`): one set-based upsert per import batch, so every path that stores
 * mail (import, new mail, appended copies) keeps it current without knowing of it. A query then
 * reads the user's few thousand correspondents instead of unnesting 100k messages' addresses.
 * Removals are not subtracted: a deleted message's correspondent stays suggestible.
 */
export const correspondents = pgTable(
  'correspondents',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Lower-cased. */
    address: text('address').notNull(),
    /** The name last seen with it (null: never one). */
    name: text('name'),
    times: integer('times').notNull().default(0),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.address] })],
);
