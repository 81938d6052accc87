import 'server-only';

/**
 * An OAuth 2.0 / OpenID Connect provider of mailboxes: where to sign in, and what to ask for so the
 * access token opens IMAP and SMTP (XOAUTH2) and the ID token names the mailbox.
 */
export interface OAuthProvider {
  /** Which provider this is; also the key operators configure client credentials under. */
  id: 'google' | 'microsoft';
  /**
   * The OpenID issuer: its `/.well-known/openid-configuration` is read once per process
   * (open-provider.ts). Tests put their local authorization server here.
   */
  issuer: string;
  /** Requested at sign-in, space-separated in `scope`. */
  scopes: readonly string[];
  /** The scopes without which the mailbox cannot be used: a token lacking one is refused. */
  mailScopes: readonly string[];
  /** Extra authorization request parameters the provider needs. */
  authorizationParams: Readonly<Record<string, string>>;
  /** Allow an `http:` issuer. Only the tests' local server sets it; real providers are HTTPS only. */
  allowHttp?: boolean;
}

/** A provider with the client an operator registered there (issue 13: per provider, per deployment). */
export interface OAuthClient {
  provider: OAuthProvider;
  clientId: string;
  clientSecret: string;
}

/**
 * Google (Gmail and Workspace). `https://mail.google.com/` is the only scope Gmail's IMAP and SMTP
 * accept with XOAUTH2 (developers.google.com/gmail/imap/xoauth2-protocol). Google issues a refresh
 * token only with `access_type=offline`, and again on a later sign-in only with `prompt=consent`
 * (developers.google.com/identity/protocols/oauth2/web-server#offline): a reconnect must get one.
 */
export const GOOGLE: OAuthProvider = {
  id: 'google',
  issuer: 'https://accounts.google.com',
  scopes: ['openid', 'email', 'https://mail.google.com/'],
  mailScopes: ['https://mail.google.com/'],
  authorizationParams: { access_type: 'offline', prompt: 'consent' },
};

/**
 * Microsoft 365 and Outlook.com through the Microsoft identity platform (v2.0 endpoints), for any
 * organization and personal accounts (`common`, or one tenant's id). IMAP and SMTP take tokens for
 * the Outlook resource: `IMAP.AccessAsUser.All`, `SMTP.Send`; `offline_access` brings the refresh
 * token (learn.microsoft.com/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth).
 * The `common` issuer is a template (`…/{tenantid}/v2.0`): openid-client checks the ID token's `iss`
 * against the user's own tenant (its Entra ID handling in `discovery`).
 */
export function microsoft(tenant = 'common'): OAuthProvider {
  return {
    id: 'microsoft',
    issuer: `https://login.microsoftonline.com/${encodeURIComponent(tenant)}/v2.0`,
    scopes: [
      'openid',
      'email',
      'offline_access',
      'https://outlook.office.com/IMAP.AccessAsUser.All',
      'https://outlook.office.com/SMTP.Send',
    ],
    mailScopes: ['https://outlook.office.com/IMAP.AccessAsUser.All', 'https://outlook.office.com/SMTP.Send'],
    // Let a person with several Microsoft accounts pick the mailbox instead of the one signed in.
    authorizationParams: { prompt: 'select_account' },
  };
}

export const MICROSOFT: OAuthProvider = microsoft();
