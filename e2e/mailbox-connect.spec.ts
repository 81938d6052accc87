/*
 * Journeys: a salesperson connects their mailbox (issue "Connect a mailbox").
 * (a) A domain whose SRV records point at our Dovecot: e-mail + password is all it takes; the
 *     account keeps the discovered source (`srv`), a typed one (b) is `manual`.
 * (b) An unknown domain: More settings appears; a `host:port` server connects.
 * (c) A wrong password: a specific error naming the incoming server, the form kept; then it works.
 * (d) A server whose certificate does not match its name: the prompt comes into view with focus and a
 *     readable expiry date; one trust covers IMAP and SMTP on the same host → connected, both pinned.
 * (e) E-mail options: change the password (verified live; the source stays), remove the account, setup starts again.
 */
import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import type { Page } from '@playwright/test';
import { SRV_DOMAIN } from './global-setup.ts';
import { expect, test } from './fixtures.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { signInAsNewUser } from './support/session.ts';

test('(a) a domain recognized through SRV records connects with e-mail and password only', async ({
  page,
  mailStack,
  mailboxSetup,
}) => {
  const mailbox = { email: `sam@${SRV_DOMAIN}`, password: 'sam-mail-pw' };
  await mailStack.addUser(mailbox.email, mailbox.password);
  await signInAsNewUser(page, 'sam@acme.test');

  await test.step('1. the Inbox button opens the mailbox setup', async () => {
    await page.goto('/inbox');
    await expect(page.getByRole('heading', { name: 'Connect your mailbox' })).toBeVisible();
  });
  await test.step('2. log in: settings found through SRV, verified, inbox with folders', async () => {
    await mailboxSetup.logIn(mailbox.email, mailbox.password);
    await mailboxSetup.expectConnected(mailbox.email);
  });
  await test.step('3. the account keeps where its settings came from (SRV), not "manual"', async () => {
    expect(await settingsSource(page, mailbox.email)).toBe('srv');
  });
});

/** The stored settings source, as the signed-in page's session sees it through the API. */
async function settingsSource(page: Page, email: string): Promise<string | undefined> {
  const response = await page.request.post('/api/graphql', { data: { query: '{ mailAccounts { email settingsSource } }' } });
  const body = (await response.json()) as { data: { mailAccounts: Array<{ email: string; settingsSource: string }> } };
  return body.data.mailAccounts.find((account) => account.email === email)?.settingsSource;
}

test('(b) an unknown domain goes to More settings and connects with host:port servers', async ({
  page,
  mailStack,
  mailboxSetup,
}) => {
  const mailbox = { email: 'uma@unknown-corp.test', password: 'uma-mail-pw' };
  await mailStack.addUser(mailbox.email, mailbox.password);
  await signInAsNewUser(page, 'uma@acme.test');
  await page.goto('/inbox');

  await test.step('1. nothing is found: More settings, username pre-filled with the address', async () => {
    await mailboxSetup.logIn(mailbox.email, mailbox.password);
    await expect(mailboxSetup.moreSettings).toBeVisible({ timeout: 20_000 });
    await expect(mailboxSetup.moreSettings.getByRole('alert')).toContainText('could not find the settings for unknown-corp.test');
    await expect(mailboxSetup.moreSettings.getByLabel('IMAP username')).toHaveValue(mailbox.email);
    await expect(mailboxSetup.moreSettings.getByLabel('SMTP username')).toHaveValue(mailbox.email);
  });
  await test.step('2. host:port servers without SSL (STARTTLS) connect', async () => {
    await mailboxSetup.fillServers(
      { server: `localhost:${mailStack.ports.imap}`, ssl: false },
      { server: `localhost:${mailStack.ports.smtp}`, ssl: false },
    );
    await mailboxSetup.expectConnected(mailbox.email);
    expect(await settingsSource(page, mailbox.email)).toBe('manual');
  });
});

test('(c) a wrong password gives a specific error and keeps the form', async ({ page, mailStack, mailboxSetup }) => {
  const mailbox = { email: `walt@${SRV_DOMAIN}`, password: 'walt-mail-pw' };
  await mailStack.addUser(mailbox.email, mailbox.password);
  await signInAsNewUser(page, 'walt@acme.test');
  await page.goto('/inbox');

  await test.step('1. wrong password: the incoming server refused it, the address is kept', async () => {
    await mailboxSetup.logIn(mailbox.email, 'not-the-password');
    await expect(page.getByText('Incoming mail server (IMAP): the username or password was not accepted')).toBeVisible({
      timeout: 20_000,
    });
    await expect(page.getByLabel('E-mail address')).toHaveValue(mailbox.email);
  });
  await test.step('2. the right password connects', async () => {
    await page.getByLabel('Password', { exact: true }).fill(mailbox.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await mailboxSetup.expectConnected(mailbox.email);
  });
});

test('(d) an untrusted certificate can be trusted explicitly, once for a host both servers share', async ({
  page,
  mailStack,
  mailboxSetup,
  emailOptions,
}) => {
  const mailbox = { email: 'tina@selfsigned-corp.test', password: 'tina-mail-pw' };
  await mailStack.addUser(mailbox.email, mailbox.password);
  await signInAsNewUser(page, 'tina@acme.test');
  await page.goto('/inbox');
  const certificate = new X509Certificate(mailStack.certPem);
  const fingerprint = certificate.fingerprint256;
  // The stack's SMTP listens on 127.0.0.1 only: a plain TCP relay puts its SMTPS port at [::1]
  // too (TLS passes through untouched), so both servers share the host the certificate lacks.
  const smtpsAtV6 = await relayToIpv4(mailStack.ports.smtps);
  try {
    await certificateJourney(smtpsAtV6.port);
  } finally {
    await smtpsAtV6.close();
  }

  async function certificateJourney(smtpsPort: number) {
    await test.step('1. More settings (focus on its first field), IMAPS and SMTPS both at [::1] (a name the certificate does not carry)', async () => {
      await mailboxSetup.logIn(mailbox.email, mailbox.password);
      await expect(mailboxSetup.moreSettings).toBeVisible({ timeout: 20_000 });
      await expect(mailboxSetup.moreSettings.getByLabel('IMAP server')).toBeFocused();
      await mailboxSetup.fillServers(
        { server: `[::1]:${mailStack.ports.imaps}`, ssl: true },
        { server: `[::1]:${smtpsPort}`, ssl: true },
      );
    });
    await test.step('2. the prompt is in view and focused, with the expiry as a date, not ISO', async () => {
      const prompt = page.getByRole('group', { name: 'Check this certificate before you trust it' });
      await expect(prompt).toBeVisible({ timeout: 20_000 });
      await expect(prompt).toBeFocused();
      await expect(prompt).toBeInViewport();
      // Built from the code and the side (so it can be Dutch too), not the server's English sentence.
      await expect(prompt.getByRole('alert')).toHaveText(
        'The incoming mail server (IMAP) presents a certificate that is not trusted.',
      );
      await expect(prompt).toContainText(fingerprint);
      const year = new Date(certificate.validTo).getUTCFullYear();
      await expect(prompt).toContainText(new RegExp(`Valid until[A-Z][a-z]+ \\d{1,2}, (${year}|${year + 1}|${year - 1})`));
      await expect(prompt).not.toContainText(/\d{4}-\d{2}-\d{2}T/);
      await expectNoAxeViolations(page, 'the certificate prompt');
    });
    await test.step('3. one "Trust this certificate" covers the shared host: connected, both servers pinned', async () => {
      await page.getByRole('button', { name: 'Trust this certificate' }).click();
      await mailboxSetup.expectConnected(mailbox.email);
      expect(await pinnedFingerprints(page, mailbox.email)).toEqual({ imap: fingerprint, smtp: fingerprint });
    });
    await test.step('4. E-mail options lists the account with its IPv6 server', async () => {
      await emailOptions.goto();
      await expect(emailOptions.account(mailbox.email)).toContainText(`[::1]:${mailStack.ports.imaps}`);
    });
  }
});

/** Listens on [::1] (a free port) and pipes each connection to the same service on 127.0.0.1. */
async function relayToIpv4(port: number): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((inbound) => {
    const outbound = net.connect(port, '127.0.0.1');
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => (inbound.destroy(), outbound.destroy()));
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '::1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The certificate fingerprints stored for an account's two servers, through the API. */
async function pinnedFingerprints(page: Page, email: string) {
  const query = '{ mailAccounts { email imap { trustedCertificateFingerprint } smtp { trustedCertificateFingerprint } } }';
  const response = await page.request.post('/api/graphql', { data: { query } });
  type Pin = { trustedCertificateFingerprint: string | null };
  const body = (await response.json()) as { data: { mailAccounts: Array<{ email: string; imap: Pin; smtp: Pin }> } };
  const account = body.data.mailAccounts.find((a) => a.email === email);
  return { imap: account?.imap.trustedCertificateFingerprint, smtp: account?.smtp.trustedCertificateFingerprint };
}

test('(e) E-mail options: edit the password, remove the account, set up again', async ({
  page,
  mailStack,
  mailboxSetup,
  emailOptions,
  shell,
}) => {
  const mailbox = { email: `eve@${SRV_DOMAIN}`, password: 'eve-mail-pw-1' };
  await mailStack.addUser(mailbox.email, mailbox.password);
  await signInAsNewUser(page, 'eve@acme.test');
  await page.goto('/inbox');
  await mailboxSetup.logIn(mailbox.email, mailbox.password);
  await mailboxSetup.expectConnected(mailbox.email);

  await test.step('1. the user menu leads to E-mail options, which lists the account', async () => {
    await shell.openUserMenu();
    await shell.menuItem('E-mail options').click();
    await expect(emailOptions.account(mailbox.email)).toContainText('Connected');
    await expect(emailOptions.account(mailbox.email)).toContainText(`localhost:${mailStack.ports.imaps}`);
  });
  await test.step('2. a wrong new password is refused before anything is saved', async () => {
    await emailOptions.changePassword(mailbox.email, 'wrong-new-password');
    await expect(emailOptions.account(mailbox.email).getByText('username or password was not accepted')).toBeVisible({
      timeout: 20_000,
    });
    await emailOptions.account(mailbox.email).getByRole('button', { name: 'Cancel' }).click();
  });
  await test.step('3. the mailbox password changes on the server; the new one is verified and saved', async () => {
    await mailStack.setPassword(mailbox.email, 'eve-mail-pw-2');
    await emailOptions.changePassword(mailbox.email, 'eve-mail-pw-2');
    await expect(emailOptions.account(mailbox.email).getByRole('button', { name: 'Edit' })).toBeVisible({ timeout: 20_000 });
    await expect(emailOptions.account(mailbox.email)).toContainText('Connected');
    expect(await settingsSource(page, mailbox.email), 'a new password leaves the discovered servers as they were').toBe('srv');
  });
  await test.step('4. remove it (with confirmation): the Inbox button starts the setup again', async () => {
    await emailOptions.remove(mailbox.email);
    await expect(page.getByText('No e-mail account is connected.')).toBeVisible();
    await shell.inboxButton.click();
    await expect(page.getByRole('heading', { name: 'Connect your mailbox' })).toBeVisible();
  });
});
