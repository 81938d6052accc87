import type { MxRecord, SrvRecord } from 'node:dns';
import { Resolver } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { connect as netConnect, isIP, type LookupFunction } from 'node:net';
import type { Duplex } from 'node:stream';
import { checkServerIdentity, connect as tlsConnect } from 'node:tls';

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
}

/** @default 512 KiB: autoconfig files are a few KB. */
const MAX_BODY_BYTES = 512 * 1024;

/** Resolves a host name once and checks the address (the SSRF guard); callers connect to that address. */
export type CheckHost = (hostname: string) => Promise<{ address: string; family: 4 | 6 }>;

export interface DefaultDiscoveryOptions {
  /** @default the system's DNS servers */
  dns?: DnsResolver;
  /** When given, every HTTP fetch and probe connects only to the address this returns. */
  checkHost?: CheckHost;
}

/**
 * The real thing: DNS, an HTTP GET with a body cap, and `net`/`tls` sockets that check
 * certificates. With `checkHost`, fetches and probes resolve through it and connect to the
 * checked IP (the name stays the TLS servername), so a guard cannot be slipped by DNS rebinding.
 */
export function createDefaultDiscoveryDeps(options: DefaultDiscoveryOptions = {}): DiscoveryDeps {
  // c-ares' own retry loop, kept well inside discovery's step timeout.
  const dns = options.dns ?? new Resolver({ timeout: 2000, tries: 2 });
  const { checkHost } = options;
  if (!checkHost) return { dns, fetchText: fetchTextWithLimit, connect: connectSocket };
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    checkHost(hostname).then(
      ({ address, family }) => {
        if ((lookupOptions as { all?: boolean }).all) (callback as (e: null, a: unknown[]) => void)(null, [{ address, family }]);
        else callback(null, address, family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
  return {
    dns,
    fetchText: (url, init) => fetchTextWithLimit(url, { ...init, lookup }),
    async connect(host, port, tls, signal) {
      const { address } = await checkHost(host);
      return connectSocket(address, port, tls, signal, host);
    },
  };
}

/**
 * GET with a body-size cap, following up to 3 redirects as Thunderbird does for autoconfig.
 * `lookup` (optional) resolves every hop's host name, e.g. through the SSRF guard.
 */
export function fetchTextWithLimit(
  url: string,
  init: { signal: AbortSignal; lookup?: LookupFunction },
  redirects = 3,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const request = client.get(
      target,
      { signal: init.signal, ...(init.lookup ? { lookup: init.lookup } : {}), headers: { accept: 'application/xml, text/xml' } },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400 && response.headers.location && redirects > 0) {
          response.resume();
          fetchTextWithLimit(new URL(response.headers.location, target).toString(), init, redirects - 1).then(resolve, reject);
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
      },
    );
    request.on('error', reject);
  });
}

/**
 * A TCP or TLS socket, resolved once connected (for TLS: once the certificate checked out, with SNI
 * set to the host name). `signal` aborts the attempt and destroys the socket. `servername` lets a
 * caller connect to an already-checked IP while TLS still verifies the certificate against the name.
 */
export function connectSocket(host: string, port: number, tls: boolean, signal: AbortSignal, servername = host): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const sni = isIP(servername) ? undefined : servername;
    const socket = tls
      ? tlsConnect({
          host,
          port,
          servername: sni,
          ...(sni ? { checkServerIdentity: (_h, cert) => checkServerIdentity(sni, cert) } : {}),
        })
      : netConnect({ host, port });
    const cleanup = () => {
      signal.removeEventListener('abort', onAbort);
      socket.off('error', onError);
    };
    const onAbort = () => {
      cleanup();
      socket.destroy();
      reject(signal.reason);
    };
    const onError = (error: Error) => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('error', onError);
    socket.once(tls ? 'secureConnect' : 'connect', () => {
      cleanup();
      resolve(socket);
    });
  });
}
