/**
 * Google/Microsoft sign-in against the wire (issue 13): the local authorization server
 * (e2e/oauth-stack), then XOAUTH2/OAUTHBEARER logins at the private Dovecot and the SMTP relay.
 *
 * 1. The code flow with PKCE and state, driven over plain HTTP through the sign-in and consent
 *    pages, yields tokens and the mailbox's address, for the Google and the Microsoft shape.
 * 2. The access token opens IMAP (imapflow: OAUTHBEARER; raw: XOAUTH2) and SMTP (nodemailer
 *    OAuth2), and passwords still work beside it.
 * 3. An expired access token is refused; refreshGrant gets one that works.
 * 4. A revoked grant: the refresh fails as OAUTH_GRANT_REVOKED, i.e. reconnect required.
 * 5. Every request goes through the outbound guard: without an allowlist entry nothing leaves.
 *
 * Run: node --import tsx --import ./scripts/register-server-only.mjs --test lib/mail/oauth/oauth-flow.service.test.ts (root).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import tls from 'node:tls';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { startMailStack, type MailStack } from '../../../e2e/mail-stack/index.ts';
import type { TestOAuthClientId } from '../../../e2e/oauth-stack/authorization-server.ts';
import { driveConsent } from '../../../e2e/oauth-stack/drive-consent.ts';
import { AppError } from '../../errors.ts';
import { classifyRefreshFailure } from './classify-refresh-failure.ts';
import { finishAuthorization } from './finish-authorization.ts';
import { oauthDepsForNetwork } from './oauth-deps-for-network.ts';
import { ConnectTargetBlockedError } from '../network/resolve-and-check.ts';
import type { OAuthTokens } from './oauth-tokens.ts';
import type { OAuthDeps } from './open-provider.ts';
import { GOOGLE, MICROSOFT, type OAuthClient, type OAuthProvider } from './providers.ts';
import { refreshGrant } from './refresh-grant.ts';
import { startAuthorization } from './start-authorization.ts';
import { tokenNeedsRefresh } from './token-needs-refresh.ts';

const ALICE = { email: 'alice@example.test', password: 'alice-secret' };
const BOB = { email: 'bob@example.test', password: 'bob-secret' };
const REDIRECT_URI = 'http://127.0.0.1:3999/api/oauth/callback';

let stack: MailStack;
let deps: OAuthDeps;

before(async () => {
  stack = await startMailStack({ oauth: true });
  await stack.addUsers([ALICE, BOB]);
  const port = new URL(stack.oauth!.issuer).port;
  // The deployment's guard in `online` mode, with the test server's one port allowlisted.
  deps = oauthDepsForNetwork({ guard: { mode: 'online', allowlist: [`127.0.0.1:${port}`] } });
});
after(async () => {
  await stack?.stop();
});

/** The real provider description with the issuer swapped for the local server's, and its client. */
function testClient(provider: OAuthProvider, id: TestOAuthClientId): OAuthClient {
  const { clientId, clientSecret } = stack.oauth!.clients[id];
  return { provider: { ...provider, issuer: stack.oauth!.issuer, allowHttp: true }, clientId, clientSecret };
}

async function signIn(client: OAuthClient, user: { email: string; password: string }) {
  const started = await startAuthorization(client, REDIRECT_URI, deps, { loginHint: user.email });
  const callback = await driveConsent(started.url, user);
  return finishAuthorization(client, { redirectUri: REDIRECT_URI, callback, ...started }, deps);
}

function imap(user: string, accessToken: string): ImapFlow {
  return new ImapFlow({
    host: stack.host,
    port: stack.ports.imaps,
    secure: true,
    auth: { user, accessToken },
    tls: { ca: stack.certPem },
    logger: false,
  });
}

/** Resolves with the INBOX message count if the token opens the mailbox, rejects if refused. */
async function imapMessages(user: string, accessToken: string): Promise<number> {
  const client = imap(user, accessToken);
  await client.connect();
  try {
    const status = await client.status('INBOX', { messages: true });
    return (status && status.messages) || 0;
  } finally {
    await client.logout();
  }
}

/** Raw `AUTHENTICATE XOAUTH2` (Google's format: base64 of `user=…^Aauth=Bearer …^A^A`) over IMAPS. */
function rawXoauth2(user: string, accessToken: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: stack.host, port: stack.ports.imaps, ca: stack.certPem, servername: 'localhost' });
    socket.setEncoding('utf8');
    let buffer = '';
    let sent = false;
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (!sent && buffer.includes('\r\n')) {
        sent = true;
        const sasl = Buffer.from(`user=${user}\x01auth=Bearer ${accessToken}\x01\x01`).toString('base64');
        socket.write(`a AUTHENTICATE XOAUTH2 ${sasl}\r\n`);
      }
      // A failed XOAUTH2 gets a `+ <challenge>` first; the client answers with an empty line.
      if (/^\+ /m.test(buffer) && !/\r\n$/.test(buffer.slice(buffer.lastIndexOf('+ ')))) return;
      if (/^\+ .*\r\n$/m.test(buffer)) {
        buffer = buffer.replace(/^\+ .*\r\n/m, '');
        socket.write('\r\n');
      }
      const tagged = /^a (OK|NO|BAD) .*$/m.exec(buffer);
      if (tagged) {
        socket.end('b LOGOUT\r\n');
        resolve(tagged[0].trim());
      }
    });
    socket.once('error', reject);
  });
}

function smtp(user: string, accessToken: string) {
  return nodemailer.createTransport({
    host: stack.host,
    port: stack.ports.smtps,
    secure: true,
    auth: { type: 'OAuth2', user, accessToken },
    tls: { ca: stack.certPem, servername: 'localhost' },
  });
}

async function refusedByImap(user: string, accessToken: string): Promise<boolean> {
  return imapMessages(user, accessToken).then(
    () => false,
    (err: { authenticationFailed?: boolean }) => err.authenticationFailed === true,
  );
}

test('the authorization URL carries PKCE S256, state, the scopes and the provider parameters', async () => {
  const started = await startAuthorization(testClient(GOOGLE, 'google-test'), REDIRECT_URI, deps, { loginHint: ALICE.email });
  const url = new URL(started.url);
  assert.equal(url.origin + url.pathname, `${stack.oauth!.issuer}/auth`);
  assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
  assert.match(url.searchParams.get('code_challenge') ?? '', /^[\w-]{43}$/);
  assert.notEqual(url.searchParams.get('code_challenge'), started.codeVerifier, 'the verifier itself never leaves');
  assert.equal(url.searchParams.get('state'), started.state);
  assert.equal(url.searchParams.get('scope'), 'openid email https://mail.google.com/');
  assert.equal(url.searchParams.get('access_type'), 'offline');
  assert.equal(url.searchParams.get('prompt'), 'consent');
  assert.equal(url.searchParams.get('login_hint'), ALICE.email);
  assert.equal(url.searchParams.get('redirect_uri'), REDIRECT_URI);
});

test('Google shape: sign in, then the access token opens IMAP (OAUTHBEARER and XOAUTH2) and sends over SMTP', async () => {
  const { tokens, email } = await signIn(testClient(GOOGLE, 'google-test'), ALICE);
  assert.equal(email, ALICE.email);
  assert.ok(tokens.refreshToken, 'a refresh token');
  assert.ok(tokens.scopes.includes('https://mail.google.com/'), tokens.scopes.join(' '));
  assert.equal(tokenNeedsRefresh(tokens, new Date()), false, 'a fresh one-hour token');

  assert.equal(await imapMessages(ALICE.email, tokens.accessToken), 0);
  assert.match(await rawXoauth2(ALICE.email, tokens.accessToken), /^a OK /);
  // The token is alice's: it does not open bob's mailbox.
  assert.match(await rawXoauth2(BOB.email, tokens.accessToken), /^a NO /);

  const transport = smtp(ALICE.email, tokens.accessToken);
  try {
    const info = await transport.sendMail({ from: ALICE.email, to: ALICE.email, subject: 'Sent with XOAUTH2', text: 'Hi.' });
    assert.deepEqual(info.accepted, [ALICE.email]);
  } finally {
    transport.close();
  }
  const subjects = (await stack.readMailbox(ALICE.email, ALICE.password)).map((m) => m.subject);
  assert.deepEqual(subjects, ['Sent with XOAUTH2'], 'and passwords still open the same mailbox');
});

test('Microsoft shape: offline_access and the Outlook scopes, the address from the ID token', async () => {
  const client = testClient(MICROSOFT, 'microsoft-test');
  const started = await startAuthorization(client, REDIRECT_URI, deps);
  assert.match(new URL(started.url).searchParams.get('scope') ?? '', /\boffline_access\b.*IMAP\.AccessAsUser\.All.*SMTP\.Send/);
  const callback = await driveConsent(started.url, BOB);
  // Only the query, as a route handler may pass it.
  const query = new URL(callback).search;
  const { tokens, email } = await finishAuthorization(client, { redirectUri: REDIRECT_URI, callback: query, ...started }, deps);
  assert.equal(email, BOB.email);
  assert.equal(await imapMessages(BOB.email, tokens.accessToken), 0);
});

test('a callback that is not ours, or a declined consent, is a typed error', async () => {
  const client = testClient(GOOGLE, 'google-test');
  const started = await startAuthorization(client, REDIRECT_URI, deps);
  const callback = await driveConsent(started.url, ALICE);
  await assert.rejects(
    finishAuthorization(
      client,
      { redirectUri: REDIRECT_URI, callback, codeVerifier: started.codeVerifier, state: 'someone-else' },
      deps,
    ),
    (err: unknown) => err instanceof AppError && err.code === 'OAUTH_SIGN_IN_FAILED',
  );

  const declined = await startAuthorization(client, REDIRECT_URI, deps);
  const answer = await driveConsent(declined.url, { ...ALICE, allow: false });
  await assert.rejects(
    finishAuthorization(client, { redirectUri: REDIRECT_URI, callback: answer, ...declined }, deps),
    (err: unknown) => err instanceof AppError && err.code === 'OAUTH_ACCESS_DENIED',
  );
});

test('an expired access token is refused; refreshGrant gets one that opens the mailbox again', async () => {
  await stack.oauth!.setAccessTokenTtl(1);
  let tokens: OAuthTokens;
  try {
    tokens = (await signIn(testClient(GOOGLE, 'google-test'), ALICE)).tokens;
  } finally {
    await stack.oauth!.setAccessTokenTtl(3600);
  }
  assert.equal(tokenNeedsRefresh(tokens, new Date()), true, 'within the refresh margin from the start');
  // Wait for the state (Dovecot refuses the token), not for a time.
  while (!(await refusedByImap(ALICE.email, tokens.accessToken))) await new Promise((r) => setTimeout(r, 200));

  const refreshed = await refreshGrant(testClient(GOOGLE, 'google-test'), tokens.refreshToken, deps);
  assert.notEqual(refreshed.accessToken, tokens.accessToken);
  assert.ok(refreshed.refreshToken, 'a refresh token to store (rotated or the old one)');
  assert.equal(tokenNeedsRefresh(refreshed, new Date()), false);
  assert.equal(await imapMessages(ALICE.email, refreshed.accessToken), 1);
});

test('a revoked grant: the refresh fails as OAUTH_GRANT_REVOKED (reconnect required), the old token stops working', async () => {
  const { tokens } = await signIn(testClient(MICROSOFT, 'microsoft-test'), BOB);
  assert.equal(await imapMessages(BOB.email, tokens.accessToken), 0);
  await stack.oauth!.revokeGrants(BOB.email);

  const failure = await refreshGrant(testClient(MICROSOFT, 'microsoft-test'), tokens.refreshToken, deps).then(
    () => assert.fail('refresh of a revoked grant succeeded'),
    (err: unknown) => err,
  );
  assert.ok(failure instanceof AppError && failure.code === 'OAUTH_GRANT_REVOKED', String(failure));
  assert.equal(failure.retryable, false);
  assert.equal(classifyRefreshFailure(failure.cause).action, 'reconnect');
  assert.equal(await refusedByImap(BOB.email, tokens.accessToken), true);
  const transport = smtp(BOB.email, tokens.accessToken);
  try {
    await assert.rejects(transport.verify(), { code: 'EAUTH', responseCode: 535 });
  } finally {
    transport.close();
  }
});

test('every OAuth request goes through the outbound guard: a loopback issuer not allowlisted is refused', async () => {
  const blocked = oauthDepsForNetwork({ guard: { mode: 'online' } });
  const error = await startAuthorization(testClient(GOOGLE, 'google-test'), REDIRECT_URI, blocked).then(
    () => assert.fail('discovery reached a loopback address that is not allowlisted'),
    (err: unknown) => err,
  );
  assert.ok(error instanceof AppError && error.code === 'OAUTH_PROVIDER_UNAVAILABLE', String(error));
  const causes: unknown[] = [];
  for (let c: unknown = error; c; c = (c as { cause?: unknown }).cause) causes.push(c);
  assert.ok(
    causes.some((c) => c instanceof ConnectTargetBlockedError),
    causes.map(String).join(' <- '),
  );
});
