import 'server-only';
import { request } from 'node:http';
import type { Duplex } from 'node:stream';
import { secureOver, type OutboundGuard } from './outbound-guard.ts';

export interface FetchBinaryOptions {
  signal: AbortSignal;
  /** The largest body accepted; a larger `Content-Length` is refused before any body is read. */
  maxBytes: number;
  /** Redirects followed, each to a target checked again. @default 3 */
  maxRedirects?: number;
  /** Request headers besides `Host` and `Connection` (which are always ours). */
  headers?: Record<string, string>;
}

export interface FetchedBody {
  /** The final URL, after redirects. */
  url: string;
  /** As the server declared it (lower-cased, parameters kept); '' when absent. */
  contentType: string;
  bytes: Buffer;
}

/** Why a fetch failed, for a caller that answers differently (the image proxy: 413 for too-large, 502 otherwise). */
export type FetchFailure = 'not-http' | 'status' | 'too-large' | 'redirects';

export class FetchBinaryError extends Error {
  constructor(
    message: string,
    readonly reason: FetchFailure,
  ) {
    super(message);
    this.name = 'FetchBinaryError';
  }
}

const DEFAULT_MAX_REDIRECTS = 3;

type Answer = { type: 'body'; body: FetchedBody } | { type: 'redirect'; location: string };

/**
 * GET over HTTP(S) through the outbound guard (STYLE.md rule 13): every hop's host, IP literals
 * included, is checked by `guard` for that hop's port before a socket is opened, and the socket
 * goes to the checked address (the name stays the `Host` header and the TLS name). Redirects are
 * followed here, by hand, at most `maxRedirects` times: Node's own `lookup` hook is skipped for IP
 * literals, so a `Location: http://127.0.0.1/` must never reach a library that follows it.
 * Nothing but the given headers is sent: no cookies, no Referer. Rejects on a non-2xx answer, a
 * refused target (ConnectTargetBlockedError), a body over `maxBytes`, or `signal`.
 */
export async function fetchBinary(guard: OutboundGuard, url: string, options: FetchBinaryOptions): Promise<FetchedBody> {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  let current = new URL(url);
  for (let hop = 0; ; hop += 1) {
    const answer = await getOnce(guard, current, options);
    if (answer.type === 'body') return answer.body;
    if (hop >= maxRedirects) throw new FetchBinaryError(`GET ${url}: more than ${maxRedirects} redirects`, 'redirects');
    current = new URL(answer.location, current);
  }
}

async function getOnce(guard: OutboundGuard, url: URL, options: FetchBinaryOptions): Promise<Answer> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new FetchBinaryError(`GET ${url.href}: not an HTTP(S) URL`, 'not-http');
  const secure = url.protocol === 'https:';
  const port = url.port ? Number(url.port) : secure ? 443 : 80;
  options.signal.throwIfAborted();
  const target = await guard.check(url.hostname, port);
  options.signal.throwIfAborted();
  const plain = guard.dial(target);
  const socket: Duplex = secure ? secureOver(plain, url.hostname) : plain;
  const { maxBytes } = options;
  return new Promise<Answer>((resolve, reject) => {
    const req = request(
      {
        method: 'GET',
        path: url.pathname + url.search,
        // No agent: this socket is for this one request, to this checked address.
        createConnection: () => socket,
        headers: { ...options.headers, host: url.host, connection: 'close' },
        signal: options.signal,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        const fail = (error: Error) => {
          response.resume();
          req.destroy();
          reject(error);
        };
        if (status >= 300 && status < 400 && location) {
          response.resume();
          req.destroy();
          return resolve({ type: 'redirect', location });
        }
        if (status < 200 || status >= 300) return fail(new FetchBinaryError(`GET ${url.href}: HTTP ${status}`, 'status'));
        const tooLarge = () => new FetchBinaryError(`GET ${url.href}: body larger than ${maxBytes} bytes`, 'too-large');
        if (Number(response.headers['content-length'] ?? 0) > maxBytes) return fail(tooLarge());
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) req.destroy(tooLarge());
          else chunks.push(chunk);
        });
        response.on('end', () => {
          const contentType = (response.headers['content-type'] ?? '').toLowerCase();
          resolve({ type: 'body', body: { url: url.href, contentType, bytes: Buffer.concat(chunks) } });
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
