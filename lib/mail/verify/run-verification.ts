import 'server-only';
import { resolveAndCheck, type ResolvedAddress } from '../network/resolve-and-check.ts';
import { mapMailError } from './map-mail-error.ts';
import type { MailSide } from './mail-verify-error.ts';
import {
  DEFAULT_CONNECT_GUARD,
  DEFAULT_VERIFY_TIMEOUT_MS,
  type ServerCredentials,
  type VerifyServerOptions,
} from './verify-options.ts';
import { withDeadline } from './with-deadline.ts';

/** What a protocol's check gets: the address the guard checked, the budget, and when to give up. */
export type ServerCheck<T> = (target: ResolvedAddress, timeoutMs: number, signal: AbortSignal) => Promise<T>;

/**
 * The frame both verifiers share: one deadline over everything, the SSRF guard before any socket,
 * and every failure mapped to a `MailVerifyError` for `side`. `check` only talks the protocol; it
 * connects to `target.address` and closes its connection when `signal` aborts.
 */
export async function runVerification<T>(
  side: MailSide,
  settings: ServerCredentials,
  options: VerifyServerOptions,
  check: ServerCheck<T>,
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_VERIFY_TIMEOUT_MS;
  try {
    return await withDeadline(timeoutMs, async (signal) => {
      const target = await resolveAndCheck(settings.host, {
        ...(options.connectGuard ?? DEFAULT_CONNECT_GUARD),
        resolveHost: options.resolveHost,
      });
      // The deadline may have passed during DNS, which cannot be cancelled: do not connect after it.
      signal.throwIfAborted();
      return await check(target, timeoutMs, signal);
    });
  } catch (error) {
    const { host, port, ssl } = settings;
    throw mapMailError(error, side, { host, port, ssl, timeoutMs, provider: options.provider });
  }
}
