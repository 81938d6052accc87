import 'server-only';
import { isIPv4 } from 'node:net';
import { domainToASCII } from 'node:url';
import { parseCidr, type Cidr } from './ip-address.ts';

/**
 * The ports an allowlist entry without a port opens: IMAP (143 with STARTTLS, 993 implicit TLS,
 * RFC 9051 / RFC 8314 §7.3) and SMTP (25 relay, which small hosters still offer for submission;
 * 587 submission, RFC 6409; 465 submissions, RFC 8314 §7.3). No POP3: this product reads mail over
 * IMAP only. No HTTP: allowing an internal mail host must not open its web admin page to the
 * autoconfig fetch, whose URL an outsider chooses (a redirect); name `host:443` to allow that.
 */
export const STANDARD_MAIL_PORTS: readonly number[] = [25, 143, 465, 587, 993];

/** One `MAIL_CONNECT_ALLOWLIST` entry: a network (CIDR or single address) or a host name, and the port it opens. */
export type AllowlistEntry = ({ network: Cidr; name?: undefined } | { name: string; network?: undefined }) & {
  /** `null`: the {@link STANDARD_MAIL_PORTS}. */
  port: number | null;
};

/**
 * Reads one entry. Accepted spellings:
 * - `10.1.0.0/16`, `192.0.2.7`, `fd00::/8`, `::1`: a network or one address, standard mail ports;
 * - `10.1.0.0/16:1143`, `192.0.2.7:993`, `[fd00::/8]:993`, `[::1]:993`: the same, that port only;
 * - `mail.corp.example`, `mail.corp.example:1143`: a host name (matched against the name connected
 *   to, case-insensitively, trailing dot ignored), standard mail ports or that port.
 * A bare IPv6 address cannot carry a port (its colons): put it in brackets. `null` if malformed.
 */
export function parseAllowlistEntry(text: string): AllowlistEntry | null {
  const entry = text.trim();
  let target: string;
  let portText: string | undefined;
  if (entry.startsWith('[')) {
    const match = /^\[([^\]]+)\](?::(.*))?$/s.exec(entry);
    if (!match) return null;
    [, target = '', portText] = match;
    if (!target.includes(':')) return null; // brackets are for IPv6 only
  } else if ((entry.match(/:/g) ?? []).length === 1) {
    [target = '', portText] = entry.split(':');
  } else {
    target = entry; // no colon, or a bare IPv6 address / network
  }
  let port: number | null = null;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) return null;
    port = Number(portText);
  }
  const network = parseCidr(target);
  if (network) return { network, port };
  if (target.includes('/') || target.includes(':')) return null;
  // WHATWG host parsing: IDN names to punycode, and `0x7f.1` or `2130706433` to the IPv4 address they are.
  const ascii = domainToASCII(target.replace(/\.+$/, ''));
  if (isIPv4(ascii)) return { network: parseCidr(ascii)!, port };
  if (!isHostName(ascii)) return null;
  return { name: ascii, port };
}

/** RFC 1123 §2.1 host names (letters, digits, hyphens; `_` too, as in SRV-style names), ≤ 253 characters. */
function isHostName(name: string): boolean {
  if (!name || name.length > 253) return false;
  return name.split('.').every((label) => /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i.test(label));
}
