import 'server-only';
import { request } from 'node:http';
import type { Duplex } from 'node:stream';
import { secureOver, type OutboundGuard } from './outbound-guard.ts';

export interface FetchTextOptions {
  signal: AbortSignal;
  /** @default 512 KiB */
  maxBytes?: number;
  /** Redirects followed, each to a target checked again. @default 3, as Thunderbird for autoconfig */
  maxRedirects?: number;
  /** @default 'application/xml, text/xml' */
  accept?: string;
}

const DEFAULT_MAX_BYTES = 512 * 1024;
const DEFAULT_MAX_REDIRECTS = 3;

type Answer = { type: 'body'; text: string } | { type: 'redirect'; location: string };

/**
 * GET over HTTP(S) through the outbound guard: every hop's host, IP literals included, is checked
 * by `guard` for that hop's port before a socket is opened, and the socket goes to the checked
 * address (the name stays the `Host` header and the TLS name). Redirects are followed here, by
 * hand, at most `maxRedirects` times: Node's own `lookup` hook is skipped for IP literals, so a
 * `Location: http://127.0.0.1/` must never reach a library that follows it. Rejects on a
 * non-2xx answer, a refused target, a body over `maxBytes`, or `signal`.
 */
export async function fetchText(guard: OutboundGuard, url: string, options: FetchTextOptions): Promise<string> {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  let current = new URL(url);
  for (let hop = 0; ; hop += 1) {
    const answer = await getOnce(guard, current, options);
    if (answer.type === 'body') return answer.text;
    if (hop >= maxRedirects) throw new Error(`GET ${url}: more than ${maxRedirects} redirects`);
    current = new URL(answer.location, current);
  }
}

async function getOnce(guard: OutboundGuard, url: URL, options: FetchTextOptions): Promise<Answer> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`GET ${url.href}: not an HTTP(S) URL`);
  const secure = url.protocol === 'https:';
  const port = url.port ? Number(url.port) : secure ? 443 : 80;
  options.signal.throwIfAborted();
  const target = await guard.check(url.hostname, port);
  options.signal.throwIfAborted();
  const plain = guard.dial(target);
  const socket: Duplex = secure ? secureOver(plain, url.hostname) : plain;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  return new Promise<Answer>((resolve, reject) => {
    const req = request(
      {
        method: 'GET',
        path: url.pathname + url.search,
        // No agent: this socket is for this one request, to this checked address.
        createConnection: () => socket,
        headers: { host: url.host, accept: options.accept ?? 'application/xml, text/xml', connection: 'close' },
        signal: options.signal,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if (status >= 300 && status < 400 && location) {
          response.resume();
          req.destroy();
          return resolve({ type: 'redirect', location });
        }
        if (status < 200 || status >= 300) {
          response.resume();
          req.destroy();
          return reject(new Error(`GET ${url.href}: HTTP ${status}`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) req.destroy(new Error(`GET ${url.href}: body larger than ${maxBytes} bytes`));
          else chunks.push(chunk);
        });
        response.on('end', () => {
          resolve({ type: 'body', text: Buffer.concat(chunks).toString('utf8') });
          req.destroy();
        });
        response.on('error', reject);
      },
    );
    req.on('error', (error) => {
      socket.destroy();
      reject(error);
    });
    req.end();
  });
}
