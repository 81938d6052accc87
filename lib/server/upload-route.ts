import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { findUserMailAccount } from '../../db/queries/mail-accounts.ts';
import type { Db } from '../../db/client.ts';
import { isUuid } from '../../db/is-uuid.ts';
import { deleteUploads, findOwnedUploads, insertUpload, uploadedBytes } from '../../db/queries/uploads.ts';
import type { AppServices } from '../app-services.ts';
import { attachmentLimit } from '../compose/attachment-limit.ts';
import { rasterImageType } from '../mail/mime/raster-image-type.ts';
import { MAX_ATTACHMENT_BYTES, MAX_FILENAME_LENGTH, MAX_PENDING_UPLOAD_BYTES } from '../outbox/outbox-limits.ts';
import { readBody } from './read-body.ts';
import { requestViewer } from './request-viewer.ts';
import { sendApiError } from './send-api-error.ts';

const UPLOADS_PATH = '/api/uploads';
const UPLOAD_PATH = /^\/api\/uploads\/([0-9a-f-]{36})$/;
/** A MIME type as `type/subtype`, parameters dropped; anything else becomes octet-stream. */
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

/**
 * Attachments for a message being written (issue 11: "no base64 in GraphQL"):
 *
 * - `POST /api/uploads?accountId=<id>`: the body is the file's bytes; `X-File-Name` its name
 *   (percent-encoded UTF-8), `Content-Type` its type; `accountId` the account it will be sent
 *   from. 201 with `{ id, filename, contentType, size }`; 413 ATTACHMENT_TOO_LARGE with
 *   `extensions.details.limit` over what that account's SMTP server takes (RFC 1870 SIZE, through
 *   attachmentLimit), at most 25 MiB — answered from Content-Length before reading, or as soon as
 *   the bytes counted while streaming cross it, not after the whole file went over. Another
 *   user's (or no such) account: 404. Without `accountId` only the 25 MiB cap applies. The required custom header makes a cross-site form post impossible
 *   (it forces a CORS preflight, which this server never grants), like GraphQL's CSRF rule.
 * - `GET /api/uploads/<id>`: one of the viewer's uploads that is a raster image, for the composer
 *   to show an inline image of a resumed draft (the HTML names it `cid:` when saved); anything
 *   else, or someone else's, 404.
 * - `DELETE /api/uploads/<id>`: removes one of the viewer's uploads (204; someone else's: 404).
 *
 * Returns false for other paths.
 */
export async function serveUploadRoute(
  services: AppServices,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const one = UPLOAD_PATH.exec(url.pathname);
  if (url.pathname !== UPLOADS_PATH && !one) return false;
  const viewer = await requestViewer(services, req);
  if (!viewer) {
    sendApiError(res, 401, 'UNAUTHENTICATED', { 'www-authenticate': 'Bearer' });
    return true;
  }
  const { db } = services.database;
  // Of the form, not necessarily a UUID (36 hyphens): not found, never a database error.
  if (one && !isUuid(one[1]!)) return (sendApiError(res, 404, 'NOT_FOUND'), true);
  if (one && req.method === 'GET') {
    await serveUploadedImage(db, viewer.user.id, one[1]!, res);
    return true;
  }
  if (one) {
    if (req.method !== 'DELETE') return (sendApiError(res, 405, 'BAD_USER_INPUT', { allow: 'GET, DELETE' }), true);
    const removed = await deleteUploads(db, viewer.user.id, [one[1]!]);
    if (!removed) return (sendApiError(res, 404, 'NOT_FOUND'), true);
    res.writeHead(204, { 'cache-control': 'private, no-store' }).end();
    return true;
  }
  if (req.method !== 'POST') return (sendApiError(res, 405, 'BAD_USER_INPUT', { allow: 'POST' }), true);
  const rawName = req.headers['x-file-name'];
  if (typeof rawName !== 'string' || !rawName) return (sendApiError(res, 400, 'BAD_USER_INPUT'), true);
  const filename = decodeName(rawName);
  if (!filename || filename.length > MAX_FILENAME_LENGTH) return (sendApiError(res, 400, 'BAD_USER_INPUT'), true);
  const declaredType = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
  const contentType = MIME_TYPE.test(declaredType) ? declaredType.toLowerCase() : 'application/octet-stream';
  const accountId = url.searchParams.get('accountId');
  const account = accountId === null ? null : await findUserMailAccount(db, viewer.user.id, accountId);
  if (account === undefined) return (sendApiError(res, 404, 'NOT_FOUND'), true);
  const limit = Math.min(MAX_ATTACHMENT_BYTES, attachmentLimit(account?.smtpMaxSize));
  const pending = await uploadedBytes(db, viewer.user.id);
  const room = Math.max(0, Math.min(limit, MAX_PENDING_UPLOAD_BYTES - pending));
  const body = await readBody(req, room);
  if (!body) {
    sendApiError(res, 413, 'ATTACHMENT_TOO_LARGE', { connection: 'close' }, { limit: room });
    return true;
  }
  const upload = await insertUpload(db, { userId: viewer.user.id, filename, contentType, content: body });
  res.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'private, no-store' });
  res.end(JSON.stringify(upload));
  return true;
}

/**
 * An uploaded raster image (its type told by its bytes, never the stored type), private and
 * unsniffable, to be shown by the composer's `<img>` only: a document or SVG is never served.
 */
async function serveUploadedImage(db: Db, userId: string, id: string, res: ServerResponse): Promise<void> {
  const [upload] = await findOwnedUploads(db, userId, [id]);
  const type = upload ? rasterImageType(upload.content) : null;
  if (!upload || !type) return sendApiError(res, 404, 'NOT_FOUND');
  res.writeHead(200, {
    'content-type': type,
    'content-length': String(upload.content.length),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "sandbox; default-src 'none'",
    'cache-control': 'private, no-store',
    'cross-origin-resource-policy': 'same-origin',
  });
  res.end(upload.content);
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** Percent-decoded UTF-8, without control characters or path separators (a name, not a path). */
function decodeName(raw: string): string | null {
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    return null;
  }
  name = name
    .replace(CONTROL_CHARACTERS, '')
    .replace(/^.*[/\\]/, '')
    .trim();
  return name || null;
}
