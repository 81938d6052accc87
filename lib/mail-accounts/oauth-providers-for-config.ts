import 'server-only';
import { parseMailUrl, type Config, type OAuthProviderConfig } from '../config.ts';
import type { ServerEndpoint } from '../mail/discovery/types.ts';
import { GOOGLE, microsoft, type OAuthClient, type OAuthProvider } from '../mail/oauth/providers.ts';

export type OAuthProviderId = OAuthProvider['id'];
export const OAUTH_PROVIDER_IDS: readonly OAuthProviderId[] = ['google', 'microsoft'];

/** A provider this deployment can sign mailboxes in with: its client, and the mail servers its tokens open. */
export interface ConfiguredOAuthProvider {
  client: OAuthClient;
  imap: ServerEndpoint;
  smtp: ServerEndpoint;
}

export type ConfiguredOAuthProviders = Partial<Record<OAuthProviderId, ConfiguredOAuthProvider>>;

/**
 * The mail servers of each provider, as their documentation gives them: Gmail IMAP 993 and SMTP 465
 * (support.google.com/mail/answer/7126229); Microsoft 365 IMAP 993 and SMTP 587 with STARTTLS
 * (learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/pop3-and-imap4: "SMTP AUTH"
 * is offered on smtp.office365.com:587 only).
 */
const MAIL_SERVERS: Record<OAuthProviderId, { imap: ServerEndpoint; smtp: ServerEndpoint }> = {
  google: { imap: { host: 'imap.gmail.com', port: 993, ssl: true }, smtp: { host: 'smtp.gmail.com', port: 465, ssl: true } },
  microsoft: {
    imap: { host: 'outlook.office365.com', port: 993, ssl: true },
    smtp: { host: 'smtp.office365.com', port: 587, ssl: false, starttls: true },
  },
};

/**
 * The providers the operator configured (lib/config.ts, from the environment); the others are not
 * offered and their mailboxes connect with an app password. Pure.
 */
export function oauthProvidersForConfig(config: Pick<Config, 'oauth'>): ConfiguredOAuthProviders {
  const result: ConfiguredOAuthProviders = {};
  for (const id of OAUTH_PROVIDER_IDS) {
    const configured = config.oauth[id];
    if (configured) result[id] = configuredProvider(id, configured);
  }
  return result;
}

function configuredProvider(id: OAuthProviderId, configured: OAuthProviderConfig): ConfiguredOAuthProvider {
  const base = id === 'google' ? GOOGLE : microsoft(configured.tenant);
  const provider: OAuthProvider = configured.issuer
    ? { ...base, issuer: configured.issuer, allowHttp: new URL(configured.issuer).protocol === 'http:' }
    : base;
  return {
    client: { provider, clientId: configured.clientId, clientSecret: configured.clientSecret },
    imap: endpoint(configured.imapUrl, 'imap') ?? MAIL_SERVERS[id].imap,
    smtp: endpoint(configured.smtpUrl, 'smtp') ?? MAIL_SERVERS[id].smtp,
  };
}

function endpoint(url: string | undefined, kind: 'imap' | 'smtp'): ServerEndpoint | undefined {
  const parsed = url ? parseMailUrl(url, kind) : null;
  return parsed ? { ...parsed, ...(parsed.ssl ? {} : { starttls: true }) } : undefined;
}

export function isOAuthProviderId(value: unknown): value is OAuthProviderId {
  return typeof value === 'string' && (OAUTH_PROVIDER_IDS as readonly string[]).includes(value);
}
