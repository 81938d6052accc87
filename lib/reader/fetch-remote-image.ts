import 'server-only';
import { FetchBinaryError, fetchBinary } from '../mail/network/fetch-binary.ts';
import type { OutboundGuard } from '../mail/network/outbound-guard.ts';
import { sniffImageType, type RasterImageType } from './sniff-image-type.ts';

/** @default 5 MiB: a large newsletter hero image is well under 1 MB. */
export const MAX_REMOTE_IMAGE_BYTES = 5 * 1024 * 1024;
/** Whole fetch, redirects and body included. @default 10 s */
export const REMOTE_IMAGE_TIMEOUT_MS = 10_000;
/** @default 3 redirects, each checked by the guard */
export const REMOTE_IMAGE_MAX_REDIRECTS = 3;

/**
 * The request says nothing of the reader: no cookie, no Referer, a User-Agent every proxied
 * request shares (a tracking pixel learns that the message was opened through this product, not
 * by whom or from where: the address it sees is the server's).
 */
const REQUEST_HEADERS = {
  'user-agent': 'Mozilla/5.0 (compatible; ImageProxy)',
  accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif,image/bmp;q=0.9',
};

export type RemoteImage =
  { ok: true; type: RasterImageType; bytes: Buffer } | { ok: false; reason: 'too-large' | 'not-an-image' | 'unavailable' };

/**
 * Fetches a remote image for the reader's image proxy through the outbound guard (fetchBinary:
 * every hop's address checked, internal ones refused in online mode, ≤ 3 redirects), within the
 * size and time limits above, and keeps it only when its bytes are a raster image (sniffImageType;
 * the declared type is not trusted: SVG and HTML never pass). Never throws for what the remote
 * side does: every failure is one of three reasons, with nothing of the remote answer.
 */
export async function fetchRemoteImage(guard: OutboundGuard, url: string): Promise<RemoteImage> {
  try {
    const body = await fetchBinary(guard, url, {
      signal: AbortSignal.timeout(REMOTE_IMAGE_TIMEOUT_MS),
      maxBytes: MAX_REMOTE_IMAGE_BYTES,
      maxRedirects: REMOTE_IMAGE_MAX_REDIRECTS,
      headers: REQUEST_HEADERS,
    });
    const type = sniffImageType(body.bytes);
    return type ? { ok: true, type, bytes: body.bytes } : { ok: false, reason: 'not-an-image' };
  } catch (error) {
    if (error instanceof FetchBinaryError && error.reason === 'too-large') return { ok: false, reason: 'too-large' };
    return { ok: false, reason: 'unavailable' };
  }
}
