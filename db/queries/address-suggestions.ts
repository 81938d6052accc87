import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { rowsOf } from './rows-of.ts';

export interface AddressSuggestion {
  name: string | null;
  address: string;
}

/**
 * Addresses for the composer's To/Cc/Bcc, starting with `prefix` (the address, or a word of the
 * name; case-insensitive; LIKE's wildcards in it are taken literally):
 *  1. the user's correspondents (db/schema/correspondents.ts), ranked by how often and how
 *     recently: ln(1 + times) × 2 − ln(1 + days since the last one), so a person written with
 *     weekly beats one written once yesterday, and both beat a name from years ago;
 *  2. then CRM persons of the user's organisation not among them (issue 11: "and from CRM persons
 *     once they exist"), by name. A correspondent who is a CRM person keeps the CRM name when the
 *     mail gave none.
 * The user's own accounts are left out (mail between them is not a correspondent). Reads only the
 * user's correspondents (the primary key's first column) and the tenant's CRM addresses.
 */
export async function suggestAddresses(
  db: Db,
  viewer: { userId: string; tenantId: string },
  prefix: string,
  limit: number,
): Promise<AddressSuggestion[]> {
  const pattern = `${prefix.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
  const words = `% ${pattern}`;
  const own = sql`(select lower(a.email) from mail_accounts a where a.user_id = ${viewer.userId})`;
  const correspondents = rowsOf<{ name: string | null; address: string }>(
    await db.execute(sql`
      select c.name, c.address from correspondents c
      where c.user_id = ${viewer.userId}
        and (c.address like ${pattern} or lower(c.name) like ${pattern} or lower(c.name) like ${words})
        and c.address not in ${own}
      order by ln(1 + c.times) * 2 - ln(1 + greatest(0, extract(epoch from now() - c.last_at)) / 86400) desc, c.address
      limit ${limit}`),
  );
  const persons = rowsOf<{ name: string; address: string }>(
    await db.execute(sql`
      select p.name, pe.address from person_emails pe
      join persons p on p.id = pe.person_id and p.tenant_id = ${viewer.tenantId}
      where pe.tenant_id = ${viewer.tenantId}
        and (pe.address like ${pattern} or lower(p.name) like ${pattern} or lower(p.name) like ${words})
        and pe.address not in ${own}
      order by lower(p.name), pe.address
      limit ${limit}`),
  );
  const crmName = new Map(persons.map((p) => [p.address, p.name]));
  const known = new Set(correspondents.map((c) => c.address));
  return [
    ...correspondents.map((c) => ({ name: c.name || crmName.get(c.address) || null, address: c.address })),
    ...persons.filter((p) => !known.has(p.address)).map((p) => ({ name: p.name, address: p.address })),
  ].slice(0, limit);
}
