import 'server-only';
import { lookup } from 'node:dns/promises';
import { checkConnectTarget, type BlockedRange, type ConnectPolicy } from './check-connect-target.ts';
import { parseIpAddress } from './ip-address.ts';

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
  ) {
    super(`connections to ${address}${address === hostname ? '' : ` (${hostname})`} are not allowed: ${range} address`);
    this.name = 'ConnectTargetBlockedError';
  }
}

/**
 * Resolves `host` once and checks every address it has against the policy, then returns the one
 * to connect to. The caller connects to that IP (keeping `host` as the TLS servername), never to
 * the name again: a second lookup could answer differently (DNS rebinding) and slip past the check.
 *
 * A name with any refused address is refused as a whole: a public name that also points inside
 * is either a mistake or an attack, and either way not worth the guesswork of which one to use.
 */
export async function resolveAndCheck(host: string, options: ResolveAndCheckOptions): Promise<ResolvedAddress> {
  const literal = parseIpAddress(host);
  const addresses: ResolvedAddress[] = literal
    ? [{ address: host.replace(/^\[(.*)\]$/s, '$1'), family: literal.family }]
    : await (options.resolveHost ?? lookupAll)(host);
  if (addresses.length === 0) throw Object.assign(new Error(`${host}: no addresses`), { code: 'ENOTFOUND', hostname: host });
  for (const { address } of addresses) {
    const decision = checkConnectTarget(address, options, host);
    if (!decision.allowed) throw new ConnectTargetBlockedError(host, address, decision.reason);
  }
  return addresses[0]!;
}

/** `verbatim`: keep the resolver's order (RFC 6724 sorting by getaddrinfo) rather than IPv4 first. */
async function lookupAll(hostname: string): Promise<ResolvedAddress[]> {
  const answers = await lookup(hostname, { all: true, verbatim: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}
