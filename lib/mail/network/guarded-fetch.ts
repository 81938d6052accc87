import 'server-only';
import { request } from 'node:http';
import type { Duplex } from 'node:stream';
import { secureOver, type OutboundGuard } from './outbound-guard.ts';

/** The slice of WHATWG `fetch` a protocol library calls (openid-client's `customFetch`). */
export type GuardedFetch = (url: string, init?: GuardedFetchInit) => Promise<Response>;

export interface GuardedFetchInit {
  /** @default 'GET' */
  method?: string;
  headers?: Record<string, string> | Headers;
  /** Form bodies (OAuth token requests, RFC 6749 §4.1.3) or text; nothing streamed. */
  body?: string | URLSearchParams | null;
  signal?: AbortSignal | null;
}

export interface GuardedFetchOptions {
  /** The largest response body accepted. @default 256 KiB (token and discovery answers are a few KiB) */
  maxBytes?: number;
  /** Gives up on a request after this long, when the caller passed no signal of its own. @default 15000 */
  timeoutMs?: number;
}

const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

/**
 * `fetch` through the outbound guard (STYLE.md rule 13), for libraries that take a fetch function
 * (openid-client 6: `config[customFetch]`). Each request checks the URL's host for its port, opens
 * the socket to the checked address and sends the name only as `Host` and TLS name, as fetchBinary
 * does; unlike it, any method and body, and every status is answered as a `Response` (OAuth errors
 * come as 400 with a JSON body the library must read). Redirects are **not** followed: the caller
 * gets the 3xx (openid-client asks for `redirect: 'manual'` anyway), so no hop escapes the check.
 */
export function createGuardedFetch(guard: OutboundGuard, options: GuardedFetchOptions = {}): GuardedFetch {
  const maxBytes = options.maxBytes ?? 256 * 1024;
  const timeoutMs = options.timeoutMs ?? 15_000;
  return async (input, init = {}) => {
    const url = new URL(input);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`fetch ${url.href}: not an HTTP(S) URL`);
    const signal = init.signal ?? AbortSignal.timeout(timeoutMs);
    const secure = url.protocol === 'https:';
    const port = url.port ? Number(url.port) : secure ? 443 : 80;
    signal.throwIfAborted();
    const target = await guard.check(url.hostname, port);
    signal.throwIfAborted();
    const plain = guard.dial(target);
    const socket: Duplex = secure ? secureOver(plain, url.hostname) : plain;
    const body = init.body === undefined || init.body === null ? undefined : Buffer.from(String(init.body));
    const headers: Record<string, string> = {};
    new Headers(init.headers ?? {}).forEach((value, key) => (headers[key] = value));
    if (body && !headers['content-type'] && init.body instanceof URLSearchParams)
      headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
    if (body) headers['content-length'] = String(body.length);

    return new Promise<Response>((resolve, reject) => {
      const req = request(
        {
          method: init.method ?? 'GET',
          path: url.pathname + url.search,
          // No agent: this socket is for this one request, to this checked address.
          createConnection: () => socket,
          headers: { ...headers, host: url.host, connection: 'close' },
          signal,
        },
        (response) => {
          const status = response.statusCode ?? 0;
          const tooLarge = () => new Error(`${init.method ?? 'GET'} ${url.href}: body larger than ${maxBytes} bytes`);
          if (Number(response.headers['content-length'] ?? 0) > maxBytes) {
            response.resume();
            req.destroy();
            return reject(tooLarge());
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) req.destroy(tooLarge());
            else chunks.push(chunk);
          });
          response.on('error', reject);
          response.on('end', () => {
            const answerHeaders = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) answerHeaders.append(name, v);
            }
            resolve(
              new Response(NULL_BODY_STATUS.has(status) ? null : Buffer.concat(chunks), {
                status,
                statusText: response.statusMessage ?? '',
                headers: answerHeaders,
              }),
            );
            req.destroy();
          });
        },
      );
      req.on('error', (error) => {
        socket.destroy();
        reject(error);
      });
      req.end(body);
    });
  };
}
