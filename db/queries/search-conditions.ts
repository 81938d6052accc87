import { and, gte, lt, not, sql, type SQL } from 'drizzle-orm';
import type { SearchField, SearchQuery, SearchTerm } from '../../lib/search/parse-search-query.ts';
import { messages } from '../schema/index.ts';

/** A search as SQL: the full-text match the GIN index answers, and the conditions checked on its rows. */
export interface SearchConditions {
  /** `search_vector @@ …`: absent when the search has no words, phrases or field terms. */
  match?: SQL;
  /** Everything else, ANDed: field checks, flags, folders, dates. */
  filters?: SQL;
}

/**
 * A parsed search (lib/search/parse-search-query.ts) as conditions on `messages`. Pure: builds
 * SQL, runs nothing. Every value from the user is a bound parameter, handed to the SQL functions
 * of migration 0007_search (search_query folds and stems it as the index was built).
 *
 * The words, phrases and positive field terms make ONE tsquery matched against the GIN-indexed
 * `search_vector`. A field term is then checked on its own field (`from:jan` must match the
 * sender, not a "Jan" in the body) on the rows the index found; a negated field term is only that
 * check.
 */
export function searchConditions(query: SearchQuery): SearchConditions {
  const tsqueries: SQL[] = [];
  const conditions: SQL[] = [];
  for (const term of query.terms) {
    switch (term.kind) {
      case 'text': {
        const q = sql`search_query(${term.text}::text, ${term.phrase}::boolean)`;
        tsqueries.push(term.negated ? sql`!!${q}` : q);
        break;
      }
      case 'field': {
        const q = sql`search_query(${term.text}::text, ${term.phrase}::boolean)`;
        const onField = sql`search_terms(${fieldText(term.field)}) @@ ${q}`;
        if (term.negated) {
          conditions.push(sql`not (${onField})`);
        } else {
          tsqueries.push(q);
          conditions.push(onField);
        }
        break;
      }
      default:
        conditions.push(term.negated ? not(filter(term)) : filter(term));
    }
  }
  return {
    match: tsqueries.length ? sql`${messages.searchVector} @@ (${sql.join(tsqueries, sql` && `)})` : undefined,
    filters: and(...conditions),
  };
}

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

function filter(term: Exclude<SearchTerm, { kind: 'text' | 'field' }>): SQL {
  switch (term.kind) {
    case 'has-attachment':
      return sql`${messages.hasAttachments}`;
    case 'is':
      return term.state === 'unread'
        ? sql`not ${messages.seen}`
        : term.state === 'read'
          ? sql`${messages.seen}`
          : sql`${messages.flagged}`;
    case 'in':
      // By path, name or special use (in:sent finds \Sent), case-insensitively: "inbox" is INBOX (RFC 3501 §5.1).
      return sql`${messages.folderId} in (select f.id from mail_folders f where f.account_id = ${messages.accountId}
        and (lower(f.path) = lower(${term.folder}::text) or lower(f.name) = lower(${term.folder}::text)
          or lower(f.special_use) = lower('\\' || ${term.folder}::text)))`;
    case 'date':
      return term.bound === 'before' ? lt(messages.internalDate, term.date) : gte(messages.internalDate, term.date);
  }
}
