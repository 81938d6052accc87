import 'server-only';
import type { UrlSigner } from '../crypto/signed-url.ts';

/** `GET /api/archive/<documentId>`: an archived document's bytes (the .eml, or the attachment). */
export const ARCHIVE_DOWNLOAD_PATH = /^\/api\/archive\/([^/]{1,64})$/;

/**
 * The signed, short-lived download URL of an archived document for one user. The user is in the
 * URL (`u`): unlike a message, a document has no single owner to recompute the MAC with, so the
 * route verifies the signature for `u` and then whether `u` may still see the document.
 */
export function archiveDownloadUrl(signer: UrlSigner, userId: string, documentId: string, now = Date.now()): string {
  const e = signer.expiry(now);
  const s = signer.sign({ userId, kind: 'archive', subject: [documentId], expires: e });
  return `/api/archive/${documentId}?${new URLSearchParams({ u: userId, e: String(e), s }).toString()}`;
}
