import type { RasterImageType } from '../reader/sniff-image-type.ts';

/**
 * Headers of an image the reader's sandboxed iframe loads by signed URL (an inline part, a
 * proxied remote image): the sniffed raster type only, never sniffed again by the browser, inert
 * if opened on its own (CSP sandbox), cached by this browser only until the URL expires. The
 * iframe has an opaque origin (sandbox without allow-same-origin), so to it this app is another
 * origin: `cross-origin` resource policy, which the signature, not the origin, protects.
 */
export function imageResponseHeaders(
  type: RasterImageType,
  size: number,
  expires: number,
  now = Date.now(),
): Record<string, string> {
  return {
    'content-type': type,
    'content-length': String(size),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "sandbox; default-src 'none'",
    'cache-control': `private, max-age=${Math.max(0, Math.floor((expires - now) / 1000))}`,
    'cross-origin-resource-policy': 'cross-origin',
  };
}
