import 'server-only';
import * as client from 'openid-client';
import type { GuardedFetch } from '../network/guarded-fetch.ts';
import type { OAuthClient } from './providers.ts';

/** What the OAuth client needs from the process: its one outbound door (lib/mail/network). */
export interface OAuthDeps {
  /** `createGuardedFetch(createOutboundGuard(network))`: every OAuth request is checked like IMAP and SMTP. */
  fetch: GuardedFetch;
}

const configurations = new WeakMap<OAuthDeps, Map<string, Promise<client.Configuration>>>();

/**
 * openid-client's Configuration for a provider and client: the issuer's metadata read once
 * (OpenID Connect Discovery 1.0) and kept for the process, per `deps`. A failed discovery is not
 * kept, so the next call tries again. Every request it makes, discovery included, goes through
 * `deps.fetch` (`customFetch`), never the global fetch. The client authenticates with
 * `client_secret_post`, which both Google and Microsoft take.
 */
export function openProvider(oauth: OAuthClient, deps: OAuthDeps): Promise<client.Configuration> {
  let cache = configurations.get(deps);
  if (!cache) configurations.set(deps, (cache = new Map()));
  const key = `${oauth.provider.issuer}\n${oauth.clientId}\n${oauth.clientSecret}`;
  let config = cache.get(key);
  if (!config) {
    config = discover(oauth, deps);
    cache.set(key, config);
    config.catch(() => cache.delete(key));
  }
  return config;
}

async function discover(oauth: OAuthClient, deps: OAuthDeps): Promise<client.Configuration> {
  const issuer = new URL(oauth.provider.issuer);
  if (issuer.protocol !== 'https:' && !oauth.provider.allowHttp) throw new Error(`OAuth issuer ${issuer.href} is not HTTPS`);
  const config = await client.discovery(
    issuer,
    oauth.clientId,
    { client_secret: oauth.clientSecret },
    client.ClientSecretPost(oauth.clientSecret),
    {
      [client.customFetch]: deps.fetch as unknown as client.CustomFetch,
      ...(oauth.provider.allowHttp ? { execute: [client.allowInsecureRequests] } : {}),
    },
  );
  config[client.customFetch] = deps.fetch as unknown as client.CustomFetch;
  return config;
}
