import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Counters of rate-limiter-flexible's `RateLimiterDrizzle` (lib/auth/sign-in-limits.ts), shared
 * by every server process on the database. Keys are `<limiter>:<SHA-256 hex>`, never raw
 * e-mail addresses (issue 8, item 2): the check keeps every row small whatever a client sends.
 * Expired rows are deleted by the housekeeping job (lib/auth/auth-housekeeping.ts).
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    points: integer('points').notNull(),
    expire: timestamp('expire', { withTimezone: true }),
  },
  (t) => [index('rate_limits_expire_idx').on(t.expire), check('rate_limits_key_length', sql`length(${t.key}) <= 100`)],
);
