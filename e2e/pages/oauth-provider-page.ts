import { expect, type Page } from '@playwright/test';

/**
 * The test authorization server's pages (e2e/oauth-stack/interaction-pages.ts), standing in for
 * Google's and Microsoft's sign-in and consent screens in journeys.
 */
export class OAuthProviderPage {
  constructor(private readonly page: Page) {}

  async signIn(email: string, password: string) {
    await expect(this.page.getByRole('heading', { name: 'Sign in to the test provider' })).toBeVisible();
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  async expectError(message: string) {
    await expect(this.page.getByRole('alert')).toHaveText(message);
  }

  /** On the consent page, which lists the scopes asked for. */
  async allow(expectedScopes: string[] = []) {
    await expect(this.page.getByRole('heading', { name: 'Allow access' })).toBeVisible();
    for (const scope of expectedScopes) await expect(this.page.getByRole('listitem').filter({ hasText: scope })).toBeVisible();
    await this.page.getByRole('button', { name: 'Allow' }).click();
  }

  async cancel() {
    await expect(this.page.getByRole('heading', { name: 'Allow access' })).toBeVisible();
    await this.page.getByRole('button', { name: 'Cancel' }).click();
  }
}
