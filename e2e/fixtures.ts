import { test as base } from '@playwright/test';
import { AdminConsole } from './pages/admin-console.ts';
import { AppShell } from './pages/app-shell.ts';
import { SetupPage } from './pages/setup-page.ts';
import { SignInPage } from './pages/sign-in-page.ts';

/** Page objects as fixtures, so journeys read as stories. */
export const test = base.extend<{ signInPage: SignInPage; setupPage: SetupPage; shell: AppShell; adminConsole: AdminConsole }>({
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
  setupPage: async ({ page }, use) => use(new SetupPage(page)),
  shell: async ({ page }, use) => use(new AppShell(page)),
  adminConsole: async ({ page }, use) => use(new AdminConsole(page)),
});

export { expect } from '@playwright/test';
