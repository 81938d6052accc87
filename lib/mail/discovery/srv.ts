import type { SrvRecord } from 'node:dns';
import type { DnsResolver } from './deps.ts';
import type { DiscoveredServers } from './parse-autoconfig.ts';
import type { ServerEndpoint } from './types.ts';

/** SRV owner names for one direction: implicit TLS first (RFC 8314 §5.1), then STARTTLS (RFC 6186 §3). */
const SERVICES = {
  imap: { tls: '_imaps._tcp', starttls: '_imap._tcp' },
  smtp: { tls: '_submissions._tcp', starttls: '_submission._tcp' },
} as const;

/**
 * Picks one target from one service's SRV answer. RFC 2782: lowest priority first; within a priority
 * weight shares load at random, but we store a single host, so the heaviest is taken (deterministic).
 * A target of "." means the service is decidedly not offered (RFC 2782).
 */
export function chooseSrvTarget(records: readonly SrvRecord[] | null): { host: string; port: number } | null {
  const usable = (records ?? [])
    .map((record) => ({ ...record, name: record.name.replace(/\.$/, '').toLowerCase() }))
    .filter((record) => record.name !== '' && record.name !== '.' && record.port > 0);
  usable.sort((a, b) => a.priority - b.priority || b.weight - a.weight);
  const best = usable[0];
  return best ? { host: best.name, port: best.port } : null;
}

/**
 * The endpoint for one direction from its two SRV answers. RFC 8314 §5.1: an MUA should prefer
 * implicit TLS, so `_imaps`/`_submissions` win whenever usable; the STARTTLS service is the fallback,
 * marked `starttls` because its plain port must be upgraded before the password goes out.
 */
export function chooseSrvEndpoint(
  tls: readonly SrvRecord[] | null,
  starttls: readonly SrvRecord[] | null,
): ServerEndpoint | null {
  const implicit = chooseSrvTarget(tls);
  if (implicit) return { ...implicit, ssl: true, starttls: false };
  const upgraded = chooseSrvTarget(starttls);
  return upgraded ? { ...upgraded, ssl: false, starttls: true } : null;
}

/**
 * RFC 6186 discovery: asks the four SRV names at once. Both directions must be found; an IMAP-only
 * answer leaves the domain to the next step. NXDOMAIN/NODATA and timeouts count as "no record".
 */
export async function lookupSrv(domain: string, email: string, dns: DnsResolver): Promise<DiscoveredServers | null> {
  const ask = (name: string) => dns.resolveSrv(`${name}.${domain}`).catch(() => null);
  const [imaps, imap, submissions, submission] = await Promise.all([
    ask(SERVICES.imap.tls),
    ask(SERVICES.imap.starttls),
    ask(SERVICES.smtp.tls),
    ask(SERVICES.smtp.starttls),
  ]);
  const incoming = chooseSrvEndpoint(imaps, imap);
  const outgoing = chooseSrvEndpoint(submissions, submission);
  if (!incoming || !outgoing) return null;
  return { imap: { ...incoming, username: email }, smtp: { ...outgoing, username: email } };
}
