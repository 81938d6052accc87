import 'server-only';
import { cidrContains, parseCidr, parseIpAddress, type IpAddress } from './ip-address.ts';
import { parseAllowlistEntry, STANDARD_MAIL_PORTS } from './parse-allowlist-entry.ts';

/**
 * Where mail connections may go. `online` (we host the product, people type any server name):
 * only public addresses, so a "mail server" field cannot be used to reach our own network or the
 * cloud metadata service (SSRF). `onsite` (a company runs it for itself): anything, because its
 * mail server usually sits on a private network.
 */
export interface ConnectPolicy {
  mode: 'online' | 'onsite';
  /**
   * What an operator allows despite the guard in `online` mode: CIDRs (`10.1.0.0/16`, `fd00::/8`),
   * single addresses, or host names (matched exactly, case-insensitively, against the name
   * connected to), each optionally with a port (`10.1.0.0/16:1143`, `[fd00::/8]:993`,
   * `mail.corp.example:993`); without one an entry opens only the standard mail ports. See
   * `parseAllowlistEntry`. A malformed entry allows nothing (`loadConfig` refuses it at start).
   * @default []
   */
  allowlist?: readonly string[];
}

/** Why an address is refused: the kind of special-purpose range it is in (RFC 6890 registry). */
export type BlockedRange = 'unspecified' | 'loopback' | 'private' | 'link-local' | 'shared' | 'multicast' | 'reserved';

export type ConnectDecision =
  | { allowed: true; reason: 'onsite' | 'public' | 'allowlisted' }
  | { allowed: false; reason: BlockedRange | 'not-an-address'; range?: string };

/** One connection about to be made: the IP connected to (after DNS), its port, and the name it was for. */
export interface ConnectTarget {
  address: string;
  port: number;
  /** The name typed or found in a URL, for allowlist entries that are names; absent for an IP literal. */
  hostname?: string;
}

/**
 * Special-purpose ranges that are not "somewhere on the internet". Order matters only for the
 * reason reported: the first match wins, so `::1` says loopback before `::/96` says reserved.
 */
const BLOCKED: ReadonlyArray<{ cidr: string; reason: BlockedRange }> = [
  // IPv4
  { cidr: '0.0.0.0/8', reason: 'unspecified' }, // "this network", RFC 1122 §3.2.1.3; 0.0.0.0 reaches the local host on Linux
  { cidr: '10.0.0.0/8', reason: 'private' }, // RFC 1918
  { cidr: '100.64.0.0/10', reason: 'shared' }, // carrier-grade NAT, RFC 6598
  { cidr: '127.0.0.0/8', reason: 'loopback' }, // RFC 1122 §3.2.1.3
  { cidr: '169.254.0.0/16', reason: 'link-local' }, // RFC 3927; includes the cloud metadata service 169.254.169.254
  { cidr: '172.16.0.0/12', reason: 'private' }, // RFC 1918
  { cidr: '192.0.0.0/24', reason: 'reserved' }, // IETF protocol assignments, RFC 6890
  { cidr: '192.0.2.0/24', reason: 'reserved' }, // TEST-NET-1, RFC 5737
  { cidr: '192.88.99.0/24', reason: 'reserved' }, // former 6to4 relay anycast, RFC 7526
  { cidr: '192.168.0.0/16', reason: 'private' }, // RFC 1918
  { cidr: '198.18.0.0/15', reason: 'reserved' }, // benchmarking, RFC 2544
  { cidr: '198.51.100.0/24', reason: 'reserved' }, // TEST-NET-2, RFC 5737
  { cidr: '203.0.113.0/24', reason: 'reserved' }, // TEST-NET-3, RFC 5737
  { cidr: '224.0.0.0/4', reason: 'multicast' }, // RFC 5771
  { cidr: '240.0.0.0/4', reason: 'reserved' }, // RFC 1112 §4; includes the broadcast 255.255.255.255 (RFC 919)
  // IPv6
  { cidr: '::/128', reason: 'unspecified' }, // RFC 4291 §2.5.2
  { cidr: '::1/128', reason: 'loopback' }, // RFC 4291 §2.5.3
  { cidr: '::/96', reason: 'reserved' }, // deprecated IPv4-compatible addresses, RFC 4291 §2.5.5.1
  { cidr: '64:ff9b:1::/48', reason: 'private' }, // local-use NAT64, RFC 8215
  { cidr: '100::/64', reason: 'reserved' }, // discard-only, RFC 6666
  { cidr: '2001:db8::/32', reason: 'reserved' }, // documentation, RFC 3849
  { cidr: 'fc00::/7', reason: 'private' }, // unique local addresses (ULA), RFC 4193
  { cidr: 'fe80::/10', reason: 'link-local' }, // RFC 4291 §2.5.6
  { cidr: 'fec0::/10', reason: 'private' }, // deprecated site-local, RFC 3879
  { cidr: 'ff00::/8', reason: 'multicast' }, // RFC 4291 §2.7
];

const BLOCKED_NETWORKS = BLOCKED.map(({ cidr, reason }) => ({ cidr, reason, network: parseCidr(cidr)! }));

/** IPv6 prefixes that carry an IPv4 address in their last 32 bits and reach that IPv4 host. */
const EMBEDDING_IPV4 = [
  parseCidr('::ffff:0:0/96')!, // IPv4-mapped, RFC 4291 §2.5.5.2: a socket to it is an IPv4 connection
  parseCidr('64:ff9b::/96')!, // well-known NAT64 prefix, RFC 6052 §2.1: the translator connects to the IPv4 host
];

/**
 * Decides whether a connection to `target.address` (the IP actually connected to, after DNS) on
 * `target.port` is allowed. Pure: no DNS, no sockets. A public address is allowed on any port
 * (people type `mail.example.com:2525`); a special-purpose one only through an allowlist entry
 * covering it and the port. An IPv4 address hidden in IPv6 (`::ffff:127.0.0.1`,
 * `64:ff9b::a9fe:a9fe`) is judged as that IPv4 address, and an entry for either spelling covers it.
 */
export function checkConnectTarget(target: ConnectTarget, policy: ConnectPolicy): ConnectDecision {
  if (policy.mode === 'onsite') return { allowed: true, reason: 'onsite' };
  const parsed = parseIpAddress(target.address);
  if (!parsed) return { allowed: false, reason: 'not-an-address' };
  const effective = embeddedIpv4(parsed) ?? parsed;
  const blocked = BLOCKED_NETWORKS.find(({ network }) => cidrContains(network, effective));
  if (!blocked) return { allowed: true, reason: 'public' };
  if (isAllowlisted(policy.allowlist ?? [], [parsed, effective], target)) return { allowed: true, reason: 'allowlisted' };
  return { allowed: false, reason: blocked.reason, range: blocked.cidr };
}

function embeddedIpv4(address: IpAddress): IpAddress | null {
  if (address.family !== 6 || !EMBEDDING_IPV4.some((prefix) => cidrContains(prefix, address))) return null;
  return { family: 4, value: address.value & 0xffffffffn };
}

function isAllowlisted(allowlist: readonly string[], addresses: IpAddress[], target: ConnectTarget): boolean {
  const name = target.hostname?.trim().replace(/\.+$/, '').toLowerCase();
  return allowlist.some((text) => {
    const entry = parseAllowlistEntry(text);
    if (!entry) return false;
    const portAllowed = entry.port === null ? STANDARD_MAIL_PORTS.includes(target.port) : entry.port === target.port;
    if (!portAllowed) return false;
    if (entry.name !== undefined) return !!name && entry.name === name;
    return addresses.some((address) => cidrContains(entry.network, address));
  });
}
