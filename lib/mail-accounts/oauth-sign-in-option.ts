import 'server-only';
import type { AppServices } from '../app-services.ts';
import { orderMxHosts } from '../mail/discovery/mx.ts';
import { findProviderByDomain, findProviderByMx } from '../mail/discovery/providers.ts';
import type { OAuthProviderId } from './oauth-providers-for-config.ts';

export interface OAuthSignInOption {
  /** The provider whose sign-in opens this mailbox. */
  provider: OAuthProviderId;
  /** Whether this deployment has a client for it; otherwise the page says to use an app password. */
  configured: boolean;
  /** Whether the provider still takes an app password over IMAP/SMTP (Google); Microsoft does not. */
  passwordAllowed: boolean;
}

/** The discovery table's providers that sign in with OAuth2 (lib/mail/discovery/providers.ts ids). */
const SIGNS_IN_WITH: Readonly<Record<string, OAuthProviderId>> = {
  google: 'google',
  outlook: 'microsoft',
  microsoft365: 'microsoft',
};

/** An MX lookup gets this long; the page just shows no sign-in button when it is slower. @default 3 s */
const MX_TIMEOUT_MS = 3000;

/**
 * Whether an address is at a provider that signs in with OAuth2, recognised as discovery does
 * (the provider table by domain, else by MX: a Workspace or Microsoft 365 custom domain), without
 * the rest of discovery (no autoconfig, SRV or probing): one DNS question at most. Null: a
 * password mailbox as before. The MX question counts against the user's own limit (each one is
 * a DNS query to a domain the user chose); over it, the answer is null: the password way still works.
 */
export async function oauthSignInOption(services: AppServices, userId: string, email: string): Promise<OAuthSignInOption | null> {
  const domain = email.trim().toLowerCase().split('@')[1]?.replace(/\.$/, '');
  if (!domain || !/^[a-z0-9.-]{1,253}$/.test(domain)) return null;
  let provider = findProviderByDomain(domain);
  if (!provider) {
    if (!services.limits.signInLookupsByUser.hit(userId)) return null;
    const records = await Promise.race([
      services.mailDiscovery.dns.resolveMx(domain).catch(() => []),
      new Promise<[]>((resolve) => setTimeout(() => resolve([]), MX_TIMEOUT_MS).unref()),
    ]);
    provider = findProviderByMx(orderMxHosts(records));
  }
  const id = provider && SIGNS_IN_WITH[provider.id];
  if (!id) return null;
  return { provider: id, configured: Boolean(services.oauth.providers[id]), passwordAllowed: id === 'google' };
}
