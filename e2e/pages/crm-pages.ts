import { expect, type Page } from '@playwright/test';

/** The CRM's list, new and detail pages (app/(app)/crm), in English. */
export class CrmPages {
  constructor(private readonly page: Page) {}

  get navButton() {
    return this.page.getByRole('navigation', { name: 'Navigator' }).getByRole('link', { name: 'CRM' });
  }

  tab(name: 'Persons' | 'Companies' | 'Projects' | 'Sales') {
    return this.page.getByRole('navigation', { name: 'CRM sections' }).getByRole('link', { name });
  }

  list(title: string) {
    return this.page.getByRole('list', { name: title });
  }

  /** Fills the new-record form (labels as shown) and submits it; lands on the record's page. */
  async create(newLabel: string, fields: Record<string, string>, select: Record<string, string> = {}) {
    await this.page.getByRole('link', { name: newLabel }).click();
    await expect(this.page.getByRole('heading', { name: newLabel, level: 1 })).toBeVisible();
    for (const [label, value] of Object.entries(fields)) await this.page.getByLabel(label, { exact: true }).fill(value);
    for (const [label, option] of Object.entries(select))
      await this.page.getByLabel(label, { exact: true }).selectOption({ label: option });
    await this.page.getByRole('button', { name: 'Add', exact: true }).click();
  }

  heading(name: string) {
    return this.page.getByRole('heading', { name, level: 1 });
  }

  /** A record's fact (the `<dd>` after its `<dt>`). */
  fact(label: string) {
    return this.page.locator('.crm-facts dt', { hasText: label }).locator('+ dd');
  }
}
