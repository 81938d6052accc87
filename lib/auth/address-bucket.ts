import net from 'node:net';

/**
 * The client address as the sign-in limits count it: an IPv4 address as is (also when written
 * IPv4-mapped, `::ffff:192.0.2.1`), an IPv6 address by its /64 prefix — one subscriber usually
 * holds a whole /64 (RFC 6177) and could otherwise rotate through 2^64 addresses, each with a
 * fresh per-address budget.
 */
export function addressBucket(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  const bare = address.split('%')[0]!; // a zone index (fe80::1%eth0) names no other host
  if (!net.isIPv6(bare)) return address;
  const [head = '', tail] = bare.split('::');
  const groups = head ? head.split(':') : [];
  if (tail !== undefined && groups.length < 4) {
    const tailGroups = tail ? tail.split(':') : [];
    const tailCount = tailGroups.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
    groups.push(...Array<string>(8 - groups.length - tailCount).fill('0'), ...tailGroups);
  }
  const prefix = groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16));
  return `${prefix.join(':')}::/64`;
}
