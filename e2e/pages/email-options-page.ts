import { expect, type Page } from '@playwright/test';

/** User menu → E-mail options → E-mail account. */
export class EmailOptionsPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto('/settings/email');
    await expect(this.page.getByRole('heading', { name: 'E-mail account', level: 2 })).toBeVisible();
  }

  account(email: string) {
    return this.page.getByRole('article', { name: email });
  }

  async changePassword(email: string, password: string) {
    const card = this.account(email);
    await card.getByRole('button', { name: 'Edit' }).click();
    const form = card.getByRole('form', { name: `Edit ${email}` });
    await form.getByLabel('New password').fill(password);
    await form.getByRole('button', { name: 'Save' }).click();
  }

  async remove(email: string) {
    const card = this.account(email);
    await card.getByRole('button', { name: 'Remove' }).click();
    await card.getByRole('alertdialog').getByRole('button', { name: 'Remove account' }).click();
    await expect(card).toHaveCount(0);
  }
}
