import 'server-only';
import { isIPv4, isIPv6 } from 'node:net';

/** An IP address as a number: 32 bits for IPv4, 128 for IPv6. */
export interface IpAddress {
  family: 4 | 6;
  value: bigint;
}

/** A network in CIDR notation (RFC 4632 §3.1 for IPv4, RFC 4291 §2.3 for IPv6). */
export interface Cidr extends IpAddress {
  prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;

/**
 * Reads a textual IP address: dotted IPv4, or IPv6 in any RFC 4291 §2.2 form (`::` compression,
 * a trailing dotted IPv4 part, `[brackets]`, a `%zone` suffix, which is dropped). `null` if it is
 * not one; a host name is not an address. Validation is left to `node:net` so the accepted
 * spellings are exactly the ones a socket would accept.
 */
export function parseIpAddress(text: string): IpAddress | null {
  const bare = text.trim().replace(/^\[(.*)\]$/s, '$1');
  if (isIPv4(bare)) return { family: 4, value: ipv4Value(bare) };
  if (!isIPv6(bare)) return null;
  const address = bare.replace(/%.*$/s, '');
  const [head = '', tail] = address.split('::');
  const left = words(head);
  const right = tail === undefined ? [] : words(tail);
  const all = tail === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  return { family: 6, value: all.reduce((acc, word) => (acc << 16n) | BigInt(word), 0n) };
}

/** `10.0.0.0/8`, `fd00::/8`; a bare address is a network of one (`/32`, `/128`). `null` if malformed. */
export function parseCidr(text: string): Cidr | null {
  const [addressText = '', prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) return null;
  const address = parseIpAddress(addressText);
  if (!address) return null;
  const bits = BITS[address.family];
  if (prefixText === undefined) return { ...address, prefix: bits };
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) return null;
  return { ...address, prefix: Number(prefixText) };
}

/** Whether `address` lies in `network`; never across families (an IPv4-mapped address is the caller's business). */
export function cidrContains(network: Cidr, address: IpAddress): boolean {
  if (network.family !== address.family) return false;
  const shift = BigInt(BITS[network.family] - network.prefix);
  return network.value >> shift === address.value >> shift;
}

function ipv4Value(text: string): bigint {
  return text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

/** The 16-bit groups of one side of `::`; a dotted IPv4 tail (`::ffff:1.2.3.4`) counts as two groups. */
function words(part: string): number[] {
  if (!part) return [];
  return part.split(':').flatMap((group) => {
    if (!group.includes('.')) return [parseInt(group, 16)];
    const value = ipv4Value(group);
    return [Number(value >> 16n), Number(value & 0xffffn)];
  });
}
