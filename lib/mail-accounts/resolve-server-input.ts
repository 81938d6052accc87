import { AppError } from '../errors.ts';
import { parseServerAddress } from '../mail/server-address/parse-server-address.ts';
import type { MailCredentials, MailServer } from '../mail/server/mail-server.ts';

/** What the user typed for one server (the "More settings" screen or the API). */
export interface MailServerInput {
  server: string;
  username: string;
  password?: string | null;
  ssl: boolean;
  trustedFingerprint?: string | null;
}

/**
 * Parses `host[:port]`; a password typed for this server is its credentials, otherwise the
 * fallback: the account's password, or what the server has stored (a password or an OAuth2 grant).
 */
export function resolveServerInput(
  kind: 'imap' | 'smtp',
  input: MailServerInput,
  fallback: MailCredentials | undefined,
): MailServer {
  const parsed = parseServerAddress(input.server, kind, input.ssl);
  if (!parsed.ok) throw new AppError('BAD_SERVER_ADDRESS', { field: `${kind}.server`, message: parsed.message });
  const username = input.username.trim();
  if (!username)
    throw new AppError('BAD_USER_INPUT', {
      field: `${kind}.username`,
      message: 'Enter the username (usually your full e-mail address).',
    });
  const credentials: MailCredentials | undefined = input.password ? { kind: 'password', password: input.password } : fallback;
  if (!credentials) throw new AppError('BAD_USER_INPUT', { field: `${kind}.password`, message: 'Enter the password.' });
  return {
    host: parsed.host,
    port: parsed.port,
    ssl: parsed.ssl,
    username,
    credentials,
    ...(input.trustedFingerprint ? { trustedFingerprint: input.trustedFingerprint.trim() } : {}),
  };
}
