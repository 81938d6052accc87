/**
 * The search box's language, parsed purely (no database): words, "phrases", -negation and the
 * operators from: to: cc: subject: has:attachment is:unread|read|flagged in:<folder>
 * before:/after:<YYYY-MM-DD>, and for the CRM archive (issue 12) in:archive, person:<name or
 * e-mail> and company:<name or domain> (isArchiveSearch). Terms are ANDed. db/queries/search-conditions.ts turns the result
 * into SQL; this file decides what the text means and names the token when it cannot.
 */

/** The longest query accepted, in UTF-16 code units (the API refuses longer before parsing). @default 500 */
export const MAX_SEARCH_QUERY_LENGTH = 500;
/** The most terms in one query: bounds the SQL built from it. @default 50 */
export const MAX_SEARCH_TERMS = 50;

export type SearchField = 'from' | 'to' | 'cc' | 'subject';

export type SearchTerm =
  | { kind: 'text'; text: string; phrase: boolean; negated: boolean }
  | { kind: 'field'; field: SearchField; text: string; phrase: boolean; negated: boolean }
  | { kind: 'has-attachment'; negated: boolean }
  | { kind: 'is'; state: 'unread' | 'read' | 'flagged'; negated: boolean }
  | { kind: 'in'; folder: string; negated: boolean }
  /** person:/company: — archived documents linked to a matching CRM person or company (archive search only). */
  | { kind: 'crm'; target: 'person' | 'company'; text: string; negated: boolean }
  /** `before:` is before the day starts (UTC); `after:` is from the day's start on (Gmail's reading). */
  | { kind: 'date'; bound: 'before' | 'after'; date: Date; negated: boolean };

export interface SearchQuery {
  terms: SearchTerm[];
}

export type SearchQueryErrorReason =
  'empty' | 'too_long' | 'too_many_terms' | 'unbalanced_quote' | 'unknown_operator' | 'empty_value' | 'bad_value' | 'bad_date';

export interface SearchQueryError {
  reason: SearchQueryErrorReason;
  /** The offending token as typed (at most 50 characters), empty for `empty`. */
  token: string;
  /** Where it starts in the query (UTF-16 code units). */
  position: number;
  /** A sentence for the user, naming the token. */
  message: string;
}

export type ParsedSearchQuery = { ok: true; query: SearchQuery } | { ok: false; error: SearchQueryError };

const FIELDS = new Set<string>(['from', 'to', 'cc', 'subject']);
const OPERATORS = new Set<string>([...FIELDS, 'has', 'is', 'in', 'before', 'after', 'person', 'company']);
const IS_STATES = new Set<string>(['unread', 'read', 'flagged']);
/** A word must have a letter or digit to mean anything to the index ("-", "&&" are skipped). */
const MEANINGFUL = /[\p{L}\p{N}]/u;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseSearchQuery(input: string): ParsedSearchQuery {
  if (input.length > MAX_SEARCH_QUERY_LENGTH)
    return fail(
      'too_long',
      input.slice(MAX_SEARCH_QUERY_LENGTH),
      MAX_SEARCH_QUERY_LENGTH,
      `The search is longer than ${MAX_SEARCH_QUERY_LENGTH} characters.`,
    );
  const terms: SearchTerm[] = [];
  let i = 0;
  while (i < input.length) {
    if (/\s/.test(input[i]!)) {
      i++;
      continue;
    }
    const start = i;
    const negated = input[i] === '-';
    if (negated) i++;
    // An operator: letters, a colon, then a value (quoted or up to the next space).
    const name = /^([a-z]+):/i.exec(input.slice(i, i + 10));
    let operator: string | null = null;
    if (name) {
      operator = name[1]!.toLowerCase();
      i += name[0].length;
    }
    const value = readValue(input, i);
    if (!value.ok)
      return fail('unbalanced_quote', input.slice(start), start, `A quote in ${quoteToken(input.slice(start))} is not closed.`);
    i = value.end;
    const token = input.slice(start, i);
    let term: ReturnType<typeof operatorTerm>;
    if (operator === null) term = textTerm(value.text, value.quoted, negated);
    // "Re:" alone is a word, not an operator; "foo:bar" is a mistake worth naming.
    else if (!OPERATORS.has(operator) && !value.text) term = textTerm(token.slice(negated ? 1 : 0), false, negated);
    else if (!OPERATORS.has(operator))
      return fail(
        'unknown_operator',
        token,
        start,
        `Unknown search operator "${operator}:" in ${quoteToken(token)}; put quotes around it to search for the text.`,
      );
    else if (!value.text.trim()) return fail('empty_value', token, start, `${quoteToken(token)} needs a value after the colon.`);
    else term = operatorTerm(operator, value.text, value.quoted, negated);
    if (term === 'bad_date') return fail('bad_date', token, start, `${quoteToken(token)} is not a date like 2026-11-30.`);
    if (term === 'bad_value') return fail('bad_value', token, start, `${quoteToken(token)} is not something search knows.`);
    if (term === null) continue;
    if (terms.length === MAX_SEARCH_TERMS)
      return fail(
        'too_many_terms',
        token,
        start,
        `The search has more than ${MAX_SEARCH_TERMS} terms (from ${quoteToken(token)} on).`,
      );
    terms.push(term);
  }
  if (!terms.length) return fail('empty', '', 0, 'Type something to search for.');
  return { ok: true, query: { terms } };
}

/** A quoted value up to its closing quote, or a bare one up to the next white space. */
function readValue(input: string, at: number): { ok: true; text: string; quoted: boolean; end: number } | { ok: false } {
  if (input[at] === '"') {
    const close = input.indexOf('"', at + 1);
    if (close < 0) return { ok: false };
    return { ok: true, text: input.slice(at + 1, close), quoted: true, end: close + 1 };
  }
  let end = at;
  while (end < input.length && !/\s/.test(input[end]!)) end++;
  return { ok: true, text: input.slice(at, end), quoted: false, end };
}

function textTerm(text: string, phrase: boolean, negated: boolean): SearchTerm | null {
  return MEANINGFUL.test(text) ? { kind: 'text', text, phrase, negated } : null;
}

function operatorTerm(
  operator: string,
  value: string,
  quoted: boolean,
  negated: boolean,
): SearchTerm | 'bad_value' | 'bad_date' | null {
  const lower = value.trim().toLowerCase();
  if (FIELDS.has(operator)) {
    if (!MEANINGFUL.test(value)) return 'bad_value';
    return { kind: 'field', field: operator as SearchField, text: value, phrase: quoted, negated };
  }
  switch (operator) {
    case 'has':
      return lower === 'attachment' || lower === 'attachments' ? { kind: 'has-attachment', negated } : 'bad_value';
    case 'is':
      return IS_STATES.has(lower) ? { kind: 'is', state: lower as 'unread', negated } : 'bad_value';
    case 'in':
      return { kind: 'in', folder: value.trim(), negated };
    case 'person':
    case 'company':
      return MEANINGFUL.test(value) ? { kind: 'crm', target: operator, text: value.trim(), negated } : 'bad_value';
    default: {
      const date = parseDay(lower);
      return date ? { kind: 'date', bound: operator as 'before', date, negated } : 'bad_date';
    }
  }
}

/**
 * Whether a query searches the CRM archive instead of the mailboxes: it says in:archive, or names a
 * person: or company: (a mailbox message is linked to neither). So in:archive no longer finds a
 * mailbox folder named Archive (RFC 6154 \Archive): the issue gives the CRM archive that name.
 */
export function isArchiveSearch(query: SearchQuery): boolean {
  return query.terms.some((t) => (t.kind === 'in' && !t.negated && t.folder.toLowerCase() === ARCHIVE_SCOPE) || t.kind === 'crm');
}

/** in:archive: the CRM archive (issue 12). */
export const ARCHIVE_SCOPE = 'archive';

/** `YYYY-MM-DD` as midnight UTC; null unless it is a real day (no 2026-02-30). */
function parseDay(text: string): Date | null {
  const match = DAY.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

function quoteToken(token: string): string {
  return `"${token.length > 50 ? `${token.slice(0, 50)}…` : token}"`;
}

function fail(reason: SearchQueryErrorReason, token: string, position: number, message: string): ParsedSearchQuery {
  return { ok: false, error: { reason, token: token.slice(0, 50), position, message } };
}
