// The credentials migration (issue 13) on a store made before it, on both engines: a password
// sealed into the old `*_password_sealed` columns reads back unchanged as a password server through
// the row mapping, and the checks hold kind and provider together.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/queries/rows-of.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { mailAccounts } from '../../db/schema/index.ts';
import { migrationsBefore } from '../../e2e/support/migrations-before.ts';
import { testEngines } from '../../e2e/support/test-engines.ts';
import { projectRoot } from '../project-root.ts';
import { loadCredentialsKey } from '../crypto/mail-credentials-key.ts';
import { seal } from '../crypto/secret-box.ts';
import { readMailServer } from './mail-server-row.ts';

/** By name, not number: migrations are renumbered when branches merge. */
function credentialsMigrationTag(): string {
  const journal = JSON.parse(fs.readFileSync(path.join(projectRoot, 'db', 'migrations', 'meta', '_journal.json'), 'utf8')) as {
    entries: Array<{ tag: string }>;
  };
  const entry = journal.entries.find((e) => e.tag.endsWith('_credentials-type'));
  if (!entry) throw new Error('no credentials-type migration in the journal');
  return entry.tag;
}

/** drizzle wraps the driver's error ("Failed query: …"): the constraint is named in its cause. */
const violates = (constraint: string) => (error: unknown) =>
  String((error as { cause?: { message?: string } }).cause?.message).includes(constraint);

const key = loadCredentialsKey(randomBytes(32).toString('base64'), '/nonexistent');

for (const [engine, open] of testEngines) {
  describe(`the credentials-type migration on ${engine}`, async () => {
    const { database, cleanup } = await open();
    const before = migrationsBefore(credentialsMigrationTag());
    after(async () => (await cleanup(), fs.rmSync(before, { recursive: true, force: true })));
    await migrateDatabase(database, { migrationsFolder: before });
    const { db } = database;

    test('a password stored before it is the same password server after it', async () => {
      const imap = seal('imap-pw-from-before', key);
      const smtp = seal('smtp-pw-from-before', key);
      // In SQL: drizzle's insert names the columns of today's schema, which this store lacks yet.
      const [{ accountId }] = rowsOf<{ accountId: string }>(
        await db.execute(sql`with t as (insert into tenants (name) values ('old') returning id),
          u as (insert into users (tenant_id, email, name, password_hash) select id, 'old@t.test', 'old', 'not-used' from t returning id, tenant_id)
          insert into mail_accounts (tenant_id, user_id, email, settings_source, imap_host, imap_port, imap_ssl, imap_username,
            imap_password_sealed, imap_password_key_id, imap_trusted_fingerprint, smtp_host, smtp_port, smtp_ssl, smtp_username,
            smtp_password_sealed, smtp_password_key_id, status)
          select tenant_id, id, 'old@t.test', 'manual', 'imap.old.test', 993, true, 'old@t.test', ${imap.data}, ${imap.keyId},
            'AA:BB', 'smtp.old.test', 587, false, 'old', ${smtp.data}, ${smtp.keyId}, 'connected' from u
          returning id as "accountId"`),
      ) as [{ accountId: string }];

      await migrateDatabase(database);
      const [account] = await db.select().from(mailAccounts).where(eq(mailAccounts.id, accountId));
      assert.deepEqual(readMailServer(account!, 'imap', key), {
        host: 'imap.old.test',
        port: 993,
        ssl: true,
        username: 'old@t.test',
        trustedFingerprint: 'AA:BB',
        credentials: { kind: 'password', password: 'imap-pw-from-before' },
      });
      assert.deepEqual(readMailServer(account!, 'smtp', key), {
        host: 'smtp.old.test',
        port: 587,
        ssl: false,
        username: 'old',
        credentials: { kind: 'password', password: 'smtp-pw-from-before' },
      });
    });

    test('an oauth2 server needs its provider, and a password server has none', async () => {
      const [account] = await db.select({ id: mailAccounts.id }).from(mailAccounts);
      await assert.rejects(
        db.update(mailAccounts).set({ imapAuthKind: 'oauth2' }).where(eq(mailAccounts.id, account!.id)),
        violates('mail_accounts_imap_auth_check'),
      );
      await assert.rejects(
        db.update(mailAccounts).set({ smtpOAuthProvider: 'google' }).where(eq(mailAccounts.id, account!.id)),
        violates('mail_accounts_smtp_auth_check'),
      );
    });
  });
}
