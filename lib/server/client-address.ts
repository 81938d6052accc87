import net from 'node:net';

/**
 * Which proxies in front of the server are trusted to say who the client is (`TRUST_PROXY`).
 * `hops: 0` trusts nothing: the client is the socket's peer and `X-Forwarded-For` is ignored,
 * because anyone can send that header (issue 8, item 3).
 */
export type TrustProxy = { hops: number } | { cidrs: string[] };

/**
 * Parses `TRUST_PROXY`: unset/`false`/`0` → trust nothing; an integer → that many proxy hops
 * (e.g. `1` for one TLS proxy); else a comma-separated list of proxy addresses or CIDRs
 * (`10.0.0.0/8, 127.0.0.1`). Returns the problem as a string when the value is not valid.
 */
/** No proxy is trusted (the default): the socket's peer is the client. */
export function trustsNoProxy(trustProxy: TrustProxy): boolean {
  return 'hops' in trustProxy ? trustProxy.hops === 0 : trustProxy.cidrs.length === 0;
}

export function parseTrustProxy(value: string | undefined): TrustProxy | string {
  const text = (value ?? '').trim();
  if (!text || text === 'false') return { hops: 0 };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= 10 ? { hops } : 'must be at most 10 hops';
  }
  const cidrs = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  for (const cidr of cidrs) {
    if (!parseCidr(cidr)) return `must be a number of proxy hops or a list of IP addresses/CIDRs; "${cidr}" is neither`;
  }
  return { cidrs };
}

/**
 * The client's address for a request. With a hop count n, the address n hops left of the
 * socket peer in `X-Forwarded-For` (each proxy appends the peer it saw); with CIDRs, the
 * right-most address that is not a trusted proxy. Entries left of that are written by the
 * client and never trusted (the same walk as Express's `trust proxy`).
 */
export function clientAddress(input: {
  socketAddress: string | undefined;
  forwardedFor: string | string[] | undefined;
  trustProxy: TrustProxy;
}): string {
  const socket = normalizeIp(input.socketAddress ?? '') ?? 'unknown';
  const { trustProxy } = input;
  if ('hops' in trustProxy && trustProxy.hops === 0) return socket;
  const header = Array.isArray(input.forwardedFor) ? input.forwardedFor.join(',') : (input.forwardedFor ?? '');
  // Nearest first: the socket peer, then X-Forwarded-For from right to left.
  const chain = [
    socket,
    ...header
      .split(',')
      .map((entry) => entry.trim())
      .reverse(),
  ];
  const trusted = 'hops' in trustProxy ? (_: string, i: number) => i < trustProxy.hops : cidrMatcher(trustProxy.cidrs);
  let client = socket;
  for (let i = 0; i < chain.length; i++) {
    const address = normalizeIp(chain[i]!);
    // A garbled entry: stop at the last address a trusted proxy vouched for.
    if (!address) break;
    client = address;
    if (!trusted(address, i)) break;
  }
  return client;
}

/** A valid IP without port, brackets or IPv4-mapped IPv6 prefix; undefined when not an IP. */
function normalizeIp(raw: string): string | undefined {
  let address = raw.trim();
  if (address.startsWith('[') && address.includes(']')) address = address.slice(1, address.indexOf(']'));
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) address = mapped[1]!;
  return net.isIP(address) ? address.toLowerCase() : undefined;
}

function parseCidr(cidr: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [ip = '', bits] = cidr.split('/');
  const address = normalizeIp(ip);
  if (!address) return undefined;
  const family = net.isIPv4(address) ? 'ipv4' : 'ipv6';
  const max = family === 'ipv4' ? 32 : 128;
  if (bits !== undefined && !/^\d+$/.test(bits)) return undefined;
  const prefix = bits === undefined ? max : Number(bits);
  return prefix <= max ? { address, prefix, family } : undefined;
}

function cidrMatcher(cidrs: string[]): (address: string) => boolean {
  const list = new net.BlockList();
  for (const cidr of cidrs) {
    const parsed = parseCidr(cidr);
    if (parsed) list.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  return (address) => list.check(address, net.isIPv4(address) ? 'ipv4' : 'ipv6');
}
