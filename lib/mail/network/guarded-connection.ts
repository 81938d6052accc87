import type { Socket } from 'node:net';
import type { CheckedTarget } from './outbound-guard.ts';

/** How a protocol client (lib/mail/imap, lib/mail/smtp) reaches its server, and what it may trust there. */
export interface GuardedConnection {
  /** The address the outbound guard checked: the only one connected to. */
  target: CheckedTarget;
  /** Opens a socket to `target` through the guard; the protocol library never opens one itself. */
  openSocket: () => Socket;
  /** SHA-256 of a leaf certificate the person chose to trust although it does not verify. */
  trustedFingerprint?: string;
  /** Send the password without TLS when the server offers no STARTTLS (config `MAIL_ALLOW_PLAINTEXT_AUTH`). */
  allowPlaintextAuth: boolean;
}
