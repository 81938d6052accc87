import 'server-only';
import { Resolver } from 'node:dns/promises';
import https from 'node:https';
import http from 'node:http';
import type { LookupFunction } from 'node:net';
import type { Config } from '../config.ts';
import { connectSocket, type DiscoveryDeps } from '../mail/discovery/deps.ts';
import type { ConnectPolicy } from '../mail/network/check-connect-target.ts';
import { resolveAndCheck, type ResolvedAddress, type ResolveHost } from '../mail/network/resolve-and-check.ts';

/** @default 512 KiB: autoconfig files are a few KB. */
const MAX_BODY_BYTES = 512 * 1024;

/** How this deployment resolves and guards every mail-related connection. */
export interface MailNetwork {
  /** Undefined = the system resolver. */
  resolveHost?: ResolveHost;
  guard: ConnectPolicy;
}

export function mailNetworkForConfig(config: Config): MailNetwork {
  const guard: ConnectPolicy = { mode: config.deploymentMode, allowlist: config.mailConnectAllowlist };
  if (!config.mailDiscoveryDnsServers.length) return { guard };
  const dns = new Resolver({ timeout: 2000, tries: 2 });
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
  return { resolveHost, guard };
}

/**
 * Discovery's dependencies for this deployment. DNS questions go to MAIL_DISCOVERY_DNS_SERVERS
 * when set; every HTTP fetch and probe connection resolves its host the same way and passes the
 * SSRF guard on the address actually connected to (online mode refuses private addresses).
 */
export function discoveryDepsForConfig(config: Config): DiscoveryDeps {
  const network = mailNetworkForConfig(config);
  const dns = new Resolver({ timeout: 2000, tries: 2 });
  if (config.mailDiscoveryDnsServers.length) dns.setServers(config.mailDiscoveryDnsServers);
  const check = (host: string) => resolveAndCheck(host, { ...network.guard, resolveHost: network.resolveHost });

  const lookup: LookupFunction = (hostname, options, callback) => {
    check(hostname).then(
      ({ address, family }) => {
        if ((options as { all?: boolean }).all)
          (callback as (e: null, a: ResolvedAddress[]) => void)(null, [{ address, family }]);
        else callback(null, address, family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };

  return {
    dns,
    fetchText: (url, init) => fetchWithLookup(url, init.signal, lookup),
    async connect(host, port, tls, signal) {
      const { address } = await check(host);
      // Connect to the checked IP; the name stays the TLS servername so certificates are checked against it.
      return connectSocket(address, port, tls, signal, host);
    },
  };
}

/** GET with a body cap, following up to 3 redirects, every hop resolved through `lookup`. */
function fetchWithLookup(url: string, signal: AbortSignal, lookup: LookupFunction, redirects = 3): Promise<string> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const request = client.get(target, { signal, lookup, headers: { accept: 'application/xml, text/xml' } }, (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location && redirects > 0) {
        response.resume();
        fetchWithLookup(new URL(response.headers.location, target).toString(), signal, lookup, redirects - 1).then(
          resolve,
          reject,
        );
        return;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        reject(new Error(`GET ${url}: HTTP ${status}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) request.destroy(new Error(`GET ${url}: body larger than ${MAX_BODY_BYTES} bytes`));
        else chunks.push(chunk);
      });
      response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}
