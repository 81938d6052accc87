import 'server-only';
import type { Socket } from 'node:net';
import { createOutboundGuard, type CheckedTarget } from '../network/outbound-guard.ts';
import { mapMailError } from './map-mail-error.ts';
import type { MailSide } from './mail-verify-error.ts';
import type { MailServer } from '../server/mail-server.ts';
import { DEFAULT_CONNECT_GUARD, DEFAULT_VERIFY_TIMEOUT_MS, type VerifyServerOptions } from './verify-options.ts';
import { withDeadline } from './with-deadline.ts';

/**
 * What a protocol's check gets: the target the guard checked, a way to open a socket to it (the
 * only socket it may use), the budget, and when to give up.
 */
export type ServerCheck<T> = (
  connection: { target: CheckedTarget; openSocket: () => Socket },
  timeoutMs: number,
  signal: AbortSignal,
) => Promise<T>;

/**
 * The frame both verifiers share: one deadline over everything, the outbound guard (lib/mail/network) before any socket,
 * and every failure mapped to a `MailVerifyError` for `side`. `check` only talks the protocol; its
 * socket comes from `openSocket` (to the checked address), and it closes its connection when `signal` aborts.
 */
export async function runVerification<T>(
  side: MailSide,
  settings: MailServer,
  options: VerifyServerOptions,
  check: ServerCheck<T>,
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_VERIFY_TIMEOUT_MS;
  try {
    return await withDeadline(timeoutMs, async (signal) => {
      const guard = createOutboundGuard({
        guard: options.connectGuard ?? DEFAULT_CONNECT_GUARD,
        resolveHost: options.resolveHost,
        dial: options.dial,
      });
      const target = await guard.check(settings.host, settings.port);
      // The deadline may have passed during DNS, which cannot be cancelled: do not connect after it.
      signal.throwIfAborted();
      return await check({ target, openSocket: () => guard.dial(target) }, timeoutMs, signal);
    });
  } catch (error) {
    const { host, port, ssl } = settings;
    throw mapMailError(error, side, {
      host,
      port,
      ssl,
      timeoutMs,
      provider: options.provider,
      authKind: settings.credentials.kind,
    });
  }
}
