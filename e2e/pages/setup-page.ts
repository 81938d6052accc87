import type { Page } from '@playwright/test';

export class SetupPage {
  constructor(private readonly page: Page) {}

  async complete(input: { organisation: string; name: string; email: string; password: string }) {
    await this.page.getByLabel('Organisation').fill(input.organisation);
    await this.page.getByLabel('Your name').fill(input.name);
    await this.page.getByLabel('E-mail').fill(input.email);
    await this.page.getByLabel('Password').fill(input.password);
    await this.page.getByRole('button', { name: 'Create organisation' }).click();
  }
}
