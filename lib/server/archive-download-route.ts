import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { eq } from 'drizzle-orm';
import { findArchivedDocument, readArchiveBlob } from '../../db/queries/archived-documents.ts';
import { isUuid } from '../../db/is-uuid.ts';
import { users } from '../../db/schema/index.ts';
import { ARCHIVE_DOWNLOAD_PATH } from '../archive/archive-urls.ts';
import type { ArchiveViewer } from '../archive/archive-target.ts';
import type { AppServices } from '../app-services.ts';
import { urlSignerFor } from '../crypto/signed-url.ts';
import { attachmentResponseHeaders } from './attachment-response-headers.ts';
import { sourceHeaders } from './message-source-route.ts';
import { requestViewer } from './request-viewer.ts';
import { sendApiError } from './send-api-error.ts';
import { signatureParams } from './signature-params.ts';

/**
 * `GET /api/archive/<documentId>`: an archived document's bytes, the .eml byte for byte or the
 * attachment as archived; independent of any mailbox (issue 12). Authorized by a signature from
 * `archivedDocument(id).downloadUrl` for the user `u` (bad or expired: 403), or else by the
 * session (none: 401). Either way the user must still be allowed to see the document (tenant,
 * and private → its owner only): otherwise 404, like a document that does not exist.
 */
export async function serveArchiveDownload(
  services: AppServices,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const match = ARCHIVE_DOWNLOAD_PATH.exec(url.pathname);
  if (!match) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendApiError(res, 405, 'BAD_USER_INPUT', { allow: 'GET, HEAD' });
    return true;
  }
  const documentId = match[1]!;
  const { db } = services.database;
  let viewer: ArchiveViewer | null;
  if (url.searchParams.has('s')) {
    const params = signatureParams(url);
    const userId = url.searchParams.get('u') ?? '';
    const valid =
      params &&
      isUuid(userId) &&
      urlSignerFor(services.credentialsKey).verify(
        { userId, kind: 'archive', subject: [documentId], expires: params.expires },
        params.signature,
      );
    if (!valid) {
      sendApiError(res, 403, 'SIGNED_URL_INVALID');
      return true;
    }
    const [user] = await db.select({ tenantId: users.tenantId }).from(users).where(eq(users.id, userId));
    viewer = user ? { userId, tenantId: user.tenantId } : null;
  } else {
    const session = await requestViewer(services, req);
    if (!session) {
      sendApiError(res, 401, 'UNAUTHENTICATED', { 'www-authenticate': 'Bearer' });
      return true;
    }
    viewer = { userId: session.user.id, tenantId: session.tenant.id };
  }
  const document = viewer && (await findArchivedDocument(db, viewer, documentId));
  const bytes = document ? await readArchiveBlob(db, document.blobHash) : null;
  if (!document || !bytes) {
    sendApiError(res, 404, 'NOT_FOUND');
    return true;
  }
  const headers =
    document.kind === 'message'
      ? sourceHeaders(document.subject, bytes.byteLength)
      : attachmentResponseHeaders({ filename: document.filename, contentType: document.contentType, size: bytes.byteLength });
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : bytes);
  return true;
}
