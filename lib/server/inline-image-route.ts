import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { findAttachmentWithOwner } from '../../db/queries/attachment-download.ts';
import type { AppServices } from '../app-services.ts';
import { urlSignerFor } from '../crypto/signed-url.ts';
import { isAppError } from '../errors.ts';
import { readAttachmentBytes } from '../message-store/read-attachment-bytes.ts';
import { INLINE_PREFIX } from '../reader/reader-urls.ts';
import { sniffImageType } from '../reader/sniff-image-type.ts';
import { imageResponseHeaders } from './image-response-headers.ts';
import { sendApiError } from './send-api-error.ts';
import { signatureParams } from './signature-params.ts';

/**
 * `GET /api/inline/<attachmentId>?e=&s=`: the bytes of a message part the HTML shows as `cid:`,
 * for the sandboxed reader iframe, which sends no cookie: authorized by the signature alone
 * (issued by `message(id)` to the part's owner; bad or expired: 403; no such part: 404).
 * Raster images only, by their bytes (sniffImageType): an SVG or HTML part is a 415, never
 * content on the app's origin. Returns false for any other path.
 */
export async function serveInlineImage(
  services: AppServices,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  if (!url.pathname.startsWith(INLINE_PREFIX)) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendApiError(res, 405, 'BAD_USER_INPUT', { allow: 'GET, HEAD' });
    return true;
  }
  const params = signatureParams(url);
  if (!params) {
    sendApiError(res, 403, 'SIGNED_URL_INVALID');
    return true;
  }
  const id = url.pathname.slice(INLINE_PREFIX.length);
  const { db } = services.database;
  const attachment = await findAttachmentWithOwner(db, id);
  if (!attachment) {
    sendApiError(res, 404, 'NOT_FOUND');
    return true;
  }
  const capability = { userId: attachment.userId, kind: 'inline', subject: [id], expires: params.expires } as const;
  if (!urlSignerFor(services.credentialsKey).verify(capability, params.signature)) {
    sendApiError(res, 403, 'SIGNED_URL_INVALID');
    return true;
  }
  let bytes: Buffer;
  try {
    bytes = await readAttachmentBytes(db, attachment);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'ATTACHMENT_NOT_IN_SOURCE') throw error;
    sendApiError(res, 503, error.code, { 'retry-after': '60' });
    return true;
  }
  const type = sniffImageType(bytes);
  if (!type) {
    sendApiError(res, 415, 'NOT_A_RASTER_IMAGE');
    return true;
  }
  res.writeHead(200, imageResponseHeaders(type, bytes.byteLength, params.expires));
  res.end(req.method === 'HEAD' ? undefined : bytes);
  return true;
}
