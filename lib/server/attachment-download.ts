import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { findUserAttachment } from '../../db/queries/attachment-download.ts';
import type { AppServices } from '../app-services.ts';
import { isAppError } from '../errors.ts';
import { readAttachmentBytes } from '../message-store/read-attachment-bytes.ts';
import { attachmentResponseHeaders } from './attachment-response-headers.ts';
import { requestViewer } from './request-viewer.ts';
import { sendApiError } from './send-api-error.ts';

/** `GET /api/attachments/<attachmentId>`: the bytes of one attachment, as a download. */
export const ATTACHMENT_DOWNLOAD_PREFIX = '/api/attachments/';

/**
 * Serves an attachment download if `pathname` is one; returns false for any other path.
 * Authorized by the session exactly like GraphQL (cookie or `Authorization: Bearer`): no
 * session is 401, an attachment outside the viewer's own mail accounts is 404 (as if it did not
 * exist: no probing other tenants' ids). Headers: attachmentResponseHeaders (issue 8, item 19).
 * The bytes: readAttachmentBytes (a stored blob, or cut from the message's source).
 */
export async function serveAttachmentDownload(
  services: AppServices,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<boolean> {
  if (!pathname.startsWith(ATTACHMENT_DOWNLOAD_PREFIX)) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendApiError(res, 405, 'BAD_USER_INPUT', { allow: 'GET, HEAD' });
    return true;
  }
  const viewer = await requestViewer(services, req);
  if (!viewer) {
    sendApiError(res, 401, 'UNAUTHENTICATED', { 'www-authenticate': 'Bearer' });
    return true;
  }
  const id = pathname.slice(ATTACHMENT_DOWNLOAD_PREFIX.length);
  const attachment = await findUserAttachment(services.database.db, viewer.user.id, id);
  if (!attachment) {
    sendApiError(res, 404, 'NOT_FOUND');
    return true;
  }
  if (req.method === 'HEAD') {
    // The size the extractor recorded: no source is read or cut for a HEAD.
    res.writeHead(200, attachmentResponseHeaders(attachment));
    res.end();
    return true;
  }
  let data: Buffer;
  try {
    data = await readAttachmentBytes(services.database.db, attachment);
  } catch (error) {
    // The attachment index does not match the stored source: never wrong bytes; the message is
    // being extracted again, so this is passing (503 with a hint when to try again).
    if (!isAppError(error) || error.code !== 'ATTACHMENT_NOT_IN_SOURCE') throw error;
    sendApiError(res, 503, error.code, { 'retry-after': '60' });
    return true;
  }
  res.writeHead(200, attachmentResponseHeaders({ ...attachment, size: data.byteLength }));
  res.end(data);
  return true;
}
