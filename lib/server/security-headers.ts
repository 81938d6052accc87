/**
 * The HTTP security headers of every response, decided purely (house rule 1) from what is being
 * served; lib/server/apply-security-headers.ts sets them, once per request (issue 8, item 5).
 *
 * - `page`: HTML (and the RSC payloads of client navigation). A strict CSP after
 *   https://csp.withgoogle.com/docs/strict-csp.html: scripts only with this response's nonce,
 *   and what those load (`'strict-dynamic'`: Turbopack adds chunks at run time). Next reads the
 *   nonce from the request's `Content-Security-Policy` header while rendering and puts it on its
 *   own scripts and styles (node_modules/next/dist/docs/01-app/02-guides/content-security-policy.md).
 *   Per-user content: `private, no-store`, so no shared cache keeps one user's page for another.
 * - `api`: GraphQL answers (JSON): nothing to render or frame; never cached.
 * - `asset`: `/_next/static` and other files: Next's own (immutable) caching stays.
 *   Every response but the API's carries the page policy (see below).
 */
export type ResponseKind = 'page' | 'api' | 'asset';

export interface SecurityHeadersInput {
  kind: ResponseKind;
  /** Fresh per response (base64, ≥ 128 bits); required but for `api`. */
  nonce?: string;
  /** `next dev`: React needs `eval` for its debug stacks, the dev overlay inline styles. */
  dev: boolean;
  /** Served over HTTPS (COOKIE_SECURE): adds HSTS and `upgrade-insecure-requests`. */
  secure: boolean;
  /**
   * The request's `Host`, to name the graphql-ws socket's origin in `connect-src`: CSP Level 3
   * lets `'self'` match ws:/wss: on the same host, older engines do not. Ignored unless it is a
   * plain `host[:port]`.
   */
  host?: string;
}

/** One year, the usual HSTS lifetime. No `includeSubDomains`: other hosts of the operator's domain are not ours to pin. */
const HSTS = 'max-age=31536000';
const NONCE = /^[A-Za-z0-9+/]{22,}={0,2}$/;
const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export function securityHeaders({ kind, nonce, dev, secure, host }: SecurityHeadersInput): Record<string, string> {
  const headers: Record<string, string> = {
    // Refuse framing everywhere (clickjacking of the settings pages); frame-ancestors below for CSP engines.
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    // Mail links and the URLs of this app (mailbox ids, search words) never reach another site.
    'Referrer-Policy': 'no-referrer',
  };
  if (secure) headers['Strict-Transport-Security'] = HSTS;
  if (kind === 'api') {
    headers['Content-Security-Policy'] = "default-src 'none'; frame-ancestors 'none'";
    headers['Cache-Control'] = 'no-store';
    return headers;
  }
  // Assets get the document policy too: a file-like path that does not exist is answered by
  // Next's 404 page, HTML with Next's scripts (for a script or style file the header is inert).
  if (!nonce || !NONCE.test(nonce)) throw new Error('securityHeaders: a page or asset needs a fresh base64 nonce');
  headers['Content-Security-Policy'] = pagePolicy(nonce, dev, secure, host);
  if (kind === 'page') headers['Cache-Control'] = 'private, no-store';
  return headers;
}

function pagePolicy(nonce: string, dev: boolean, secure: boolean, host: string | undefined): string {
  const sockets = host && HOST.test(host) ? (secure ? [`wss://${host}`] : [`ws://${host}`, `wss://${host}`]) : [];
  const directives: Array<[string, ...string[]]> = [
    ['default-src', "'self'"],
    ['script-src', `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // Inline styles, no nonce (a nonce makes browsers ignore 'unsafe-inline'). Why: the reader
    // shows mail in an `<iframe srcdoc>`, and an about:srcdoc document inherits this page's
    // policy (HTML, "determining navigation params policy container"), so with a style nonce
    // every `style=""` of every newsletter is refused. Styles cannot run script; scripts stay
    // nonce-only, and React escapes what it renders, so no one can inject a <style> here.
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...sockets],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
    ...(secure ? [['upgrade-insecure-requests'] as [string]] : []),
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}
