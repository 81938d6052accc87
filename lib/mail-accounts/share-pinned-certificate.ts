import type { MailServer } from '../mail/server/mail-server.ts';

/**
 * Lets one "trust this certificate" cover both servers when IMAP and SMTP are the same host
 * (host names compare without case, RFC 4343), so the person is not asked twice about the very
 * same certificate (issue 10). Only a server with no pin of its own borrows the other's, and a pin
 * is an exact SHA-256 fingerprint: if the other port presents a different certificate it still
 * fails as untrusted and is asked about on its own.
 */
export function sharePinnedCertificate(servers: { imap: MailServer; smtp: MailServer }): {
  imap: MailServer;
  smtp: MailServer;
} {
  const { imap, smtp } = servers;
  if (imap.host.toLowerCase() !== smtp.host.toLowerCase()) return servers;
  if (imap.trustedFingerprint && !smtp.trustedFingerprint)
    return { imap, smtp: { ...smtp, trustedFingerprint: imap.trustedFingerprint } };
  if (smtp.trustedFingerprint && !imap.trustedFingerprint)
    return { imap: { ...imap, trustedFingerprint: smtp.trustedFingerprint }, smtp };
  return servers;
}
