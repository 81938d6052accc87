import 'server-only';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { CredentialsKey } from './mail-credentials-key.ts';

/** Encrypted at rest: AES-256-GCM, a fresh 96-bit IV per secret, the key id kept for rotation. */
export interface SealedSecret {
  keyId: string;
  /** base64(iv ‖ ciphertext ‖ tag) */
  data: string;
}

export function seal(plaintext: string, { key, keyId }: CredentialsKey): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { keyId, data: Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64') };
}

export function open(sealed: SealedSecret, { key, keyId }: CredentialsKey): string {
  if (sealed.keyId !== keyId) throw new Error(`Secret was sealed with key ${sealed.keyId}, current key is ${keyId}`);
  const raw = Buffer.from(sealed.data, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
}
