import 'server-only';
import type { ProviderInfo } from '../discovery/types.ts';
import type { ConnectPolicy } from '../network/check-connect-target.ts';
import type { Dial } from '../network/outbound-guard.ts';
import type { ResolveHost } from '../network/resolve-and-check.ts';

export interface TlsTrust {
  /**
   * SHA-256 fingerprint of a leaf certificate the person chose to trust although it does not
   * verify (self-signed, private CA, expired, other name), e.g. from `MAIL_TLS_UNTRUSTED` details.
   */
  trustedFingerprint?: string;
}

export interface VerifyServerOptions {
  /** The whole check (DNS, connect, TLS, login, folder list) must finish within this. @default 15_000 */
  timeoutMs?: number;
  tls?: TlsTrust;
  /**
   * Send the password over a connection without TLS when the server offers no STARTTLS. Only for
   * onsite deployments that opted in (config `MAIL_ALLOW_PLAINTEXT_AUTH`). @default false
   */
  allowPlaintextAuth?: boolean;
  /** @default the system resolver; tests inject one so they never ask the internet */
  resolveHost?: ResolveHost;
  /** The SSRF guard. @default { mode: 'online' }: refuse private addresses unless told otherwise */
  connectGuard?: ConnectPolicy;
  /** @default `net.connect` to the checked address; see `OutboundNetwork.dial` */
  dial?: Dial;
  /** The provider discovery found, for its hints in messages (e.g. "Use an app password"). */
  provider?: ProviderInfo;
}

/** @default 15 s: long enough for a slow provider over a bad link, short enough for a person waiting on a form. */
export const DEFAULT_VERIFY_TIMEOUT_MS = 15_000;

export const DEFAULT_CONNECT_GUARD: ConnectPolicy = { mode: 'online' };

/**
 * The libraries' own connect and greeting timers get a little less than the whole
 * budget, so a server that falls silent in one phase is reported by the library, which knows the
 * phase (no greeting on a plain port suggests a TLS-only port), before the overall deadline fires.
 */
export function phaseTimeoutMs(timeoutMs: number): number {
  return Math.max(1, Math.floor(timeoutMs * 0.8));
}
