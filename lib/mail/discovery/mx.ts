import type { MxRecord } from 'node:dns';
import { fetchAutoconfig } from './autoconfig.ts';
import type { DiscoveryDeps } from './deps.ts';
import { findProviderByMx, providerSettings } from './providers.ts';
import { registrableDomain } from './registrable-domain.ts';
import type { MailSettings } from './types.ts';

/**
 * MX hosts, most preferred first (RFC 5321 §5.1: lower preference value first). A "null MX"
 * (a single record with exchange ".", RFC 7505) says the domain takes no mail: no hosts.
 */
export function orderMxHosts(records: readonly MxRecord[]): string[] {
  return [...records]
    .sort((a, b) => a.priority - b.priority)
    .map((record) => record.exchange.replace(/\.$/, '').toLowerCase())
    .filter((host) => host !== '' && host !== '.');
}

/**
 * The domain's mail is hosted elsewhere: find out where from its MX records. A known hoster's MX
 * (e.g. `*.mail.protection.outlook.com`) gives the provider table's settings; otherwise the
 * autoconfig file of the best MX host's registrable domain is tried, as Thunderbird does. That
 * domain being the address's own domain adds nothing (the autoconfig step asked it already).
 */
export async function lookupMx(
  domain: string,
  email: string,
  deps: DiscoveryDeps,
  signal: AbortSignal,
): Promise<MailSettings | null> {
  const records = await deps.dns.resolveMx(domain).catch(() => []);
  const hosts = orderMxHosts(records);
  const provider = findProviderByMx(hosts);
  if (provider) return providerSettings(provider, email, 'mx');
  const first = hosts[0];
  if (!first || signal.aborted) return null;
  const mxDomain = registrableDomain(first);
  if (mxDomain === domain || !mxDomain.includes('.')) return null;
  const servers = await fetchAutoconfig(mxDomain, email, deps.fetchText, signal);
  return servers ? { ...servers, source: 'mx' } : null;
}
