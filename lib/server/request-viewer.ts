import 'server-only';
import type { IncomingMessage } from 'node:http';
import type { AppServices } from '../app-services.ts';
import { readCookie } from '../auth/cookies.ts';
import { SESSION_COOKIE } from '../auth/session-token.ts';
import { viewerFromSessionToken } from '../auth/sign-in.ts';
import type { Viewer } from '../auth/viewer.ts';
import { clientAddress, type TrustProxy } from './client-address.ts';

/**
 * The session token of a request: `Authorization: Bearer` for integrators (the scheme is
 * case-insensitive, RFC 7235 §2.1 / RFC 6750 §2.1), else the httpOnly cookie.
 */
export function sessionTokenOf(req: IncomingMessage): string | undefined {
  const bearer = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(req.headers.authorization ?? '');
  if (bearer) return bearer[1];
  return readCookie(req.headers.cookie, SESSION_COOKIE);
}

export function requestViewer(services: AppServices, req: IncomingMessage): Promise<Viewer | null> {
  return viewerFromSessionToken(services, sessionTokenOf(req));
}

/** The client's address, from `X-Forwarded-For` only as far as `TRUST_PROXY` trusts the proxies. */
export function clientIp(req: IncomingMessage, trustProxy: TrustProxy): string {
  return clientAddress({ socketAddress: req.socket.remoteAddress, forwardedFor: req.headers['x-forwarded-for'], trustProxy });
}
