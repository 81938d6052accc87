import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { isPagePath } from './decide-page-access.ts';
import { securityHeaders, type ResponseKind } from './security-headers.ts';

const GRAPHQL_PATH = '/api/graphql';

/**
 * Sets the security headers on a response before anything (Next, GraphQL, a redirect) writes it.
 * For a page (or a file path Next may answer with its 404 page) it also hands the CSP to Next on
 * the *request*: Next takes the nonce from the request's `Content-Security-Policy` header while
 * rendering (next/dist/server/app-render/get-script-nonce-from-header.js).
 * A CSP header sent by the client is dropped first, so only ours can choose the nonce.
 */
export function applySecurityHeaders(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  pathname: string,
  { dev, secure }: { dev: boolean; secure: boolean },
): void {
  delete req.headers['content-security-policy'];
  delete req.headers['content-security-policy-report-only'];
  const kind: ResponseKind = isPagePath(pathname) ? 'page' : pathname === GRAPHQL_PATH ? 'api' : 'asset';
  const nonce = kind === 'api' ? undefined : randomBytes(16).toString('base64');
  const headers = securityHeaders({ kind, nonce, dev, secure, host: req.headers.host });
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (nonce) req.headers['content-security-policy'] = headers['Content-Security-Policy'];
}
