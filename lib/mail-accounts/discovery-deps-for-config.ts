import 'server-only';
import { Resolver } from 'node:dns/promises';
import type { Config } from '../config.ts';
import { createDefaultDiscoveryDeps, type DiscoveryDeps } from '../mail/discovery/deps.ts';
import type { ConnectPolicy } from '../mail/network/check-connect-target.ts';
import { createOutboundGuard, type OutboundNetwork } from '../mail/network/outbound-guard.ts';
import type { ResolvedAddress, ResolveHost } from '../mail/network/resolve-and-check.ts';

/** How this deployment resolves and guards every mail-related connection (discovery, verification, sync). */
export interface MailNetwork extends OutboundNetwork {
  /** DNS for discovery's MX/SRV questions: MAIL_DISCOVERY_DNS_SERVERS, else the system's. */
  dns: Resolver;
  /** Undefined = the system resolver (getaddrinfo, so /etc/hosts counts). */
  resolveHost?: ResolveHost;
  guard: ConnectPolicy;
}

/** Built once per process (lib/server/create-services.ts) and shared by discovery, verification and sync. */
export function mailNetworkForConfig(config: Config): MailNetwork {
  const guard: ConnectPolicy = { mode: config.deploymentMode, allowlist: config.mailConnectAllowlist };
  // c-ares' own retry loop, kept well inside discovery's step timeout.
  const dns = new Resolver({ timeout: 2000, tries: 2 });
  if (!config.mailDiscoveryDnsServers.length) return { dns, guard };
  dns.setServers(config.mailDiscoveryDnsServers);
  const resolveHost: ResolveHost = async (hostname) => {
    // RFC 6761 §6.3: "localhost" names are loopback and never asked of a DNS server.
    const name = hostname.toLowerCase().replace(/\.$/, '');
    if (name === 'localhost' || name.endsWith('.localhost')) return [{ address: '127.0.0.1', family: 4 }];
    const [v4, v6] = await Promise.allSettled([dns.resolve4(name), dns.resolve6(name)]);
    const found: ResolvedAddress[] = [
      ...(v4.status === 'fulfilled' ? v4.value.map((address) => ({ address, family: 4 as const })) : []),
      ...(v6.status === 'fulfilled' ? v6.value.map((address) => ({ address, family: 6 as const })) : []),
    ];
    if (!found.length) throw Object.assign(new Error(`${hostname}: not found`), { code: 'ENOTFOUND', hostname });
    return found;
  };
  return { dns, resolveHost, guard };
}

/**
 * Discovery's dependencies for this deployment: DNS questions go to the network's resolver, and
 * every HTTP fetch, redirect hop and probe goes through the outbound guard (lib/mail/network).
 */
export function discoveryDepsForNetwork(network: MailNetwork): DiscoveryDeps {
  return createDefaultDiscoveryDeps({ dns: network.dns, guard: createOutboundGuard(network) });
}
