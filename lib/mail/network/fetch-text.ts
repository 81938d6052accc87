import 'server-only';
import { fetchBinary } from './fetch-binary.ts';
import type { OutboundGuard } from './outbound-guard.ts';

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

/**
 * GET over HTTP(S) through the outbound guard, as UTF-8 text: fetchBinary (every hop checked,
 * redirects followed by hand, bounded body) with discovery's defaults. Rejects on a non-2xx
 * answer, a refused target, a body over `maxBytes`, or `signal`.
 */
export async function fetchText(guard: OutboundGuard, url: string, options: FetchTextOptions): Promise<string> {
  const body = await fetchBinary(guard, url, {
    signal: options.signal,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    maxRedirects: options.maxRedirects,
    headers: { accept: options.accept ?? 'application/xml, text/xml' },
  });
  return body.bytes.toString('utf8');
}
