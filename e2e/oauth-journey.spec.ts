/*
 * Journey: a salesperson whose company mail is at Google Workspace connects it with "Sign in with
 * Google" (issue 13). The app's Google client points at the test stack's authorization server,
 * whose tokens Dovecot and the SMTP relay accept (e2e/global-setup.ts); the domain's MX is Google's.
 *
 * 1. Connect your mailbox: the address is recognised as Google's (by MX): "Sign in with Google".
 * 2. The provider's sign-in and consent pages → back in the inbox: connected, a message that was
 *    already in the mailbox is imported.
 * 3. The access token expires (short lifetime): the sync's next login refreshes it silently and new
 *    mail still arrives.
 * 4. The grant is revoked at the provider: the inbox says so and offers "Sign in again".
 * 5. Sign in again → the same account is live again: new mail arrives, the warning is gone.
 * 6. In Dutch: the same address offers "Aanmelden met Google"; declining on the consent page
 *    comes back to the form with the reason, in Dutch.
 * 7. A Microsoft 365 address (by MX): "Sign in with Microsoft" is the way shown; the password form
 *    is folded behind "Use a password instead", which unfolds it with the reason it rarely works.
 * 8. Sign in with Microsoft at the provider → connected, the existing mail imported.
 */
import type { Browser } from '@playwright/test';
import { MICROSOFT_365_DOMAIN, WORKSPACE_DOMAIN } from './global-setup.ts';
import { expect, test } from './fixtures.ts';
import { OAuthProviderPage } from './pages/oauth-provider-page.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { signInAsNewUser } from './support/session.ts';

const GMAIL_SCOPE = 'https://mail.google.com/';
const OUTLOOK_SCOPES = ['https://outlook.office.com/IMAP.AccessAsUser.All', 'https://outlook.office.com/SMTP.Send'];

const message = (to: string, subject: string) =>
  `From: lee@customer.test\r\nTo: ${to}\r\nSubject: ${subject}\r\nDate: ${new Date().toUTCString()}\r\n\r\nHello.\r\n`;

test('sign in with Google: connect, refresh silently, reconnect after the grant is revoked', async ({
  page,
  mailStack,
  oauthProvider,
  inbox,
}) => {
  const mailbox = { email: `kim@${WORKSPACE_DOMAIN}`, password: 'kim-google-pw' };
  const oauth = mailStack.oauth!;
  await mailStack.addUser(mailbox.email, mailbox.password);
  await mailStack.deliver(mailbox.email, message(mailbox.email, 'Already in the mailbox'));
  await signInAsNewUser(page, 'kim@acme.test');
  // Tokens issued from now on live 5 s: each new login of the sync needs a refreshed one.
  await oauth.setAccessTokenTtl(5);
  try {
    await test.step('1. a Google address offers "Sign in with Google"', async () => {
      await page.goto('/inbox');
      await expect(page.getByRole('heading', { name: 'Connect your mailbox' })).toBeVisible();
      await page.getByLabel('E-mail address').fill(mailbox.email);
      await page.getByLabel('E-mail address').blur();
      await page.getByRole('link', { name: 'Sign in with Google' }).click();
    });

    await test.step('2. sign in and allow at the provider → connected, existing mail imported', async () => {
      await oauthProvider.signIn(mailbox.email, mailbox.password);
      await oauthProvider.allow([GMAIL_SCOPE]);
      await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible({ timeout: 20_000 });
      await expect(page.getByText(mailbox.email)).toBeVisible();
      await expect(inbox.row('Already in the mailbox')).toBeVisible({ timeout: 20_000 });
    });

    await test.step('3. the token expires: the next login refreshes it and new mail still arrives', async () => {
      // The open IDLE session outlives its token; a restart makes the sync log in again.
      await mailStack.restartDovecot();
      await mailStack.deliver(mailbox.email, message(mailbox.email, 'After the token expired'));
      await expect(inbox.row('After the token expired')).toBeVisible({ timeout: 30_000 });
      await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
    });

    await test.step('4. the grant is revoked: the inbox offers "Sign in again"', async () => {
      await oauth.revokeGrants(mailbox.email);
      await mailStack.restartDovecot();
      await expect(page.getByRole('link', { name: 'Sign in again' })).toBeVisible({ timeout: 30_000 });
    });

    await test.step('5. sign in again → the same account is live again', async () => {
      await oauth.setAccessTokenTtl(3600);
      await page.getByRole('link', { name: 'Sign in again' }).click();
      // Still signed in at the provider: only the consent page (Google's prompt=consent).
      await oauthProvider.allow([GMAIL_SCOPE]);
      await expect(inbox.row('After the token expired')).toBeVisible({ timeout: 20_000 });
      await mailStack.deliver(mailbox.email, message(mailbox.email, 'After signing in again'));
      await expect(inbox.row('After signing in again')).toBeVisible({ timeout: 30_000 });
      await expect(page.getByRole('link', { name: 'Sign in again' })).toHaveCount(0);
    });
  } finally {
    await oauth.setAccessTokenTtl(3600);
  }
});

test('in Dutch, a Google address offers "Aanmelden met Google"; declining is explained', async ({
  browser,
  baseURL,
  mailStack,
}) => {
  const page = await dutchPage(browser, baseURL!);
  const mailbox = { email: `joost@${WORKSPACE_DOMAIN}`, password: 'joost-google-pw' };
  await mailStack.addUser(mailbox.email, mailbox.password);
  await signInAsNewUser(page, 'joost@acme.test');
  await test.step('6. Koppel je mailbox: Aanmelden met Google; Cancel at the provider → the reason in Dutch', async () => {
    await page.goto('/inbox');
    await expect(page.getByRole('heading', { name: 'Koppel je mailbox' })).toBeVisible();
    await page.getByLabel('E-mailadres').fill(mailbox.email);
    await page.getByLabel('E-mailadres').blur();
    await page.getByRole('link', { name: 'Aanmelden met Google' }).click();
    // The test provider's own pages are English (they stand in for Google's).
    await new OAuthProviderPage(page).signIn(mailbox.email, mailbox.password);
    await new OAuthProviderPage(page).cancel();
    await expect(page.getByRole('heading', { name: 'Koppel je mailbox' })).toBeVisible();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(
      'Toegang tot de mailbox is niet toegestaan. Meld je opnieuw aan en sta toegang toe om hem te koppelen.',
    );
  });
  await page.context().close();
});

test('a Microsoft 365 address signs in with Microsoft; the password is behind "Use a password instead"', async ({
  page,
  mailStack,
  oauthProvider,
  inbox,
}) => {
  const mailbox = { email: `mo@${MICROSOFT_365_DOMAIN}`, password: 'mo-microsoft-pw' };
  await mailStack.addUser(mailbox.email, mailbox.password);
  await mailStack.deliver(mailbox.email, message(mailbox.email, 'Waiting in Exchange'));
  await signInAsNewUser(page, 'mo@acme.test');

  await test.step('7. "Sign in with Microsoft" first; the password form unfolds on request', async () => {
    await page.goto('/inbox');
    await page.getByLabel('E-mail address').fill(mailbox.email);
    await page.getByLabel('E-mail address').blur();
    await expect(page.getByRole('link', { name: 'Sign in with Microsoft' })).toBeVisible();
    const usePassword = page.getByRole('button', { name: 'Use a password instead' });
    await expect(usePassword).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByLabel('Password', { exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Log in' })).toHaveCount(0);
    await usePassword.click();
    await expect(usePassword).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByText('Most Microsoft 365 and Outlook.com accounts no longer accept a password')).toBeVisible();
    await expect(page.getByLabel('Password', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
    await expectNoAxeViolations(page, 'the unfolded password form of a Microsoft address');
    await usePassword.click();
    await expect(page.getByLabel('Password', { exact: true })).toHaveCount(0);
  });

  await test.step('8. sign in with Microsoft → connected, the existing mail imported', async () => {
    await page.getByRole('link', { name: 'Sign in with Microsoft' }).click();
    await oauthProvider.signIn(mailbox.email, mailbox.password);
    await oauthProvider.allow(OUTLOOK_SCOPES);
    await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible({ timeout: 20_000 });
    await expect(inbox.row('Waiting in Exchange')).toBeVisible({ timeout: 20_000 });
  });
});

async function dutchPage(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ locale: 'nl-NL', baseURL });
  return context.newPage();
}
