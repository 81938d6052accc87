import 'server-only';
import type { UrlSigner } from '../crypto/signed-url.ts';

/** `GET /api/inline/<attachmentId>?e=&s=`: an inline (`cid:`) part's bytes, raster images only. */
export const INLINE_PREFIX = '/api/inline/';
/** `GET /api/image-proxy?m=<messageId>&u=<url>&e=&s=`: a remote image fetched by the server. */
export const IMAGE_PROXY_PATH = '/api/image-proxy';
/** `GET /api/messages/<messageId>/source`: the stored original (.eml). */
export const SOURCE_PATH = /^\/api\/messages\/([^/]{1,64})\/source$/;

/** A remote URL longer than this is not proxied (nor signed): bounded input (STYLE.md rule 14). @default 2048 */
export const MAX_REMOTE_URL_LENGTH = 2048;

/** The signed URLs the reader hands to the browser for one message of one user. */
export interface ReaderUrls {
  inline(attachmentId: string): string;
  imageProxy(remoteUrl: string): string;
  source(): string;
}

/**
 * Builds the reader's URLs, each with an HMAC capability bound to the user, the route, the id
 * (and the remote URL) and one expiry shared by all URLs of this opening (lib/crypto/signed-url.ts).
 */
export function readerUrls(signer: UrlSigner, userId: string, messageId: string, now = Date.now()): ReaderUrls {
  const e = signer.expiry(now);
  const query = (params: Record<string, string>) => new URLSearchParams(params).toString();
  return {
    inline(attachmentId) {
      const s = signer.sign({ userId, kind: 'inline', subject: [attachmentId], expires: e });
      return `${INLINE_PREFIX}${attachmentId}?${query({ e: String(e), s })}`;
    },
    imageProxy(remoteUrl) {
      const s = signer.sign({ userId, kind: 'image-proxy', subject: [messageId, remoteUrl], expires: e });
      return `${IMAGE_PROXY_PATH}?${query({ m: messageId, u: remoteUrl, e: String(e), s })}`;
    },
    source() {
      const s = signer.sign({ userId, kind: 'source', subject: [messageId], expires: e });
      return `/api/messages/${messageId}/source?${query({ e: String(e), s })}`;
    },
  };
}
