import type { Db } from '../../db/client.ts';
import { mailAccounts, tenants, users } from '../../db/schema/index.ts';
import type { SealedSecret } from '../../lib/crypto/secret-box.ts';

export interface TestAccountRows {
  email: string;
  /** Used for both servers. @default 'imap.invalid' (for store-only tests: nothing connects) */
  host?: string;
  /** @default 993 */
  imapPort?: number;
  /** @default 465 */
  smtpPort?: number;
  /** The password as stored (sealed); the same for IMAP and SMTP. @default a placeholder nothing opens */
  sealed?: SealedSecret;
  /** SHA-256 fingerprint of a pinned certificate (the test stack's self-signed one). */
  fingerprint?: string;
  /** @default 'tenant <email>' */
  tenantName?: string;
}

/**
 * A tenant, its user and one connected mail account (implicit TLS on both sides), inserted
 * directly: for tests and the benchmark that exercise the sync or the store, not the connect flow.
 */
export async function insertTestAccount(
  db: Db,
  rows: TestAccountRows,
): Promise<{ tenantId: string; userId: string; accountId: string }> {
  const [tenant] = await db
    .insert(tenants)
    .values({ name: rows.tenantName ?? `tenant ${rows.email}` })
    .returning();
  const [user] = await db
    .insert(users)
    .values({ tenantId: tenant!.id, email: rows.email, name: rows.email.split('@')[0]!, passwordHash: 'not-used' })
    .returning();
  const fingerprint = rows.fingerprint ?? null;
  const { host = 'imap.invalid', imapPort = 993, smtpPort = 465, sealed = { data: 'x', keyId: 'k' } } = rows;
  const [account] = await db
    .insert(mailAccounts)
    .values({
      tenantId: tenant!.id,
      userId: user!.id,
      email: rows.email,
      settingsSource: 'manual',
      imapHost: host,
      imapPort,
      imapSsl: true,
      imapUsername: rows.email,
      imapSecretSealed: sealed.data,
      imapSecretKeyId: sealed.keyId,
      imapTrustedFingerprint: fingerprint,
      smtpHost: host,
      smtpPort,
      smtpSsl: true,
      smtpUsername: rows.email,
      smtpSecretSealed: sealed.data,
      smtpSecretKeyId: sealed.keyId,
      smtpTrustedFingerprint: fingerprint,
      status: 'connected',
    })
    .returning();
  return { tenantId: tenant!.id, userId: user!.id, accountId: account!.id };
}
