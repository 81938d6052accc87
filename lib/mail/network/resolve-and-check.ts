import 'server-only';
import { lookup } from 'node:dns/promises';
import { isIP, isIPv4 } from 'node:net';
import { domainToASCII } from 'node:url';
import { checkConnectTarget, type BlockedRange, type ConnectPolicy } from './check-connect-target.ts';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Answers every address of a host name, best first; rejects like `dns.lookup` does (`ENOTFOUND`,
 * `EAI_AGAIN`, with `code` set). Injectable so tests never ask the internet.
 */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

export interface ResolveAndCheckOptions extends ConnectPolicy {
  /** @default the system resolver (`dns.lookup`, so /etc/hosts counts), in the order it answers */
  resolveHost?: ResolveHost;
}

/** A connection the SSRF guard refused; nothing was sent to `address`. */
export class ConnectTargetBlockedError extends Error {
  readonly code = 'ECONNECTBLOCKED';
  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly range: BlockedRange | 'not-an-address',
    readonly port?: number,
  ) {
    super(
      `connections to ${address}${port ? ` port ${port}` : ''}${address === hostname ? '' : ` (${hostname})`} are not allowed: ${range} address`,
    );
    this.name = 'ConnectTargetBlockedError';
  }
}

/**
 * Resolves `host` once and checks every address it has against the policy for `port`, then returns
 * the one to connect to. The caller connects to that IP (keeping `host` as the TLS servername),
 * never to the name again: a second lookup could answer differently (DNS rebinding) and slip past
 * the check. Use it through `createOutboundGuard`, which also opens the socket.
 *
 * IP literals are recognised here, never handed to a resolver: `127.0.0.1`, `[::1]`, and the
 * spellings the WHATWG URL parser and `inet_aton` read as IPv4 (`2130706433`, `0x7f.1`,
 * `0177.0.0.1`), so no spelling reaches a socket unchecked.
 *
 * A name with any refused address is refused as a whole: a public name that also points inside
 * is either a mistake or an attack, and either way not worth the guesswork of which one to use.
 */
export async function resolveAndCheck(host: string, port: number, options: ResolveAndCheckOptions): Promise<ResolvedAddress> {
  const literal = ipLiteral(host);
  const addresses: ResolvedAddress[] = literal
    ? [{ address: literal, family: isIP(literal) === 6 ? 6 : 4 }]
    : await (options.resolveHost ?? lookupAll)(host);
  if (addresses.length === 0) throw Object.assign(new Error(`${host}: no addresses`), { code: 'ENOTFOUND', hostname: host });
  for (const { address } of addresses) {
    const decision = checkConnectTarget({ address, port, ...(literal ? {} : { hostname: host }) }, options);
    if (!decision.allowed) throw new ConnectTargetBlockedError(host, address, decision.reason, port);
  }
  return addresses[0]!;
}

/** The address `host` spells, if it is an IP literal in any form a URL or a socket would accept; else `null`. */
export function ipLiteral(host: string): string | null {
  const bare = host.trim().replace(/^\[(.*)\]$/s, '$1');
  if (isIP(bare)) return bare;
  // WHATWG URL host parsing (what `new URL` did to the host already) turns numeric spellings into
  // dotted IPv4; getaddrinfo would do the same through inet_aton, behind the guard's back.
  const ascii = domainToASCII(bare.replace(/\.+$/, ''));
  return isIPv4(ascii) ? ascii : null;
}

/** `verbatim`: keep the resolver's order (RFC 6724 sorting by getaddrinfo) rather than IPv4 first. */
async function lookupAll(hostname: string): Promise<ResolvedAddress[]> {
  const answers = await lookup(hostname, { all: true, verbatim: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}
