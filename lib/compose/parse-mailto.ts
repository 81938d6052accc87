import addressparser from 'nodemailer/lib/addressparser';

/** What a `mailto:` URL asks the composer to fill in (RFC 6068). */
export interface MailtoDraft {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  /** Message-ID the new message answers (RFC 6068 §2 allows `in-reply-to`); angle brackets kept. */
  inReplyTo: string | null;
  /** Addresses that could not be read: shown to the person, never silently dropped. */
  invalid: string[];
}

/** Longest mailto URL read; browsers cap URLs near 2 MB, mail clients far lower. @default 32 KiB */
export const MAILTO_MAX_LENGTH = 32 * 1024;
/** Most addresses taken from one URL (a pasted mailing list stays usable, a flood does not). @default 500 */
export const MAILTO_MAX_ADDRESSES = 500;

/**
 * Reads a `mailto:` URL (RFC 6068) into what the composer shows.
 *
 * - The path and every `to=` field are recipients (§2: "to" in hfields adds to the path's).
 * - Percent-encoding is UTF-8 (§2); `+` is a literal plus, not a space (§5, unlike forms).
 * - Only to, cc, bcc, subject, body and in-reply-to are taken; every other header is ignored
 *   (§3: a client must not take headers such as From or Received from a link, which a web page
 *   would otherwise use to forge them).
 * - Addresses are read with nodemailer's address parser (display names, groups, quoted commas);
 *   what is not an address ends up in `invalid`.
 * - Line breaks in the body are `%0D%0A` (§5); they become `\n`.
 *
 * Returns null when `url` is not a mailto URL or longer than MAILTO_MAX_LENGTH.
 */
export function parseMailto(url: string): MailtoDraft | null {
  if (url.length > MAILTO_MAX_LENGTH || !/^mailto:/i.test(url)) return null;
  const rest = url.slice('mailto:'.length);
  const query = rest.indexOf('?');
  const path = query < 0 ? rest : rest.slice(0, query);
  const fields = query < 0 ? '' : rest.slice(query + 1);
  const draft: MailtoDraft = { to: [], cc: [], bcc: [], subject: '', body: '', inReplyTo: null, invalid: [] };
  const lists: Record<'to' | 'cc' | 'bcc', string[]> = { to: [decode(path)], cc: [], bcc: [] };
  for (const field of fields.split('&')) {
    if (!field) continue;
    const eq = field.indexOf('=');
    const name = decode(eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    const value = eq < 0 ? '' : decode(field.slice(eq + 1));
    if (name === 'to' || name === 'cc' || name === 'bcc') lists[name].push(value);
    // Several subject/body fields are not meaningful (§2); the first one wins, as in Thunderbird.
    else if (name === 'subject' && !draft.subject) draft.subject = oneLine(value);
    else if (name === 'body' && !draft.body) draft.body = value.replace(/\r\n?/g, '\n');
    else if (name === 'in-reply-to' && !draft.inReplyTo) draft.inReplyTo = oneLine(value) || null;
  }
  let budget = MAILTO_MAX_ADDRESSES;
  for (const kind of ['to', 'cc', 'bcc'] as const) {
    const seen = new Set<string>();
    for (const entry of splitAddresses(lists[kind].join(','))) {
      if (budget <= 0) break;
      budget -= 1;
      if ('invalid' in entry) draft.invalid.push(entry.invalid);
      else if (!seen.has(bareAddress(entry.address))) {
        seen.add(bareAddress(entry.address));
        draft[kind].push(entry.address);
      }
    }
  }
  return draft;
}

/** A plain `addr-spec`: one @, something on both sides, no spaces or angle brackets. */
const ADDR_SPEC = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$|^[^\s@<>(),;:"[\]\\]+@\[[^\]]+\]$/;

/**
 * Splits a pasted or linked address list ("Ann <ann@x.nl>, bob@y.com; cara@z.org") into addresses,
 * keeping display names ("Ann <ann@x.nl>") and reporting what is not an address. Semicolons are
 * taken as separators too (Outlook copies lists with them).
 */
export function splitAddresses(list: string): Array<{ address: string } | { invalid: string }> {
  const out: Array<{ address: string } | { invalid: string }> = [];
  for (const parsed of addressparser(list.replace(/;/g, ','), { flatten: true })) {
    const address = parsed.address.trim();
    if (!address && !parsed.name) continue;
    if (!ADDR_SPEC.test(address)) {
      out.push({ invalid: [parsed.name, address].filter(Boolean).join(' ') });
      continue;
    }
    const name = parsed.name.trim();
    out.push({ address: name ? `${quoteName(name)} <${address}>` : address });
  }
  return out;
}

/** `Ann <ann@x.nl>` → `ann@x.nl`, for finding the same person twice. */
function bareAddress(formatted: string): string {
  return (/<([^<>]+)>$/.exec(formatted)?.[1] ?? formatted).toLowerCase();
}

function quoteName(name: string): string {
  return /^[\w .'-]+$/u.test(name) ? name : `"${name.replace(/(["\\])/g, '\\$1')}"`;
}

/** Percent-decoding as UTF-8; a malformed escape is kept as written rather than failing the whole URL. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%([0-9a-f]{2})/gi, (whole, hex: string) => {
      const code = parseInt(hex, 16);
      return code < 0x80 ? String.fromCharCode(code) : whole;
    });
  }
}

/** Header values stay on one line: a CR or LF in a subject would be a header injection. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}
