import 'server-only';
import { createGuardedFetch } from '../network/guarded-fetch.ts';
import { createOutboundGuard, type OutboundNetwork } from '../network/outbound-guard.ts';
import type { OAuthDeps } from './open-provider.ts';

/**
 * The OAuth client's dependencies for this deployment: its HTTP goes through the same outbound
 * guard as IMAP, SMTP and discovery (the deployment's `mailNetwork`). Build it once per process and
 * keep it: the providers' metadata is cached per `OAuthDeps` object (open-provider.ts).
 */
export function oauthDepsForNetwork(network: OutboundNetwork): OAuthDeps {
  return { fetch: createGuardedFetch(createOutboundGuard(network)) };
}
