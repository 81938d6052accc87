import 'server-only';
import { and, desc, gte, lt, not, or, sql, type SQL } from 'drizzle-orm';
import type { ArchiveViewer } from '../../lib/archive/archive-target.ts';
import { AppError } from '../../lib/errors.ts';
import { ARCHIVE_SCOPE, type SearchField, type SearchQuery, type SearchTerm } from '../../lib/search/parse-search-query.ts';
import type { Db } from '../client.ts';
import { archivedDocuments } from '../schema/index.ts';
import { summaryColumns, visibleTo, type ArchivedDocumentSummary, type DocumentCursor } from './archived-documents.ts';

/**
 * A page of the archived documents the viewer may see (visibleTo: tenant, and private ones only
 * their owner's) that match a parsed search, newest first (the timeline's order and cursor).
 * Words, phrases and field terms as the mail search reads them (the same SQL functions of
 * migration 0008_search over the document's own search_vector), dates on the mail's date,
 * has:attachment for archived attachments, person:/company: by the CRM rows the document is
 * linked to. is: and in:<folder> are about mailboxes: BAD_USER_INPUT naming the term.
 */
export async function searchArchive(
  db: Db,
  viewer: ArchiveViewer,
  query: SearchQuery,
  limit: number,
  before?: DocumentCursor,
): Promise<ArchivedDocumentSummary[]> {
  return db
    .select(summaryColumns)
    .from(archivedDocuments)
    .where(
      and(
        visibleTo(viewer),
        ...query.terms.map(condition),
        before &&
          sql`(${archivedDocuments.datedAt}, ${archivedDocuments.id}) < (${before.datedAt.toISOString()}::timestamptz, ${before.id}::uuid)`,
      ),
    )
    .orderBy(desc(archivedDocuments.datedAt), desc(archivedDocuments.id))
    .limit(limit);
}

function condition(term: SearchTerm): SQL | undefined {
  const positive = positiveCondition(term);
  return positive && term.negated ? not(positive) : positive;
}

/** `search_vector @@ …` bare, so the GIN index answers it; negated, a row without a vector counts as not matching. */
function vectorMatches(term: Extract<SearchTerm, { kind: 'text' }>): SQL {
  const match = sql`${archivedDocuments.searchVector} @@ search_query(${term.text}::text, ${term.phrase}::boolean)`;
  return term.negated ? sql`coalesce(${match}, false)` : match;
}

function positiveCondition(term: SearchTerm): SQL | undefined {
  switch (term.kind) {
    case 'text':
      return vectorMatches(term);
    case 'field':
      return sql`search_terms(${fieldText(term.field)}) @@ search_query(${term.text}::text, ${term.phrase}::boolean)`;
    case 'has-attachment':
      return sql`${archivedDocuments.kind} = 'attachment'`;
    case 'date':
      return term.bound === 'before' ? lt(archivedDocuments.datedAt, term.date) : gte(archivedDocuments.datedAt, term.date);
    case 'in':
      if (term.folder.toLowerCase() === ARCHIVE_SCOPE) return term.negated ? sql`false` : undefined;
      throw notForArchive(`in:${term.folder}`);
    case 'is':
      throw notForArchive(`is:${term.state}`);
    case 'crm':
      return term.target === 'person' ? linkedToPerson(term.text) : linkedToCompany(term.text);
  }
}

function notForArchive(token: string): AppError {
  return new AppError('BAD_USER_INPUT', {
    field: 'query',
    message: `"${token}" is about mailboxes; archived documents have no folders or flags.`,
    details: { reason: 'bad_value', token, position: 0 },
  });
}

function fieldText(field: SearchField): SQL {
  switch (field) {
    case 'subject':
      return sql`left(${archivedDocuments.subject}, 1000)`;
    case 'from':
      return sql`search_addresses(${archivedDocuments.from})`;
    case 'to':
      return sql`search_addresses(${archivedDocuments.to})`;
    case 'cc':
      return sql`search_addresses(${archivedDocuments.cc})`;
  }
}

/** `%text%` for LIKE on folded names, its own wildcards escaped. */
function containing(text: string): SQL {
  return sql`'%' || replace(replace(replace(search_fold(${text}::text), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
}

/** Linked to a person whose name contains the text (accents and case folded) or who has it as an address. */
function linkedToPerson(text: string): SQL {
  return sql`exists (select 1 from archive_links l join persons p on p.id = l.person_id
    where l.document_id = ${archivedDocuments.id} and l.tenant_id = ${archivedDocuments.tenantId}
      and (search_fold(p.name) like ${containing(text)}
        or exists (select 1 from person_emails e where e.person_id = p.id and e.address = lower(${text.trim()}::text))))`;
}

/**
 * Linked to a company whose name contains the text or that has it as a domain (`@acme.nl` and
 * `acme.nl` alike), or to a person of such a company.
 */
function linkedToCompany(text: string): SQL {
  const domain = text.trim().replace(/^@/, '').toLowerCase();
  const matches = (company: SQL) => sql`exists (select 1 from companies c where c.id = ${company}
    and (search_fold(c.name) like ${containing(text)}
      or exists (select 1 from company_domains d where d.company_id = c.id and d.domain = ${domain}::text)))`;
  return sql`exists (select 1 from archive_links l left join persons p on p.id = l.person_id
    where l.document_id = ${archivedDocuments.id} and l.tenant_id = ${archivedDocuments.tenantId}
      and (${or(matches(sql`l.company_id`), matches(sql`p.company_id`))}))`;
}
