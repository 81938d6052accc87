import 'server-only';
import type { IncomingMessage } from 'node:http';
import type { AppServices } from '../app-services.ts';
import { readCookie } from '../auth/cookies.ts';
import { SESSION_COOKIE } from '../auth/session-token.ts';
import { viewerFromSessionToken } from '../auth/sign-in.ts';
import type { Viewer } from '../auth/viewer.ts';

/** The session token of a request: the httpOnly cookie, or `Authorization: Bearer` for integrators. */
export function sessionTokenOf(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim() || undefined;
  return readCookie(req.headers.cookie, SESSION_COOKIE);
}

export function requestViewer(services: AppServices, req: IncomingMessage): Promise<Viewer | null> {
  return viewerFromSessionToken(services, sessionTokenOf(req));
}

export function clientIp(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}
