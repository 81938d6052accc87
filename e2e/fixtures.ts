import { test as base } from '@playwright/test';
import { AdminConsole } from './pages/admin-console.ts';
import { AppShell } from './pages/app-shell.ts';
import { EmailOptionsPage } from './pages/email-options-page.ts';
import { InboxPage } from './pages/inbox-page.ts';
import { OAuthProviderPage } from './pages/oauth-provider-page.ts';
import { MailboxSetupPage } from './pages/mailbox-setup-page.ts';
import { SetupPage } from './pages/setup-page.ts';
import { SignInPage } from './pages/sign-in-page.ts';
import { attachMailStack, type AttachedMailStack } from './mail-stack/index.ts';

/** Page objects (and the shared mail stack) as fixtures, so journeys read as stories. */
export const test = base.extend<{
  signInPage: SignInPage;
  setupPage: SetupPage;
  shell: AppShell;
  adminConsole: AdminConsole;
  mailboxSetup: MailboxSetupPage;
  emailOptions: EmailOptionsPage;
  inbox: InboxPage;
  oauthProvider: OAuthProviderPage;
  mailStack: AttachedMailStack;
}>({
  mailboxSetup: async ({ page }, use) => use(new MailboxSetupPage(page)),
  emailOptions: async ({ page }, use) => use(new EmailOptionsPage(page)),
  inbox: async ({ page }, use) => use(new InboxPage(page)),
  oauthProvider: async ({ page }, use) => use(new OAuthProviderPage(page)),
  // The stack global-setup started, attached through MAIL_STACK_JSON.
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  mailStack: async ({}, use) => use(attachMailStack()),
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
  setupPage: async ({ page }, use) => use(new SetupPage(page)),
  shell: async ({ page }, use) => use(new AppShell(page)),
  adminConsole: async ({ page }, use) => use(new AdminConsole(page)),
});

export { expect } from '@playwright/test';
