import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';

/** Checks a test user's password (the mail stack's passwd file: the same users as Dovecot). */
export type CheckPassword = (email: string, password: string) => Promise<boolean>;

/**
 * The authorization server's own sign-in and consent pages, instead of oidc-provider's
 * `devInteractions` (which accept any user name and cannot be told what the test users are):
 *
 *   GET  /interaction/:uid          the page for the prompt oidc-provider asks for: sign-in (login,
 *                                   select_account) or consent
 *   POST /interaction/:uid/login    email + password, checked against the mail stack's users
 *   POST /interaction/:uid/confirm  "Allow": a grant for every scope and claim the client asked for
 *   POST /interaction/:uid/abort    "Cancel": the client gets `error=access_denied` (RFC 6749 §4.1.2.1)
 *
 * Plain forms with labels, so a Playwright test fills them by role and label, and a service test
 * posts them with fetch (see drive-consent.ts). Answers `false` for any other path.
 */
export async function handleInteraction(
  provider: Provider,
  checkPassword: CheckPassword,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://x');
  const m = /^\/interaction\/([\w-]+)(?:\/(login|confirm|abort))?$/.exec(url.pathname);
  if (!m) return false;
  const action = m[2];
  const details = await provider.interactionDetails(req, res);
  const client = String(details.params.client_id ?? '');

  if (!action && req.method === 'GET') {
    if (details.prompt.name === 'login' || details.prompt.name === 'select_account')
      page(res, 200, loginPage(details.uid, client, String(details.params.login_hint ?? ''), ''));
    else page(res, 200, consentPage(details.uid, client, String(details.params.scope ?? '')));
    return true;
  }
  if (req.method !== 'POST') return false;
  const form = new URLSearchParams(await readBody(req));

  if (action === 'login') {
    const email = (form.get('email') ?? '').trim().toLowerCase();
    if (!(await checkPassword(email, form.get('password') ?? ''))) {
      page(res, 200, loginPage(details.uid, client, email, 'Wrong email or password.'));
      return true;
    }
    // The account id is the address: it becomes `sub`, which Dovecot's oauth2 passdb and the SMTP
    // relay compare with the user name the client logs in with.
    // Signing in also answers `prompt=select_account` (the account was chosen by signing in to it).
    const result = { login: { accountId: email }, ...(details.prompt.name === 'select_account' ? { select_account: {} } : {}) };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    return true;
  }
  if (action === 'confirm') {
    const accountId = details.session?.accountId;
    if (!accountId) throw new Error('consent without a signed-in user');
    const grant =
      (details.grantId && (await provider.Grant.find(details.grantId))) || new provider.Grant({ accountId, clientId: client });
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return true;
  }
  await provider.interactionFinished(
    req,
    res,
    { error: 'access_denied', error_description: 'The user declined.' },
    { mergeWithLastSubmission: false },
  );
  return true;
}

function loginPage(uid: string, client: string, email: string, error: string): string {
  return `<h1>Sign in to the test provider</h1>
<p>Application: <code>${esc(client)}</code></p>
${error ? `<p role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/interaction/${esc(uid)}/login">
  <label>Email <input name="email" type="email" autocomplete="username" value="${esc(email)}" required></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
  <button type="submit">Sign in</button>
</form>`;
}

function consentPage(uid: string, client: string, scope: string): string {
  const items = scope
    .split(' ')
    .filter(Boolean)
    .map((s) => `<li>${esc(s)}</li>`)
    .join('');
  return `<h1>Allow access</h1>
<p><code>${esc(client)}</code> asks for:</p>
<ul>${items}</ul>
<form method="post" action="/interaction/${esc(uid)}/confirm"><button type="submit">Allow</button></form>
<form method="post" action="/interaction/${esc(uid)}/abort"><button type="submit">Cancel</button></form>`;
}

function page(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test provider</title></head><body><main>${body}</main></body></html>`,
  );
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A small form body (the login form); more than 16 KiB is not one of ours. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 16 * 1024) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
