import 'server-only';
import type { Database } from '../db/client.ts';
import type { Config } from './config.ts';
import type { CredentialsKey } from './crypto/mail-credentials-key.ts';
import type { EventBus } from './events/event-bus.ts';
import type { RateLimiter } from './auth/rate-limiter.ts';
import type { DiscoveryDeps } from './mail/discovery/deps.ts';

/** What the server process holds once and hands to GraphQL and the sync loop. */
export interface AppServices {
  config: Config;
  database: Database;
  bus: EventBus;
  credentialsKey: CredentialsKey;
  limits: {
    /** Sign-in attempts per e-mail address. */
    signInByEmail: RateLimiter;
    /** Sign-in attempts per client IP. */
    signInByIp: RateLimiter;
    /** Mail-settings lookups and live verifications per user (each opens connections to other hosts). */
    mailLookupsByUser: RateLimiter;
  };
  /** DNS/HTTP/socket dependencies of mail-settings discovery. */
  mailDiscovery: DiscoveryDeps;
}
