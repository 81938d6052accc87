import { and, gte, lt, not, sql, type SQL } from 'drizzle-orm';
import type { SearchField, SearchQuery, SearchTerm } from '../../lib/search/parse-search-query.ts';
import { messages } from '../schema/index.ts';

/**
 * A search as SQL, in parts by what each costs per row, so that search-messages.ts can put each
 * where it is cheapest: the full-text match the GIN index answers, the cheap column checks, the
 * field checks (three `to_tsvector` of a field per row) last, and the folders apart (a condition
 * on the folder list is checked once per folder, not once per message).
 */
export interface SearchConditions {
  /** `search_vector @@ …` of the words, phrases and positive field terms: absent without them. */
  match?: SQL;
  /** What `match` asks beyond the field checks: the words and phrases, or only that the message
   *  has a search document when the field terms are all it has. A positive field term's check
   *  finds its words in the vector too, so a scan that runs the checks needs only this. */
  textMatch?: SQL;
  /** Flags and dates, ANDed: columns of `messages`, cheap. */
  filters?: SQL;
  /** Positive subject: and from: checks, ANDed, written as messages_subject_search_idx and
   *  messages_from_search_idx index them (migration 0011): a GIN index answers them. */
  indexedFieldChecks?: SQL;
  /** The other field checks (to: cc:, negated ones), ANDed: three `to_tsvector` of a field a row
   *  (≈ 40 µs), to be checked on few rows. */
  fieldChecks?: SQL;
  /** in: terms, ANDed, on a `mail_folders` row aliased `f`. */
  folders?: SQL;
}

/**
 * A parsed search (lib/search/parse-search-query.ts) as conditions on `messages`. Pure: builds
 * SQL, runs nothing. Every value from the user is a bound parameter, handed to the SQL functions
 * of migration 0008_search (search_query folds and stems it as the index was built).
 *
 * The words, phrases and positive field terms make ONE tsquery matched against the GIN-indexed
 * `search_vector`. A field term is then checked on its own field (`from:jan` must match the
 * sender, not a "Jan" in the body) on the rows the index found; a negated field term is only that
 * check.
 */
export function searchConditions(query: SearchQuery): SearchConditions {
  const words: SQL[] = [];
  const fieldWords: SQL[] = [];
  const filters: SQL[] = [];
  const indexedFieldChecks: SQL[] = [];
  const fieldChecks: SQL[] = [];
  const folders: SQL[] = [];
  for (const term of query.terms) {
    switch (term.kind) {
      case 'text': {
        const q = sql`search_query(${term.text}::text, ${term.phrase}::boolean)`;
        words.push(term.negated ? sql`!!${q}` : q);
        break;
      }
      case 'field': {
        const q = sql`search_query(${term.text}::text, ${term.phrase}::boolean)`;
        const onField = sql`search_terms(${fieldText(term.field)}) @@ ${q}`;
        if (term.negated) {
          fieldChecks.push(sql`not (${onField})`);
        } else {
          fieldWords.push(q);
          (INDEXED_FIELDS.has(term.field) ? indexedFieldChecks : fieldChecks).push(onField);
        }
        break;
      }
      case 'in':
        folders.push(term.negated ? not(folderIs(term.folder)) : folderIs(term.folder));
        break;
      case 'crm':
        // person:/company: search the CRM archive (db/queries/search-archive.ts), which the API
        // routes such queries to (isArchiveSearch); no mailbox message is linked to a CRM row.
        filters.push(term.negated ? sql`true` : sql`false`);
        break;
      default:
        filters.push(term.negated ? not(filter(term)) : filter(term));
    }
  }
  const vectorMatches = (qs: SQL[]) => (qs.length ? sql`${messages.searchVector} @@ (${sql.join(qs, sql` && `)})` : undefined);
  return {
    match: vectorMatches([...words, ...fieldWords]),
    textMatch: vectorMatches(words) ?? (fieldWords.length ? sql`${messages.searchVector} is not null` : undefined),
    filters: and(...filters),
    indexedFieldChecks: and(...indexedFieldChecks),
    fieldChecks: and(...fieldChecks),
    folders: and(...folders),
  };
}

/** The fields with a GIN index of their search terms (migration 0011_search_field_indexes). */
const INDEXED_FIELDS = new Set<SearchField>(['subject', 'from']);

/** The field's text as search_terms reads it; for subject and from, as their indexes were built. */
function fieldText(field: SearchField): SQL {
  switch (field) {
    case 'subject':
      return sql`left(${messages.subject}, 1000)`;
    case 'from':
      return sql`search_addresses(${messages.from})`;
    case 'to':
      return sql`search_addresses(${messages.to})`;
    case 'cc':
      return sql`search_addresses(${messages.cc})`;
  }
}

/**
 * Folder `f` by path, name or special use (in:sent finds \Sent), case-insensitively: "inbox" is
 * INBOX (RFC 3501 §5.1). Never null (a folder without special use is simply not \Sent), so that
 * its negation keeps those folders.
 */
function folderIs(folder: string): SQL {
  return sql`coalesce(lower(f.path) = lower(${folder}::text) or lower(f.name) = lower(${folder}::text)
    or lower(f.special_use) = lower('\\' || ${folder}::text), false)`;
}

function filter(term: Exclude<SearchTerm, { kind: 'text' | 'field' | 'in' | 'crm' }>): SQL {
  switch (term.kind) {
    case 'has-attachment':
      return sql`${messages.hasAttachments}`;
    case 'is':
      return term.state === 'unread'
        ? sql`not ${messages.seen}`
        : term.state === 'read'
          ? sql`${messages.seen}`
          : sql`${messages.flagged}`;
    case 'date':
      return term.bound === 'before' ? lt(messages.internalDate, term.date) : gte(messages.internalDate, term.date);
  }
}
