import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { findMessageOwner } from '../../db/queries/message-detail.ts';
import type { AppServices } from '../app-services.ts';
import { urlSignerFor } from '../crypto/signed-url.ts';
import type { ErrorCode } from '../errors.ts';
import { createOutboundGuard, type OutboundGuard } from '../mail/network/outbound-guard.ts';
import type { MailNetwork } from '../mail-accounts/discovery-deps-for-config.ts';
import { fetchRemoteImage, type RemoteImage } from '../reader/fetch-remote-image.ts';
import { IMAGE_PROXY_PATH, MAX_REMOTE_URL_LENGTH } from '../reader/reader-urls.ts';
import { imageResponseHeaders } from './image-response-headers.ts';
import { sendApiError } from './send-api-error.ts';
import { signatureParams } from './signature-params.ts';

const FAILURES: Record<Exclude<RemoteImage, { ok: true }>['reason'], [number, ErrorCode]> = {
  'too-large': [413, 'REMOTE_IMAGE_TOO_LARGE'],
  'not-an-image': [415, 'NOT_A_RASTER_IMAGE'],
  unavailable: [502, 'REMOTE_IMAGE_UNAVAILABLE'],
};

const guards = new WeakMap<MailNetwork, OutboundGuard>();

/**
 * `GET /api/image-proxy?m=<messageId>&u=<url>&e=&s=`: a remote image of a message, fetched by the
 * server when the user chose "Show images" (issue 10), so the sender's server sees neither the
 * reader's address nor the session. Authorized by the signature alone (bound to the message's
 * owner, the message and the exact URL; bad or expired: 403), as the sandboxed iframe sends no
 * cookie. Fetched through the deployment's outbound guard (services.mailNetwork: in online mode
 * no internal address, at any redirect hop) by fetchRemoteImage; answered 413/415/502 with no
 * detail from the remote side. Returns false for any other path.
 */
export async function serveImageProxy(
  services: AppServices,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  if (url.pathname !== IMAGE_PROXY_PATH) return false;
  if (req.method !== 'GET') {
    sendApiError(res, 405, 'BAD_USER_INPUT', { allow: 'GET' });
    return true;
  }
  const params = signatureParams(url);
  const messageId = url.searchParams.get('m') ?? '';
  const remote = url.searchParams.get('u') ?? '';
  // Bounded before any work; the owner lookup refuses a message id that is not a UUID.
  const owner =
    params && remote.length <= MAX_REMOTE_URL_LENGTH ? await findMessageOwner(services.database.db, messageId) : undefined;
  const capability =
    owner && ({ userId: owner.userId, kind: 'image-proxy', subject: [messageId, remote], expires: params!.expires } as const);
  if (!capability || !urlSignerFor(services.credentialsKey).verify(capability, params!.signature)) {
    sendApiError(res, 403, 'SIGNED_URL_INVALID');
    return true;
  }
  let guard = guards.get(services.mailNetwork);
  if (!guard) guards.set(services.mailNetwork, (guard = createOutboundGuard(services.mailNetwork)));
  const image = await fetchRemoteImage(guard, remote);
  if (!image.ok) {
    const [status, code] = FAILURES[image.reason];
    sendApiError(res, status, code);
    return true;
  }
  res.writeHead(200, imageResponseHeaders(image.type, image.bytes.byteLength, capability.expires));
  res.end(image.bytes);
  return true;
}
