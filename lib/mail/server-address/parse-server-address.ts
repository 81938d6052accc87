import { isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';

export type ServerKind = 'imap' | 'smtp';

export interface ServerAddress {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (RFC 8314), as opposed to plain or STARTTLS. */
  ssl: boolean;
}

export type ParsedServerAddress = ({ ok: true } & ServerAddress) | { ok: false; code: 'BAD_SERVER_ADDRESS'; message: string };

/**
 * Default ports: RFC 8314 §7.3 registers 993 (imaps) and 465 (submissions) for implicit TLS;
 * 143 is IMAP (RFC 9051) and 587 message submission (RFC 6409), both upgraded with STARTTLS.
 */
export const DEFAULT_PORTS: Record<ServerKind, { ssl: number; plain: number }> = {
  imap: { ssl: 993, plain: 143 },
  smtp: { ssl: 465, plain: 587 },
};

/** URL schemes people paste, and whether they mean implicit TLS (`undefined`: keep the caller's choice). */
const SCHEMES: Record<ServerKind, Record<string, boolean | undefined>> = {
  // RFC 5092 defines imap://; imaps:// is the common spelling for the TLS port.
  imap: { imap: undefined, imaps: true, ssl: true, tls: true },
  smtp: { smtp: undefined, submission: undefined, smtps: true, submissions: true, ssl: true, tls: true },
};

const bad = (message: string): ParsedServerAddress => ({ ok: false, code: 'BAD_SERVER_ADDRESS', message });

/**
 * Reads what a person typed into a "server" field: `host`, `host:port`, `[ipv6]:port`, a bare IPv6
 * address, or a pasted URL such as `imaps://host:993/`. Pure; it never resolves the name.
 *
 * `ssl` is the caller's checkbox; a scheme that names TLS (`imaps`, `smtps`, `ssl`, `tls`) turns it on.
 * Without a port the default for the kind and `ssl` is used (see {@link DEFAULT_PORTS}).
 */
export function parseServerAddress(input: string, kind: ServerKind, ssl: boolean): ParsedServerAddress {
  let rest = input.trim();
  const label = kind.toUpperCase();
  if (!rest) return bad(`Enter the ${label} server address.`);

  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(rest);
  if (scheme) {
    const name = scheme[1]!.toLowerCase();
    if (!Object.hasOwn(SCHEMES[kind], name))
      return bad(`"${name}://" is not an ${label} address. Enter a server name like ${example(kind)}.`);
    ssl = SCHEMES[kind][name] ?? ssl;
    rest = rest.slice(scheme[0].length);
  }
  // Drop a pasted path, query or fragment (`host:993/`, `host/INBOX`).
  rest = rest.replace(/[/?#].*$/s, '');
  if (rest.includes('@')) return bad(`That looks like an e-mail address. Enter the ${label} server name, like ${example(kind)}.`);

  let host: string;
  let portText: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return bad('An IPv6 address in brackets needs the closing "]".');
    host = rest.slice(1, close);
    const after = rest.slice(close + 1);
    if (after && !after.startsWith(':')) return bad('Write an IPv6 address with a port as [address]:port.');
    portText = after ? after.slice(1) : undefined;
    if (!isIPv6(host)) return bad(`"${host}" is not a valid IPv6 address.`);
  } else if ((rest.match(/:/g) ?? []).length > 1) {
    // Two or more colons without brackets: a bare IPv6 address, which cannot carry a port.
    if (!isIPv6(rest)) return bad(`"${rest}" is not a valid address. Write an IPv6 address with a port as [address]:port.`);
    host = rest;
  } else {
    const colon = rest.indexOf(':');
    host = colon < 0 ? rest : rest.slice(0, colon);
    portText = colon < 0 ? undefined : rest.slice(colon + 1);
  }

  const port = parsePort(portText?.trim(), kind, ssl);
  if (typeof port === 'string') return bad(port);

  if (!isIPv6(host)) {
    const name = checkHostName(host.trim());
    if ('problem' in name) return bad(name.problem);
    host = name.host;
  }
  return { ok: true, host: host.toLowerCase(), port, ssl };
}

function parsePort(text: string | undefined, kind: ServerKind, ssl: boolean): number | string {
  // `host:` with nothing after the colon is read as "no port", like a browser does.
  if (!text) return ssl ? DEFAULT_PORTS[kind].ssl : DEFAULT_PORTS[kind].plain;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) return `The port "${text}" is not valid. Use a number from 1 to 65535.`;
  return port;
}

/** A DNS name (RFC 1035 §2.3.4 lengths) or an IPv4 address; IDN names are returned in ASCII (punycode). */
function checkHostName(raw: string): { host: string } | { problem: string } {
  const host = raw.replace(/\.+$/, ''); // a trailing dot is the DNS root: `imap.example.com.`
  if (!host) return { problem: 'The server name is empty.' };
  if (/\s/.test(host)) return { problem: 'The server name cannot contain spaces.' };
  const ascii = domainToASCII(host);
  if (!ascii || !/^[a-z0-9_.-]+$/i.test(ascii) || ascii.length > 253) return { problem: `"${host}" is not a valid server name.` };
  if (ascii.split('.').some((part) => part.length === 0 || part.length > 63 || part.startsWith('-') || part.endsWith('-')))
    return { problem: `"${host}" is not a valid server name.` };
  return { host: ascii };
}

function example(kind: ServerKind): string {
  return kind === 'imap' ? 'imap.example.com' : 'smtp.example.com';
}
