import type { Page } from '@playwright/test';

/** The search box over every folder, its help and its results. */
export class SearchPage {
  constructor(private readonly page: Page) {}

  get box() {
    return this.page.getByRole('search').getByRole('searchbox', { name: 'Search all mail' });
  }

  get help() {
    return this.page.getByRole('region', { name: 'Search help' });
  }

  async search(query: string) {
    await this.box.fill(query);
    await this.box.press('Enter');
  }

  async openHelp() {
    await this.page.getByRole('search').getByRole('button', { name: 'Search help' }).click();
  }

  results(query: string) {
    return this.page.getByRole('list', { name: `Search results for ${query}` });
  }

  /** A result's link, by sender, subject and the folder it is in. */
  result(query: string, sender: string, subject: string, folder: string) {
    return this.results(query).getByRole('link', { name: `${sender}: ${subject}, in ${folder}` });
  }

  /** The search the URL holds (`q=`), or null. */
  query(): string | null {
    return new URL(this.page.url()).searchParams.get('q');
  }
}
