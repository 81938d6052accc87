import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDnsFixtureServer } from '../lib/mail/discovery/fixtures/dns-fixture-server.ts';
import { describeMailStack, MAIL_STACK_ENV, startMailStack } from './mail-stack/index.ts';
import { startAppProcess } from './support/app-process.ts';
import { createTestDatabase } from './support/test-database.ts';

/**
 * The env var through which the shared app's settings (not its database, data dir or port) reach
 * the workers, so a journey can start an app of its own like it (e2e/support/own-app.ts).
 */
export const E2E_APP_ENV = 'E2E_APP_ENV_JSON';

/** The domain whose RFC 6186 SRV records (served by the fixture DNS) point at the test Dovecot. */
export const SRV_DOMAIN = 'srv-demo.test';
/**
 * A "Google Workspace" domain: its MX is Google's (aspmx.l.google.com), so discovery recognises the
 * provider as it does a real custom domain; the app's Google client points at the local
 * authorization server and the stack's Dovecot and SMTP relay (OAUTH_GOOGLE_*), never the internet.
 */
export const WORKSPACE_DOMAIN = 'workspace-demo.test';
/**
 * A "Microsoft 365" domain: its MX is Exchange Online's (`*.mail.protection.outlook.com`); the app's
 * Microsoft client points at the same local authorization server, Dovecot, and the SMTP relay over
 * STARTTLS as at smtp.office365.com:587 (OAUTH_MICROSOFT_*).
 */
export const MICROSOFT_365_DOMAIN = 'm365-demo.test';

/**
 * Starts what every journey shares: a fresh PostgreSQL database, the test mail stack
 * (Dovecot + SMTP + the OAuth authorization server), a DNS server answering for the demo domains, and the app on all of them.
 * The app trusts the stack's certificate for `localhost`/`127.0.0.1` (NODE_EXTRA_CA_CERTS),
 * as a company would trust its own CA; `[::1]` is not in the certificate, which is how the
 * "trust this certificate" journey meets an untrusted one.
 * The returned function is Playwright's teardown: every acquire has its release.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const releases: Array<() => Promise<void> | void> = [];
  const release = async () => {
    for (const fn of releases.reverse()) await fn();
  };
  try {
    const database = await createTestDatabase('crm_e2e');
    releases.push(() => database.drop());
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-e2e-'));
    releases.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    // With the local OAuth authorization server (e2e/oauth-stack): Dovecot and SMTP take its tokens too.
    const stack = await startMailStack({ oauth: true });
    releases.push(() => stack.stop());
    process.env[MAIL_STACK_ENV] = JSON.stringify(describeMailStack(stack));
    const dns = await startDnsFixtureServer({
      [`_imaps._tcp.${SRV_DOMAIN}`]: { SRV: [{ priority: 0, weight: 1, port: stack.ports.imaps, target: 'localhost' }] },
      [`_submissions._tcp.${SRV_DOMAIN}`]: { SRV: [{ priority: 0, weight: 1, port: stack.ports.smtps, target: 'localhost' }] },
      [WORKSPACE_DOMAIN]: { MX: [{ priority: 1, exchange: 'aspmx.l.google.com' }] },
      [MICROSOFT_365_DOMAIN]: { MX: [{ priority: 0, exchange: 'm365-demo-test.mail.protection.outlook.com' }] },
    });
    releases.push(() => dns.close());
    const certFile = path.join(dataDir, 'mail-stack-ca.pem');
    fs.writeFileSync(certFile, stack.certPem);
    const shared = { MAIL_DISCOVERY_DNS_SERVERS: `127.0.0.1:${dns.port}`, NODE_EXTRA_CA_CERTS: certFile };
    process.env[E2E_APP_ENV] = JSON.stringify(shared);
    const app = await startAppProcess({
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      PORT: process.env.E2E_PORT,
      ...shared,
      // app/test-pages/: the reader fed fixed hostile mail (e2e/mail-reader-defences.spec.ts).
      E2E_TEST_PAGES: '1',
      GOOGLE_OAUTH_CLIENT_ID: stack.oauth!.clients['google-test'].clientId,
      GOOGLE_OAUTH_CLIENT_SECRET: stack.oauth!.clients['google-test'].clientSecret,
      OAUTH_GOOGLE_ISSUER: stack.oauth!.issuer,
      OAUTH_GOOGLE_IMAP_URL: `imaps://localhost:${stack.ports.imaps}`,
      OAUTH_GOOGLE_SMTP_URL: `smtps://localhost:${stack.ports.smtps}`,
      MICROSOFT_OAUTH_CLIENT_ID: stack.oauth!.clients['microsoft-test'].clientId,
      MICROSOFT_OAUTH_CLIENT_SECRET: stack.oauth!.clients['microsoft-test'].clientSecret,
      OAUTH_MICROSOFT_ISSUER: stack.oauth!.issuer,
      OAUTH_MICROSOFT_IMAP_URL: `imaps://localhost:${stack.ports.imaps}`,
      OAUTH_MICROSOFT_SMTP_URL: `smtp://localhost:${stack.ports.smtp}`,
    });
    releases.push(async () => void (await app.stop()));
    return release;
  } catch (error) {
    await release();
    throw error;
  }
}
