import 'server-only';
import { ImapFlow } from 'imapflow';
import type { Socket } from 'node:net';
import { imapClientOptions } from '../imap/imap-client-options.ts';
import type { CheckedTarget } from '../network/outbound-guard.ts';
import { runVerification } from './run-verification.ts';
import type { MailServer } from '../server/mail-server.ts';
import { phaseTimeoutMs, type VerifyServerOptions } from './verify-options.ts';

export interface ImapFolder {
  path: string;
  name: string;
  /** RFC 6154 special use (`\Sent`, `\Trash`, …; imapflow adds `\Inbox`), `null` for an ordinary folder. */
  specialUse: string | null;
}

export interface ImapVerifyResult {
  /** Every folder LIST shows, so the form can show what will be synced. */
  folders: ImapFolder[];
  /** The capabilities after login (RFC 9051 §6.1.1; servers may announce more once authenticated). */
  capabilities: string[];
}

/** How long a polite LOGOUT may take before the socket is simply closed. @default 2 s */
const LOGOUT_GRACE_MS = 2_000;

/**
 * Proves that the incoming settings work: connects (through the SSRF guard, to the address it
 * checked), upgrades with STARTTLS on a plain port, signs in and lists the folders, then logs out.
 * Rejects with a `MailVerifyError` (side `incoming`) explaining what to fix.
 *
 * The password never crosses an unencrypted connection unless `allowPlaintextAuth` is set
 * (lib/mail/imap/imap-client-options.ts, the options every IMAP connection shares).
 */
export async function verifyImap(settings: MailServer, options: VerifyServerOptions = {}): Promise<ImapVerifyResult> {
  return runVerification('incoming', settings, options, (connection, timeoutMs, signal) =>
    connectAndList(connection, settings, options, timeoutMs, signal),
  );
}

async function connectAndList(
  { target, openSocket }: { target: CheckedTarget; openSocket: () => Socket },
  settings: MailServer,
  options: VerifyServerOptions,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<ImapVerifyResult> {
  const client = new ImapFlow({
    ...imapClientOptions(settings, {
      target,
      openSocket,
      trustedFingerprint: options.tls?.trustedFingerprint,
      allowPlaintextAuth: options.allowPlaintextAuth ?? false,
    }),
    connectionTimeout: phaseTimeoutMs(timeoutMs),
    greetingTimeout: phaseTimeoutMs(timeoutMs),
    // Inactivity after the greeting: the overall deadline covers it, this only must not pre-empt the greeting timer.
    socketTimeout: timeoutMs,
    // A check needs neither: fewer round trips, and nothing to undo on a server that mishandles them.
    disableCompression: true,
    disableAutoEnable: true,
  });
  // Failures reach us through connect()/list(); an 'error' event nobody listens to would crash the process.
  client.on('error', () => {});
  const close = () => client.close();
  signal.addEventListener('abort', close, { once: true });
  try {
    await client.connect();
    const mailboxes = await client.list();
    return {
      folders: mailboxes.map(({ path, name, specialUse }) => ({ path, name, specialUse: specialUse ?? null })),
      capabilities: [...client.capabilities.keys()],
    };
  } finally {
    signal.removeEventListener('abort', close);
    if (client.usable) {
      const grace = new Promise((resolve) => setTimeout(resolve, LOGOUT_GRACE_MS).unref());
      await Promise.race([client.logout().catch(() => {}), grace]);
    }
    client.close();
  }
}
