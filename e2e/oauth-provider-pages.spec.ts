/**
 * The test stack's OAuth authorization server in a real browser (issue 13): the sign-in and
 * consent pages the "Sign in with Google / Microsoft" journeys go through, and the tokens they end in.
 *
 * 1. The browser opens an authorization request (code + PKCE S256) of the google-test client.
 * 2. A wrong password is refused on the page; the right one signs in.
 * 3. "Allow" on the consent page sends the browser back to the redirect URI with a code and the state.
 * 4. The code and the verifier buy an access token that opens the mailbox over IMAP (no password).
 * 5. "Cancel" on the consent page sends the browser back with `error=access_denied`.
 *
 * The app's own callback route is not under test here: the redirect back is answered by the test.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { expect, test } from './fixtures.ts';

const USER = { email: 'oauth-pages@example.test', password: 'pages-secret' };
const CALLBACK = '/api/oauth/callback';

test('sign in and consent on the test provider, then the access token opens the mailbox', async ({
  page,
  baseURL,
  mailStack,
  oauthProvider,
}) => {
  const oauth = mailStack.oauth!;
  const client = oauth.clients['google-test'];
  const redirectUri = `${baseURL}${CALLBACK}`;
  await mailStack.addUser(USER.email, USER.password);
  // The redirect back to the app is answered here, so this tells only of the provider's side.
  await page.route(`**${CALLBACK}?**`, (route) => route.fulfill({ contentType: 'text/plain', body: 'back at the app' }));

  const authorize = (state: string, verifier: string) => {
    const url = new URL(`${oauth.issuer}/auth`);
    url.search = new URLSearchParams({
      client_id: client.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid email https://mail.google.com/',
      access_type: 'offline',
      prompt: 'consent',
      state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    return url.href;
  };

  const verifier = randomBytes(32).toString('base64url');
  await test.step('1–2. the sign-in page refuses a wrong password and takes the right one', async () => {
    await page.goto(authorize('state-allow', verifier));
    await oauthProvider.signIn(USER.email, 'wrong');
    await oauthProvider.expectError('Wrong email or password.');
    await oauthProvider.signIn(USER.email, USER.password);
  });

  let code = '';
  await test.step('3. Allow sends the browser back with a code and our state', async () => {
    await oauthProvider.allow(['https://mail.google.com/']);
    await page.waitForURL((url) => url.pathname === CALLBACK);
    const back = new URL(page.url()).searchParams;
    expect(back.get('state')).toBe('state-allow');
    expect(back.get('iss')).toBe(oauth.issuer); // RFC 9207
    code = back.get('code') ?? '';
    expect(code).not.toBe('');
  });

  await test.step('4. the code buys an access token that opens the mailbox over IMAP', async () => {
    const res = await fetch(`${oauth.issuer}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: verifier,
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }),
    });
    expect(res.status).toBe(200);
    const tokens = (await res.json()) as { access_token: string; refresh_token?: string };
    expect(tokens.refresh_token).toBeTruthy();
    const imap = new ImapFlow({
      host: mailStack.host,
      port: mailStack.ports.imaps,
      secure: true,
      auth: { user: USER.email, accessToken: tokens.access_token },
      tls: { ca: [mailStack.certPem], servername: 'localhost' },
      logger: false,
    });
    await imap.connect();
    try {
      const status = await imap.status('INBOX', { messages: true });
      expect(status && status.messages).toBe(0);
    } finally {
      await imap.logout();
    }
  });

  await test.step('5. Cancel on the consent page sends back access_denied', async () => {
    // Signed in already (the provider's session cookie): straight to the consent page.
    await page.goto(authorize('state-cancel', randomBytes(32).toString('base64url')));
    await oauthProvider.cancel();
    await page.waitForURL((url) => url.pathname === CALLBACK);
    const back = new URL(page.url()).searchParams;
    expect([back.get('error'), back.get('state')]).toEqual(['access_denied', 'state-cancel']);
  });
});
