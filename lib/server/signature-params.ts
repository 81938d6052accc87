import { parseExpiry, SIGNATURE_LENGTH } from '../crypto/signed-url.ts';

/** `e` and `s` of a signed reader URL (lib/reader/reader-urls.ts), or null when either is absent or malformed. */
export function signatureParams(url: URL): { expires: number; signature: string } | null {
  const signature = url.searchParams.get('s');
  const expires = parseExpiry(url.searchParams.get('e'));
  if (!signature || signature.length !== SIGNATURE_LENGTH || Number.isNaN(expires)) return null;
  return { expires, signature };
}
