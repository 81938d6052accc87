import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { findOwnAddresses } from '../../db/queries/archivable-messages.ts';
import { findUserMessage } from '../../db/queries/message-detail.ts';
import { rowsOf } from '../../db/queries/rows-of.ts';
import { AppError } from '../errors.ts';
import type { ArchiveViewer, NamedArchiveTarget } from './archive-target.ts';

export interface ArchiveSuggestion extends NamedArchiveTarget {
  /** What matched: the person's e-mail address, or the company's domain. */
  matched: string;
  /** address: a person by e-mail; domain: a company by the domain of an address; person: the company of a suggested person. */
  reason: 'address' | 'domain' | 'person';
}

/**
 * The CRM rows an e-mail most likely belongs to, for the archive dialog's pre-selection: persons
 * whose e-mail addresses are among the message's sender, reply-to and recipients (sender first),
 * then their companies, then companies by the domains of those addresses. The viewer's own
 * addresses, and the domains of them, are left out: everyone's own company would match every mail.
 */
export async function suggestArchiveTargets(db: Db, viewer: ArchiveViewer, messageId: string): Promise<ArchiveSuggestion[]> {
  const message = await findUserMessage(db, viewer.userId, messageId);
  if (!message) throw new AppError('NOT_FOUND', { field: 'messageId', message: 'No such message.' });
  return suggestTargetsForAddresses(
    db,
    viewer,
    [...message.from, ...message.replyTo, ...message.to, ...message.cc, ...message.bcc].map((a) => a.address),
  );
}

/**
 * The same matching for addresses in order (the composer's recipients: "Send and archive", issue
 * 12): persons by address, their companies, then companies by domain; the viewer's own addresses
 * and domains left out.
 */
export async function suggestTargetsForAddresses(
  db: Db,
  viewer: ArchiveViewer,
  candidates: readonly string[],
): Promise<ArchiveSuggestion[]> {
  const own = new Set(await findOwnAddresses(db, viewer.userId));
  const ownDomains = new Set([...own].map(domainOf));
  const addresses = [...new Set(candidates.map((a) => a.trim().toLowerCase()).filter((a) => a.includes('@') && !own.has(a)))];
  if (!addresses.length) return [];
  const domains = [...new Set(addresses.map(domainOf))].filter((d) => d && !ownDomains.has(d));
  const order = (address: string) => addresses.indexOf(address);

  const persons = rowsOf<{ id: string; name: string; address: string; companyId: string | null; companyName: string | null }>(
    await db.execute(sql`select p.id, p.name, e.address, c.id as "companyId", c.name as "companyName"
      from person_emails e join persons p on p.id = e.person_id
      left join companies c on c.id = p.company_id
      where e.tenant_id = ${viewer.tenantId}::uuid and e.address = any(${textArray(addresses)}::text[])`),
  ).sort((a, b) => order(a.address) - order(b.address) || a.name.localeCompare(b.name));
  const companies = domains.length
    ? rowsOf<{ id: string; name: string; domain: string }>(
        await db.execute(sql`select c.id, c.name, d.domain from company_domains d join companies c on c.id = d.company_id
          where d.tenant_id = ${viewer.tenantId}::uuid and d.domain = any(${textArray(domains)}::text[])
          order by c.name, c.id`),
      )
    : [];

  const suggestions: ArchiveSuggestion[] = [];
  const seen = new Set<string>();
  const add = (s: ArchiveSuggestion) => {
    if (seen.has(s.id)) return;
    seen.add(s.id);
    suggestions.push(s);
  };
  for (const p of persons) add({ kind: 'person', id: p.id, name: p.name, matched: p.address, reason: 'address' });
  for (const p of persons)
    if (p.companyId) add({ kind: 'company', id: p.companyId, name: p.companyName!, matched: p.address, reason: 'person' });
  for (const c of companies) add({ kind: 'company', id: c.id, name: c.name, matched: c.domain, reason: 'domain' });
  return suggestions;
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/** A PostgreSQL text[] literal, every element quoted: one bound parameter, whatever the values. */
function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
