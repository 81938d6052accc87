/**
 * Where to go after signing in: the `next` parameter when it is a path on this site, else the inbox.
 * Used by the server's redirect (lib/server/decide-page-access.ts) and by the sign-in page in the
 * browser, so both follow the same rule (issue 8, item 6: open redirect after sign-in).
 *
 * Browsers are lenient where a naive prefix check is not: the WHATWG URL parser drops tab and
 * newline anywhere (`/\t/evil.test` → `//evil.test`), reads `\` as `/` in http(s) URLs
 * (`/\evil.test` → `//evil.test`), and resolves dot segments (`/..//evil.test` → `//evil.test`);
 * a newline in a `Location` header makes Node throw (a 500). So the input is refused when it, or
 * its percent-decoded form, holds a backslash, whitespace, a control or format character; it is then
 * resolved against a placeholder origin, must stay on it, and only the resolved, percent-encoded
 * path + query + fragment is returned (ASCII only: safe in a header, same in every browser).
 * Pure, no Node or DOM imports: it runs in both.
 */
export const DEFAULT_NEXT_PATH = '/inbox';

/** Longer than any path of ours; a bound before any other work (house rule 14). */
const MAX_NEXT_LENGTH = 2048;
const PLACEHOLDER_ORIGIN = 'http://origin.invalid';
// Controls (C0, DEL, C1), format characters (bidi overrides, zero-width spaces, BOM), every
// Unicode space or line separator, and the backslash.
const UNSAFE_CHARACTER = /[\p{Cc}\p{Cf}\p{Z}\s\\]/u;

export function safeNextPath(raw: string | null | undefined): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_NEXT_LENGTH) return DEFAULT_NEXT_PATH;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return DEFAULT_NEXT_PATH; // malformed percent-encoding
  }
  if (!isLocalPathShape(raw) || !isLocalPathShape(decoded)) return DEFAULT_NEXT_PATH;
  let url: URL;
  try {
    url = new URL(raw, PLACEHOLDER_ORIGIN);
  } catch {
    return DEFAULT_NEXT_PATH;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return DEFAULT_NEXT_PATH;
  const path = url.pathname + url.search + url.hash;
  // Dot segments can turn `/..//evil.test` into the protocol-relative `//evil.test`.
  return isLocalPathShape(path) ? path : DEFAULT_NEXT_PATH;
}

/** One leading `/`, not `//` (protocol-relative), nothing a browser would drop or reinterpret. */
function isLocalPathShape(value: string): boolean {
  return value.startsWith('/') && !value.startsWith('//') && !UNSAFE_CHARACTER.test(value);
}
