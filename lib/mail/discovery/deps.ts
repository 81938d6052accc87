import type { MxRecord, SrvRecord } from 'node:dns';
import { Resolver } from 'node:dns/promises';
import type { Duplex } from 'node:stream';
import { fetchText } from '../network/fetch-text.ts';
import type { OutboundGuard } from '../network/outbound-guard.ts';
import { ConnectTargetBlockedError } from '../network/resolve-and-check.ts';

/**
 * The DNS questions discovery asks. A `node:dns/promises` `Resolver` fits as is, so tests pass
 * `new Resolver()` pointed at a loopback fixture server with `setServers(['127.0.0.1:<port>'])`.
 */
export interface DnsResolver {
  resolveMx(hostname: string): Promise<MxRecord[]>;
  resolveSrv(hostname: string): Promise<SrvRecord[]>;
  /** Used, when present, to skip guessed host names that do not exist before probing them. */
  resolve4?(hostname: string): Promise<string[]>;
  resolve6?(hostname: string): Promise<string[]>;
}

/** GETs a URL and returns the body; rejects on a non-2xx answer, a network error or `signal`. */
export type FetchText = (url: string, init: { signal: AbortSignal }) => Promise<string>;

/** Opens a TCP connection, with TLS from the first byte when `tls` is true (RFC 8314 implicit TLS). */
export type Connect = (host: string, port: number, tls: boolean, signal: AbortSignal) => Promise<Duplex>;

/** Everything discovery needs from the outside world, injectable so tests drive the real chain locally. */
export interface DiscoveryDeps {
  dns: DnsResolver;
  fetchText: FetchText;
  connect: Connect;
  /**
   * Whether this deployment may connect to a server an answer names (the outbound guard's verdict
   * on its address and port). An answer naming a refused server is dropped as invalid, so neither
   * it nor the error verifying it would give reaches the person. Absent: every answer stands.
   */
  acceptServer?: (host: string, port: number) => Promise<boolean>;
}

/** @default 512 KiB: autoconfig files are a few KB. */
const MAX_BODY_BYTES = 512 * 1024;

export interface DefaultDiscoveryOptions {
  /** @default the system's DNS servers */
  dns?: DnsResolver;
  /** The outbound door every fetch, redirect hop and probe goes through (lib/mail/network). */
  guard: OutboundGuard;
}

/**
 * The real thing: DNS, HTTP GETs with a body cap and redirects followed by hand, and `net`/`tls`
 * sockets that check certificates, all through `guard`, which checks the address actually
 * connected to (IP literals and every redirect hop included) and connects to that address.
 */
export function createDefaultDiscoveryDeps(options: DefaultDiscoveryOptions): DiscoveryDeps {
  // c-ares' own retry loop, kept well inside discovery's step timeout.
  const dns = options.dns ?? new Resolver({ timeout: 2000, tries: 2 });
  const { guard } = options;
  return {
    dns,
    fetchText: (url, { signal }) => fetchText(guard, url, { signal, maxBytes: MAX_BODY_BYTES }),
    connect: (host, port, tls, signal) => guard.connect(host, port, { tls, signal }),
    // Only a refusal drops an answer: a name that does not resolve (yet) is for verification to report.
    acceptServer: (host, port) =>
      guard.check(host, port).then(
        () => true,
        (error: unknown) => !(error instanceof ConnectTargetBlockedError),
      ),
  };
}
