import 'server-only';
import type { ProviderInfo } from '../mail/discovery/types.ts';
import type { FolderInfo } from '../../db/queries/mail-accounts.ts';
import { firstVerifyError, verifyMailAccount } from '../mail/verify/verify-mail-account.ts';
import type { AppServices } from '../app-services.ts';
import type { MailServer } from '../mail/server/mail-server.ts';

/**
 * Verifies an account live with this deployment's rules: its SSRF guard and resolver, and
 * plaintext passwords only where an onsite operator allowed them. Throws the first problem
 * (incoming before outgoing); resolves with the folders seen on the IMAP server and the SMTP
 * server's SIZE limit (RFC 1870; null when it announced none).
 */
export async function verifyForDeployment(
  services: AppServices,
  servers: { imap: MailServer; smtp: MailServer },
  provider?: ProviderInfo,
): Promise<{ folders: FolderInfo[]; smtpMaxSize: number | null }> {
  const network = services.mailNetwork;
  const verification = await verifyMailAccount(
    { imap: servers.imap, smtp: servers.smtp },
    {
      allowPlaintextAuth: services.config.mailAllowPlaintextAuth,
      connectGuard: network.guard,
      ...(network.resolveHost ? { resolveHost: network.resolveHost } : {}),
      ...(network.dial ? { dial: network.dial } : {}),
      ...(provider ? { provider } : {}),
      tls: {
        imap: { trustedFingerprint: servers.imap.trustedFingerprint },
        smtp: { trustedFingerprint: servers.smtp.trustedFingerprint },
      },
    },
  );
  const problem = firstVerifyError(verification);
  if (problem) throw problem;
  if (!verification.imap.ok || !verification.smtp.ok) throw new Error('unreachable: failed without an error');
  return { folders: verification.imap.result.folders, smtpMaxSize: verification.smtp.result.maxSize };
}
