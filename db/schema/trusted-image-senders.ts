import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './tenants.ts';

/**
 * Senders whose remote images a user always wants shown (the reader's "Always show images from
 * …", issue 10). Per user, not per account: the person trusts the sender, wherever the mail lands.
 * `address` is lower-cased (lib/reader/trusted-image-senders.ts: normalizeSenderAddress).
 */
export const userTrustedImageSenders = pgTable(
  'user_trusted_image_senders',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    address: text('address').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.address] })],
);

export type TrustedImageSender = typeof userTrustedImageSenders.$inferSelect;
