import type { FetchText } from './deps.ts';
import { firstByPriority } from './first-by-priority.ts';
import { parseAutoconfig, type DiscoveredServers } from './parse-autoconfig.ts';

/**
 * Where a domain publishes its Thunderbird autoconfig file, best first (Thunderbird's
 * `FetchConfig.fromISP`). The address goes along only over HTTPS, as `emailaddress`, so a provider
 * can answer per mailbox; the plain-HTTP fallback, kept because small hosters still serve it,
 * does not leak it.
 */
export function autoconfigUrls(domain: string, email: string): string[] {
  const query = `?emailaddress=${encodeURIComponent(email)}`;
  return [
    `https://autoconfig.${domain}/mail/config-v1.1.xml${query}`,
    `https://${domain}/.well-known/autoconfig/mail/config-v1.1.xml`,
    `http://autoconfig.${domain}/mail/config-v1.1.xml`,
  ];
}

/**
 * Fetches all the autoconfig URLs of `domain` at once and takes the best that parses: the HTTPS
 * answers win over the HTTP one even when it comes first. Unreachable hosts, HTTP errors and
 * unusable documents all mean `null`.
 */
export function fetchAutoconfig(
  domain: string,
  email: string,
  fetchText: FetchText,
  signal: AbortSignal,
): Promise<DiscoveredServers | null> {
  const lookups = autoconfigUrls(domain, email).map((url) => async (lookupSignal: AbortSignal) => {
    const xml = await fetchText(url, { signal: lookupSignal });
    return parseAutoconfig(xml, email);
  });
  return firstByPriority(lookups, signal);
}
