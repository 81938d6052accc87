import 'server-only';
import type { Database } from '../db/client.ts';
import type { Config } from './config.ts';
import type { CredentialsKey } from './crypto/mail-credentials-key.ts';
import type { AccessTokenSource } from './mail-accounts/access-token-source.ts';
import type { EventBus } from './events/event-bus.ts';
import type { RateLimiter } from './auth/rate-limiter.ts';
import type { SignInLimits } from './auth/sign-in-limits.ts';
import type { DiscoveryDeps } from './mail/discovery/deps.ts';
import type { MailNetwork } from './mail-accounts/discovery-deps-for-config.ts';
import type { SyncProgressEvent } from './sync/sync-events.ts';
import type { ConfiguredOAuthProviders } from './mail-accounts/oauth-providers-for-config.ts';
import type { OAuthDeps } from './mail/oauth/open-provider.ts';

/** What the rest of the app may ask of the sync supervisor. */
export interface SyncControl {
  /** Re-read accounts and windows now (after connect, remove, or a window change). */
  refresh(): Promise<void>;
  /** The latest progress of an account's runner in this process, if it runs here. */
  status(accountId: string): SyncProgressEvent | undefined;
}

/** What the server process holds once and hands to GraphQL and the sync loop. */
export interface AppServices {
  config: Config;
  database: Database;
  bus: EventBus;
  credentialsKey: CredentialsKey;
  /**
   * Fresh OAuth2 access tokens for the sync runner, the outbox sender and verification (issue 13);
   * createOAuthAccessTokenSource is the real one (refreshing through lib/mail/oauth); noAccessTokenSource asks every OAuth2
   * account to sign in again.
   */
  accessTokens: AccessTokenSource;
  /** Google and Microsoft sign-in: the providers this deployment has a client for, and the OAuth client's outbound door. */
  oauth: { providers: ConfiguredOAuthProviders; deps: OAuthDeps };
  limits: {
    /** Failed sign-ins per address, account + address and account, in the database (all processes). */
    signIn: SignInLimits;
    /** Mail-settings lookups and live verifications per user (each opens connections to other hosts). */
    mailLookupsByUser: RateLimiter;
    /** MX lookups for "Sign in with Google/Microsoft" per user (asked as an address is typed). */
    signInLookupsByUser: RateLimiter;
  };
  /** Resolver and SSRF guard of every mail connection (discovery, verification, sync). */
  mailNetwork: MailNetwork;
  /** DNS/HTTP/socket dependencies of mail-settings discovery. */
  mailDiscovery: DiscoveryDeps;
  /** The one-time token `completeSetup` asks of non-local requests; set while setup is required. */
  setupToken?: string;
  /** The IMAP sync supervisor, once started (absent in tools that only touch the database). */
  sync?: SyncControl;
}
