import type { DiscoveryDeps, DnsResolver } from './deps.ts';
import { firstByPriority, type Lookup } from './first-by-priority.ts';
import type { DiscoveredServers } from './parse-autoconfig.ts';
import { probeServer, type ProbeCandidate, type ProbeFinding } from './probe-server.ts';
import { withTimeout } from './with-timeout.ts';

/**
 * Hard cap on connections one guess may open: the candidates below and nothing else, so discovery
 * cannot be turned into a port scanner (fixed ports, names derived from the address's domain only).
 */
export const MAX_PROBES = 12;

export interface ProbeOptions {
  /** Per-connection bound, from connect to goodbye. @default 4000 */
  probeTimeoutMs?: number;
  /** Connections open at once, over IMAP and SMTP together. @default 4 */
  concurrency?: number;
}

/**
 * The names and ports Thunderbird's guesser tries, best first: `imap.`, `mail.`, then the bare domain,
 * each with implicit TLS before STARTTLS (RFC 8314 §5.1); `smtp.`, `mail.`, bare for submission on
 * 465 then 587 (RFC 8314 §3.3, RFC 6409).
 */
export function guessCandidates(domain: string): { imap: ProbeCandidate[]; smtp: ProbeCandidate[] } {
  const list = (kind: 'imap' | 'smtp', tlsPort: number, plainPort: number): ProbeCandidate[] =>
    [`${kind}.${domain}`, `mail.${domain}`, domain].flatMap((host) => [
      { kind, host, port: tlsPort, tls: true },
      { kind, host, port: plainPort, tls: false },
    ]);
  return { imap: list('imap', 993, 143), smtp: list('smtp', 465, 587) };
}

/**
 * Guesses and probes: the best-ranked IMAP and SMTP candidates that answer like mail servers win.
 * Names without an address record are skipped before any connection. A plain port without STARTTLS
 * is taken only if nothing better answered, since a password would cross the network in the clear.
 */
export async function guessServers(
  domain: string,
  email: string,
  deps: DiscoveryDeps,
  options: ProbeOptions,
  signal: AbortSignal,
): Promise<DiscoveredServers | null> {
  const { probeTimeoutMs = 4000, concurrency = 4 } = options;
  const all = guessCandidates(domain);
  const existing = await hostsThatExist(deps.dns, [...new Set([...all.imap, ...all.smtp].map((c) => c.host))]);
  const capped = [...all.imap, ...all.smtp].filter((c) => existing.has(c.host)).slice(0, MAX_PROBES);
  const slot = createLimiter(concurrency);
  const probe = (candidate: ProbeCandidate, probeSignal: AbortSignal) =>
    slot(
      probeSignal,
      withTimeout((timeoutSignal) => probeServer(candidate, deps.connect, timeoutSignal), probeTimeoutMs),
    );
  const ofKind = (kind: ProbeCandidate['kind']) => capped.filter((candidate) => candidate.kind === kind);
  const [imap, smtp] = await Promise.all([
    bestFinding(ofKind('imap'), probe, signal),
    bestFinding(ofKind('smtp'), probe, signal),
  ]);
  return imap && smtp ? { imap: { ...imap, username: email }, smtp: { ...smtp, username: email } } : null;
}

/** Secure findings by candidate rank; a cleartext-only finding is remembered as the last resort. */
async function bestFinding(
  candidates: ProbeCandidate[],
  probe: (candidate: ProbeCandidate, signal: AbortSignal) => Promise<ProbeFinding | null>,
  signal: AbortSignal,
): Promise<ProbeFinding | null> {
  const cleartext: { rank: number; finding: ProbeFinding }[] = [];
  const lookups: Lookup<ProbeFinding>[] = candidates.map((candidate, rank) => async (lookupSignal) => {
    const finding = await probe(candidate, lookupSignal);
    if (finding && !finding.ssl && !finding.starttls) {
      cleartext.push({ rank, finding });
      return null;
    }
    return finding;
  });
  const secure = await firstByPriority(lookups, signal);
  return secure ?? cleartext.sort((a, b) => a.rank - b.rank)[0]?.finding ?? null;
}

/** Host names with an A or AAAA record; all of them when the resolver cannot say. */
async function hostsThatExist(dns: DnsResolver, hosts: string[]): Promise<Set<string>> {
  if (!dns.resolve4 && !dns.resolve6) return new Set(hosts);
  const found = await Promise.all(
    hosts.map(async (host) => {
      const [v4, v6] = await Promise.all([dns.resolve4?.(host).catch(() => []), dns.resolve6?.(host).catch(() => [])]);
      return (v4?.length ?? 0) + (v6?.length ?? 0) > 0 ? host : null;
    }),
  );
  return new Set(found.filter((host) => host !== null));
}

/**
 * At most `max` tasks at once. A task whose signal aborted while it waited is skipped (`null`).
 * Every release wakes all waiters; they re-check, which is plenty for a dozen probes.
 */
function createLimiter(max: number) {
  let active = 0;
  let waiters: (() => void)[] = [];
  return async <T>(signal: AbortSignal, task: (signal: AbortSignal) => Promise<T | null>): Promise<T | null> => {
    while (active >= max && !signal.aborted) await new Promise<void>((wake) => waiters.push(wake));
    if (signal.aborted) return null;
    active += 1;
    try {
      return await task(signal);
    } finally {
      active -= 1;
      const woken = waiters;
      waiters = [];
      for (const wake of woken) wake();
    }
  };
}
