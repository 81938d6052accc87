/**
 * A local OAuth 2.0 / OpenID Connect authorization server for tests (issue 13), so the Google and
 * Microsoft sign-in is tested without the internet: `oidc-provider` 9 (panva; it warns on Node 20
 * but runs) on a free loopback port, plain HTTP.
 *
 * What it offers, and why:
 * - Two clients, `google-test` and `microsoft-test`, on one server: the app's Google and Microsoft
 *   provider descriptions (lib/mail/oauth/providers.ts) with only the issuer swapped. Both are
 *   confidential (`client_secret_post`, as Google and Microsoft web apps) and `native`, so any
 *   loopback port of the registered redirect URIs is accepted (RFC 8252 §7.3): the app's port is
 *   chosen at random per test run.
 * - Authorization code + PKCE (RFC 7636) + refresh tokens. A refresh token is issued for every code,
 *   with or without `offline_access`: Google asks for it with `access_type=offline` instead of the
 *   scope, which oidc-provider does not know.
 * - The e-mail claims in the ID token (`conformIdTokenClaims: false`), as Google and Microsoft put
 *   them there: the client reads the account's address from it.
 * - Token introspection (RFC 7662) for Dovecot's oauth2 passdb and the SMTP relay, which
 *   authenticate as the `introspector` client. The answer's `sub` is the mailbox address.
 * - A sign-in and consent page (interaction-pages.ts) checking the mail stack's users.
 * - Test controls over HTTP (so a Playwright worker can use them too), with a bearer token:
 *   `POST /__test/revoke {"email"}` drops every grant of that user and all its tokens, as a user
 *   removing the app at myaccount.google.com would; `POST /__test/access-token-ttl {"seconds"}`
 *   sets the lifetime of access tokens issued from then on (short, to test refreshing).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Provider from 'oidc-provider';
import { handleInteraction, readBody, type CheckPassword } from './interaction-pages.ts';

/** The clients registered on the server; the ids double as the test provider names. */
export const TEST_OAUTH_CLIENTS = ['google-test', 'microsoft-test'] as const;
export type TestOAuthClientId = (typeof TEST_OAUTH_CLIENTS)[number];

/** The scopes the server grants: OpenID's and the real providers' mail scopes. */
const SCOPES = [
  'openid',
  'email',
  'offline_access',
  'https://mail.google.com/',
  'https://outlook.office.com/IMAP.AccessAsUser.All',
  'https://outlook.office.com/SMTP.Send',
];

export interface AuthorizationServerOptions {
  /** Whether a user/password pair may sign in: the mail stack's passwd file. */
  checkPassword: CheckPassword;
  /**
   * Redirect URIs registered for both clients; any port on a loopback host matches (see above).
   * @default ['http://127.0.0.1/api/oauth/callback', 'http://localhost/api/oauth/callback']
   */
  redirectUris?: string[];
  /** Lifetime of access tokens in seconds; changeable later with setAccessTokenTtl. @default 3600 */
  accessTokenTtl?: number;
}

/** JSON-serializable: what another process needs to use the server (see attachAuthorizationServer). */
export interface AuthorizationServerDescription {
  /** `http://127.0.0.1:<port>`: the issuer, and where `/.well-known/openid-configuration` is. */
  issuer: string;
  clients: Record<TestOAuthClientId, { clientId: string; clientSecret: string }>;
  /** The client Dovecot and the SMTP relay introspect tokens as. */
  introspector: { clientId: string; clientSecret: string };
  introspectionUrl: string;
  controlToken: string;
}

export interface AttachedAuthorizationServer extends AuthorizationServerDescription {
  /** Revokes every grant of `email` (all clients) with its access and refresh tokens. */
  revokeGrants(email: string): Promise<void>;
  /** Access tokens issued from now on live `seconds`. */
  setAccessTokenTtl(seconds: number): Promise<void>;
}

export interface AuthorizationServer extends AttachedAuthorizationServer {
  stop(): Promise<void>;
}

export async function startAuthorizationServer(opts: AuthorizationServerOptions): Promise<AuthorizationServer> {
  // Loaded here, not at the top: Playwright workers import this file through the mail stack only
  // to attach, and oidc-provider prints its Node 20 warning on load.
  const { default: OidcProvider, interactionPolicy } = await import('oidc-provider');
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const secret = () => randomBytes(24).toString('base64url');
  const clients = Object.fromEntries(TEST_OAUTH_CLIENTS.map((id) => [id, { clientId: id, clientSecret: secret() }])) as Record<
    TestOAuthClientId,
    { clientId: string; clientSecret: string }
  >;
  const introspector = { clientId: 'introspector', clientSecret: secret() };
  const controlToken = secret();
  const redirectUris = opts.redirectUris ?? ['http://127.0.0.1/api/oauth/callback', 'http://localhost/api/oauth/callback'];
  let accessTokenTtl = opts.accessTokenTtl ?? 3600;
  /** accountId → grant ids, for revokeGrants (the memory adapter has no index by account). */
  const grantsOf = new Map<string, Set<string>>();
  // Microsoft's `prompt=select_account` (its account picker), which oidc-provider does not know:
  // here it is the sign-in page again, resolved by signing in (see interaction-pages.ts).
  const policy = interactionPolicy.base();
  policy.add(new interactionPolicy.Prompt({ name: 'select_account', requestable: true }), 0);

  const provider: Provider = new OidcProvider(issuer, {
    clients: [
      ...TEST_OAUTH_CLIENTS.map((id) => ({
        client_id: id,
        client_secret: clients[id].clientSecret,
        application_type: 'native',
        redirect_uris: redirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      })),
      // Resource servers: no redirects, only introspection (client_secret_basic: Dovecot sends the
      // user:password of its introspection_url as HTTP Basic).
      {
        client_id: introspector.clientId,
        client_secret: introspector.clientSecret,
        redirect_uris: [],
        grant_types: [],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' })] },
    cookies: { keys: [secret()] },
    scopes: SCOPES,
    claims: { openid: ['sub'], email: ['email', 'email_verified', 'preferred_username'] },
    conformIdTokenClaims: false,
    async findAccount(_ctx: unknown, id: string) {
      return {
        accountId: id,
        claims: async () => ({ sub: id, email: id, email_verified: true, preferred_username: id }),
      };
    },
    features: {
      devInteractions: { enabled: false },
      // Only the resource servers' client may ask about tokens, any client's tokens (RFC 7662 §4).
      introspection: {
        enabled: true,
        allowedPolicy: async (_ctx: unknown, caller: { clientId: string }) => caller.clientId === introspector.clientId,
      },
      revocation: { enabled: true },
    },
    interactions: {
      policy,
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    pkce: { required: () => true },
    ttl: {
      AccessToken: () => accessTokenTtl,
      // Long enough for any test; a revoked grant, not an expired one, is how tests end a grant.
      RefreshToken: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
      Session: 24 * 3600,
      Interaction: 3600,
      AuthorizationCode: 600,
      IdToken: 3600,
    },
  });
  provider.on('grant.saved', (grant) => {
    const set = grantsOf.get(grant.accountId) ?? new Set<string>();
    set.add(grant.jti);
    grantsOf.set(grant.accountId, set);
  });

  async function revokeGrants(email: string): Promise<void> {
    const account = email.trim().toLowerCase();
    for (const grantId of grantsOf.get(account) ?? []) {
      // What oidc-provider's own revocation does for a grant (lib/helpers/revoke.js).
      await Promise.all([
        provider.AccessToken.revokeByGrantId(grantId),
        provider.RefreshToken.revokeByGrantId(grantId),
        provider.AuthorizationCode.revokeByGrantId(grantId),
        provider.Grant.adapter.destroy(grantId),
      ]);
    }
    grantsOf.delete(account);
  }

  const oidc = provider.callback();
  server.on('request', (req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', issuer).pathname;
      if (path.startsWith('/__test/')) {
        if (req.method !== 'POST' || req.headers.authorization !== `Bearer ${controlToken}`) {
          res.writeHead(403).end();
          return;
        }
        const body = JSON.parse((await readBody(req)) || '{}') as { email?: string; seconds?: number };
        if (path === '/__test/revoke' && body.email) await revokeGrants(body.email);
        else if (path === '/__test/access-token-ttl' && Number.isInteger(body.seconds) && body.seconds! > 0)
          accessTokenTtl = body.seconds!;
        else {
          res.writeHead(400).end();
          return;
        }
        res.writeHead(204).end();
        return;
      }
      if (!(await handleInteraction(provider, opts.checkPassword, req, res))) oidc(req, res);
    })().catch((err: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`test authorization server: ${err.message}`);
    });
  });

  const description: AuthorizationServerDescription = {
    issuer,
    clients,
    introspector,
    introspectionUrl: `${issuer}/token/introspection`,
    controlToken,
  };
  return {
    ...description,
    revokeGrants,
    async setAccessTokenTtl(seconds) {
      accessTokenTtl = seconds;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The server another process started: its controls go over HTTP. */
export function attachAuthorizationServer(desc: AuthorizationServerDescription): AttachedAuthorizationServer {
  const control = async (path: string, body: unknown) => {
    const res = await fetch(`${desc.issuer}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${desc.controlToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 204) throw new Error(`test authorization server ${path}: HTTP ${res.status}`);
  };
  return {
    ...desc,
    revokeGrants: (email) => control('/__test/revoke', { email }),
    setAccessTokenTtl: (seconds) => control('/__test/access-token-ttl', { seconds }),
  };
}
