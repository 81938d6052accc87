import 'server-only';
import { ImapFlow } from 'imapflow';
import { createOutboundGuard, type OutboundNetwork } from '../network/outbound-guard.ts';
import type { MailServer } from '../server/mail-server.ts';
import { mapMailError } from '../verify/map-mail-error.ts';
import { imapClientOptions } from './imap-client-options.ts';
import { DEFAULT_IMAP_TIMEOUTS, type ImapTimeouts } from './imap-timeouts.ts';

export interface OpenImapOptions {
  /** The process's mail network: its guard opens the socket (lib/mail/network). */
  network: OutboundNetwork;
  allowPlaintextAuth: boolean;
  /** Shown in imapflow's logs and errors, e.g. `sync:<account>:inbox`. */
  id?: string;
  /** @default {@link DEFAULT_IMAP_TIMEOUTS} */
  timeouts?: Partial<ImapTimeouts>;
}

/**
 * Restart IDLE this often. RFC 2177 §3: servers may log out a client idling 30 minutes; NAT
 * boxes forget silent TCP flows much sooner, so well below both.
 * @default 5 min
 */
const MAX_IDLE_MS = 5 * 60_000;

/**
 * A logged-in ImapFlow for syncing and mail actions, with the options verification uses too
 * (imap-client-options.ts): the outbound guard resolves and checks the host once and
 * opens the socket to that address; the certificate is checked (or matched against the pin) before a
 * byte of ours is sent; the password (or access token) is only sent over TLS unless the deployment allows
 * plaintext. Rejects with an AppError from `mapMailError` (side 'incoming'), whose `retryable`
 * says whether the sync should try again later or tell the person.
 *
 * Sync settings, unlike verification's: QRESYNC on (RFC 7162: VANISHED instead of EXPUNGE, and
 * resynchronization without a full UID list), no auto-IDLE (the runner enters IDLE itself the
 * moment a pass is done; imapflow's default would wait 15 s and never idles while we hold a
 * mailbox lock anyway).
 */
export async function openImapClient(settings: MailServer, options: OpenImapOptions): Promise<ImapFlow> {
  let client: ImapFlow | undefined;
  const timeouts = { ...DEFAULT_IMAP_TIMEOUTS, ...options.timeouts };
  try {
    const guard = createOutboundGuard(options.network);
    const target = await guard.check(settings.host, settings.port);
    client = new ImapFlow({
      ...imapClientOptions(settings, {
        target,
        openSocket: () => guard.dial(target),
        trustedFingerprint: settings.trustedFingerprint,
        allowPlaintextAuth: options.allowPlaintextAuth,
      }),
      id: options.id,
      qresync: true,
      disableAutoIdle: true,
      maxIdleTime: MAX_IDLE_MS,
      connectionTimeout: timeouts.connectMs,
      greetingTimeout: timeouts.connectMs,
      socketTimeout: timeouts.socketMs,
    });
    // Failures after connect surface as 'close' (the runner reconnects); an 'error' event nobody
    // listens to would crash the process.
    client.on('error', () => {});
    await client.connect();
    return client;
  } catch (error) {
    client?.close();
    throw mapMailError(error, 'incoming', {
      host: settings.host,
      port: settings.port,
      ssl: settings.ssl,
      authKind: settings.credentials.kind,
    });
  }
}

/** LOGOUT politely, but never wait long for a server that stopped answering; always close. */
export async function closeImapClient(client: ImapFlow, graceMs = 2_000): Promise<void> {
  try {
    if (client.usable) {
      const grace = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([client.logout().catch(() => {}), grace]);
    }
  } finally {
    client.close();
  }
}
