import 'server-only';
import { sql } from 'drizzle-orm';
import { messages } from '../schema/index.ts';

/**
 * The search document of the messages row being written (`search_vector`), computed by the SQL
 * function message_search_vector (migration 0007_search) from the row's subject and addresses,
 * its stored body text and its attachment names. For an UPDATE of `messages`: it reads
 * message_bodies and attachments, so in the same transaction it must run after they are written.
 */
export const messageSearchVector = sql`message_search_vector(${messages.subject}, ${messages.from}, ${messages.to},
  ${messages.cc}, ${messages.bcc},
  (select b.text from message_bodies b where b.message_id = ${messages.id}),
  (select string_agg(a.filename, ' ') from attachments a where a.message_id = ${messages.id} and not a.inline))`;
