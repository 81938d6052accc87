import { AppError } from '../errors.ts';
import { parseServerAddress } from '../mail/server-address/parse-server-address.ts';

/** What the user typed for one server (the "More settings" screen or the API). */
export interface MailServerInput {
  server: string;
  username: string;
  password?: string | null;
  ssl: boolean;
  trustedFingerprint?: string | null;
}

/** A server ready to connect to. */
export interface ServerConnection {
  host: string;
  port: number;
  ssl: boolean;
  username: string;
  password: string;
  trustedFingerprint?: string;
}

/** Parses `host[:port]` and fills the password from the account's when none is given for this server. */
export function resolveServerInput(
  kind: 'imap' | 'smtp',
  input: MailServerInput,
  fallbackPassword: string | undefined,
): ServerConnection {
  const parsed = parseServerAddress(input.server, kind, input.ssl);
  if (!parsed.ok) throw new AppError('BAD_SERVER_ADDRESS', { field: `${kind}.server`, message: parsed.message });
  const username = input.username.trim();
  if (!username)
    throw new AppError('BAD_USER_INPUT', {
      field: `${kind}.username`,
      message: 'Enter the username (usually your full e-mail address).',
    });
  const password = input.password || fallbackPassword;
  if (!password) throw new AppError('BAD_USER_INPUT', { field: `${kind}.password`, message: 'Enter the password.' });
  return {
    host: parsed.host,
    port: parsed.port,
    ssl: parsed.ssl,
    username,
    password,
    ...(input.trustedFingerprint ? { trustedFingerprint: input.trustedFingerprint.trim() } : {}),
  };
}
