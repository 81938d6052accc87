import { AppError } from '../errors.ts';

/** The longest CRM name (company, person, project, sale), as graphql/input-limits.ts MAX_LENGTH.name. @default 200 */
export const MAX_CRM_NAME_LENGTH = 200;
/** Phone numbers and job titles. @default 100 */
export const MAX_CRM_SHORT_TEXT_LENGTH = 100;
/** A postal address, several lines. @default 1000 */
export const MAX_CRM_ADDRESS_LENGTH = 1000;
/** RFC 5321 §4.5.3.1.3: a path is at most 256 octets, angle brackets included. @default 254 */
export const MAX_CRM_EMAIL_LENGTH = 254;
/** RFC 1035 §2.3.4: a name is at most 255 octets, 253 characters as text. @default 253 */
export const MAX_CRM_DOMAIN_LENGTH = 253;
/** E-mail addresses of one person, domains of one company: a handful in practice. @default 20 */
export const MAX_CRM_ADDRESSES = 20;
/** Addresses or domains one lookup reads (a message's senders and recipients); more are ignored. @default 100 */
export const MAX_CRM_LOOKUP = 100;

const refuse = (field: string, message: string) => new AppError('CRM_INVALID_INPUT', { field, message });

// eslint-disable-next-line no-control-regex -- whitespace and control characters are what is refused
const SPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f]/;
/** A DNS label (RFC 1123 §2.1: letters, digits, hyphens, not at either end); IDNs arrive as their Unicode or xn-- form. */
const LABEL = /^(?!-)[\p{L}\p{N}-]{1,63}(?<!-)$/u;

/**
 * A domain as stored in company_domains: trimmed, lower-cased, without "@" (a pasted "@acme.nl"
 * or an address "info@acme.nl" keeps its domain part), without a trailing dot; at least two labels.
 */
export function normalizeDomain(raw: string, field = 'domains'): string {
  let domain = raw.trim().toLowerCase();
  const at = domain.lastIndexOf('@');
  if (at >= 0) domain = domain.slice(at + 1);
  if (domain.endsWith('.')) domain = domain.slice(0, -1);
  if (domain.length > MAX_CRM_DOMAIN_LENGTH) throw refuse(field, `A domain is at most ${MAX_CRM_DOMAIN_LENGTH} characters.`);
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) throw refuse(field, 'This is not a domain name.');
  return domain;
}

/**
 * An e-mail address as stored in person_emails: trimmed and lower-cased (the domain is
 * case-insensitive, RFC 5321 §2.4; local parts differ by case in theory only, and matching a
 * sender must not depend on how they typed it). One local part, "@", a valid domain.
 */
export function normalizeEmail(raw: string, field = 'emails'): string {
  const address = raw.trim().toLowerCase();
  if (address.length > MAX_CRM_EMAIL_LENGTH) throw refuse(field, `An address is at most ${MAX_CRM_EMAIL_LENGTH} characters.`);
  const at = address.lastIndexOf('@');
  if (at <= 0 || SPACE_OR_CONTROL.test(address)) throw refuse(field, 'This is not an e-mail address.');
  normalizeDomain(address.slice(at + 1), field);
  return address;
}

/** The domain part of an address (already normalised or not), or null when it has none. */
export function domainOfAddress(address: string): string | null {
  try {
    return normalizeDomain(address.slice(address.lastIndexOf('@') + 1));
  } catch {
    return null;
  }
}

/** A list of addresses or domains: each normalised, duplicates dropped (first spelling wins), bounded. */
export function normalizeList(
  raw: readonly string[],
  normalize: (value: string, field: string) => string,
  field: string,
): string[] {
  const unique = [...new Set(raw.filter((value) => value.trim() !== '').map((value) => normalize(value, field)))];
  if (unique.length > MAX_CRM_ADDRESSES) throw refuse(field, `At most ${MAX_CRM_ADDRESSES} entries.`);
  return unique;
}

/** A required name: trimmed, inner runs of whitespace kept as typed, never empty. */
export function normalizeName(raw: string, field = 'name'): string {
  const name = raw.trim();
  if (!name) throw refuse(field, 'Enter a name.');
  if (name.length > MAX_CRM_NAME_LENGTH) throw refuse(field, `A name is at most ${MAX_CRM_NAME_LENGTH} characters.`);
  return name;
}

/** An optional text field: trimmed; empty means "none" (null). `undefined` stays undefined: "unchanged" in an update. */
export function optionalText(raw: string | null | undefined, field: string, max: number): string | null | undefined {
  if (raw === undefined) return undefined;
  const text = raw?.trim() ?? '';
  if (text.length > max) throw refuse(field, `At most ${max} characters.`);
  return text || null;
}

/** What a search box sent: trimmed and lower-cased, at most a name's length; empty means "everything". */
export function normalizeSearch(raw: string | null | undefined): string {
  const search = (raw ?? '').trim().toLowerCase();
  if (search.length > MAX_CRM_NAME_LENGTH) throw refuse('search', `A search is at most ${MAX_CRM_NAME_LENGTH} characters.`);
  return search;
}
