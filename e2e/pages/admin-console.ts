import { expect, type Page } from '@playwright/test';

export class AdminConsole {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto('/admin');
    await expect(this.page.getByRole('heading', { name: 'Admin console' })).toBeVisible();
  }

  userRow(email: string) {
    // The row whose e-mail cell is exactly this address (ann@… is also inside archive-ann@…).
    return this.page
      .getByRole('table', { name: 'Users' })
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: email, exact: true }) });
  }

  async createUser(input: { name: string; email: string; password: string }) {
    const form = this.page.getByRole('form', { name: 'Create user' });
    await form.getByLabel('Name').fill(input.name);
    await form.getByLabel('E-mail').fill(input.email);
    await form.getByLabel('Password').fill(input.password);
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect(this.page.getByRole('status')).toHaveText(`Created ${input.email}.`);
  }
}
