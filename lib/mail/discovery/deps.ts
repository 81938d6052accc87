import type { MxRecord, SrvRecord } from 'node:dns';
import { Resolver } from 'node:dns/promises';
import { connect as netConnect, isIP } from 'node:net';
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

/** The real thing: the system's DNS servers, global `fetch`, and `net`/`tls` sockets that check certificates. */
export function createDefaultDiscoveryDeps(): DiscoveryDeps {
  // c-ares' own retry loop, kept well inside discovery's step timeout.
  const dns = new Resolver({ timeout: 2000, tries: 2 });
  return { dns, fetchText: fetchTextWithLimit, connect: connectSocket };
}

/** Global `fetch` with a body-size cap; redirects are followed as Thunderbird does for autoconfig. */
export async function fetchTextWithLimit(url: string, init: { signal: AbortSignal }): Promise<string> {
  const response = await fetch(url, {
    signal: init.signal,
    redirect: 'follow',
    headers: { accept: 'application/xml, text/xml' },
  });
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new Error(`GET ${url}: HTTP ${response.status}`);
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) throw new Error(`GET ${url}: body larger than ${MAX_BODY_BYTES} bytes`);
      chunks.push(value);
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).toString('utf8');
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
