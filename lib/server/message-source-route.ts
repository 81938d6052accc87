import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import contentDisposition from 'content-disposition';
import { findMessageOwner, findUserMessage } from '../../db/queries/message-detail.ts';
import type { AppServices } from '../app-services.ts';
import { urlSignerFor } from '../crypto/signed-url.ts';
import { safeAttachmentName } from '../mail/mime/safe-attachment-name.ts';
import { databaseSourceStore } from '../message-store/source-store.ts';
import { SOURCE_PATH } from '../reader/reader-urls.ts';
import { asciiFallback } from './attachment-response-headers.ts';
import { requestViewer } from './request-viewer.ts';
import { sendApiError } from './send-api-error.ts';
import { signatureParams } from './signature-params.ts';

/**
 * `GET /api/messages/<id>/source`: the message's stored source byte for byte, as an `.eml`
 * download ("download .eml", issue 10). Authorized by a valid signature from `message(id).sourceUrl`
 * (bound to the message's owner; a bad or expired one is 403), or else by the session like
 * /api/attachments (none: 401; someone else's message: 404). Returns false for any other path.
 */
export async function serveMessageSource(
  services: AppServices,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const match = SOURCE_PATH.exec(url.pathname);
  if (!match) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendApiError(res, 405, 'BAD_USER_INPUT', { allow: 'GET, HEAD' });
    return true;
  }
  const messageId = match[1]!;
  const { db } = services.database;
  let subject: string | undefined;
  if (url.searchParams.has('s')) {
    const params = signatureParams(url);
    const owner = params && (await findMessageOwner(db, messageId));
    const valid =
      owner &&
      urlSignerFor(services.credentialsKey).verify(
        { userId: owner.userId, kind: 'source', subject: [messageId], expires: params.expires },
        params.signature,
      );
    if (!valid) {
      sendApiError(res, 403, 'SIGNED_URL_INVALID');
      return true;
    }
    subject = owner.subject;
  } else {
    const viewer = await requestViewer(services, req);
    if (!viewer) {
      sendApiError(res, 401, 'UNAUTHENTICATED', { 'www-authenticate': 'Bearer' });
      return true;
    }
    subject = (await findUserMessage(db, viewer.user.id, messageId))?.subject;
  }
  const source = subject === undefined ? null : await databaseSourceStore.get(db, messageId);
  if (!source) {
    sendApiError(res, 404, 'NOT_FOUND');
    return true;
  }
  res.writeHead(200, sourceHeaders(subject!, source.byteLength));
  res.end(req.method === 'HEAD' ? undefined : source);
  return true;
}

/** `<subject>.eml` (path separators kept as dashes, then safeAttachmentName), never rendered, never sniffed. */
export function sourceHeaders(subject: string, size: number): Record<string, string> {
  const name = safeAttachmentName(`${subject.replace(/[/\\]/g, '-').trim().slice(0, 150) || 'message'}.eml`);
  return {
    'content-type': 'message/rfc822',
    'content-length': String(size),
    'content-disposition': contentDisposition(name, { type: 'attachment', fallback: asciiFallback(name) }),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "sandbox; default-src 'none'",
    'cache-control': 'private, no-store',
    'cross-origin-resource-policy': 'same-origin',
  };
}
