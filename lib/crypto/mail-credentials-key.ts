import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface CredentialsKey {
  key: Buffer;
  /** Short fingerprint stored beside each ciphertext, so keys can be rotated. */
  keyId: string;
}

/**
 * The AES-256 key for stored mail passwords: `MAIL_CREDENTIALS_KEY` when given, else a key
 * generated once into `DATA_DIR/mail-credentials.key` (mode 0600) so the embedded default
 * needs no setup. Losing that file means users must re-enter their mail passwords.
 */
export function loadCredentialsKey(configured: string | undefined, dataDir: string): CredentialsKey {
  let key: Buffer;
  if (configured) {
    key = Buffer.from(configured, 'base64');
  } else {
    const file = path.join(dataDir, 'mail-credentials.key');
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('base64') + '\n', { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
  }
  return { key, keyId: createHash('sha256').update(key).digest('hex').slice(0, 8) };
}
