import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SelfSignedCert {
  certPath: string;
  keyPath: string;
  /** PEM of the certificate: clients pin it with `tls: { ca: certPem }`. */
  certPem: string;
}

/**
 * A fresh self-signed certificate for `localhost`, `127.0.0.1` and `127.0.0.2` (the
 * strict stack's address, see index.ts), valid 2 days,
 * shared by Dovecot (IMAP STARTTLS, IMAPS) and the SMTP server (STARTTLS, SMTPS).
 *
 * All names are in subjectAltName because Node checks the SAN, never the CN
 * (RFC 6125): clients may connect to `127.0.0.1` and still verify. Reused if
 * `dir` already holds one (mail:dev keeps its data and the cert the user trusted).
 * Generating a 2048-bit key costs ≈ 50–150 ms of one core.
 */
export async function createSelfSignedCert(dir: string): Promise<SelfSignedCert> {
  const certPath = path.join(dir, 'cert.pem');
  const keyPath = path.join(dir, 'key.pem');
  const existing = await fs.readFile(certPath, 'utf8').catch(() => undefined);
  if (existing && (await isValidForADay(certPath))) return { certPath, keyPath, certPem: existing };

  // prettier-ignore
  await run('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
    '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:127.0.0.2',
    '-keyout', keyPath, '-out', certPath,
  ]);
  // Only root (Dovecot's config process, this test process) needs the key.
  await fs.chmod(keyPath, 0o600);
  return { certPath, keyPath, certPem: await fs.readFile(certPath, 'utf8') };
}

/** `openssl x509 -checkend`: exits 0 if the cert is still valid a day from now. */
async function isValidForADay(certPath: string): Promise<boolean> {
  return run('openssl', ['x509', '-checkend', '86400', '-noout', '-in', certPath]).then(
    () => true,
    () => false,
  );
}
