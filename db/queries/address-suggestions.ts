import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { rowsOf } from './rows-of.ts';

export interface AddressSuggestion {
  name: string | null;
  address: string;
}

/**
 * The user's correspondents (db/schema/correspondents.ts) whose address, or a word of whose name,
 * starts with `prefix` (case-insensitive; LIKE's wildcards in it are taken literally), ranked by
 * how often and how recently: ln(1 + times) × 2 − ln(1 + days since the last one), so a person
 * written with weekly beats one written once yesterday, and both beat a name from years ago.
 * The user's own accounts are left out (mail between them is not a correspondent). Reads only
 * the user's correspondents (the primary key's first column), never the messages.
 */
export async function suggestAddresses(db: Db, userId: string, prefix: string, limit: number): Promise<AddressSuggestion[]> {
  const pattern = `${prefix.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
  const words = `% ${pattern}`;
  const rows = rowsOf<{ name: string | null; address: string }>(
    await db.execute(sql`
      select c.name, c.address from correspondents c
      where c.user_id = ${userId}
        and (c.address like ${pattern} or lower(c.name) like ${pattern} or lower(c.name) like ${words})
        and c.address not in (select lower(a.email) from mail_accounts a where a.user_id = ${userId})
      order by ln(1 + c.times) * 2 - ln(1 + greatest(0, extract(epoch from now() - c.last_at)) / 86400) desc, c.address
      limit ${limit}`),
  );
  return rows.map((r) => ({ name: r.name, address: r.address }));
}
