import { expect, type Page } from '@playwright/test';

/** The inbox's message list and reader pane. */
export class InboxPage {
  constructor(private readonly page: Page) {}

  list(folder = 'Inbox') {
    return this.page.getByRole('list', { name: `Messages in ${folder}` });
  }

  /** A row's link, found by its subject (the name goes on with the snippet and the date). */
  row(subject: string, folder = 'Inbox') {
    return this.list(folder).getByRole('link', { name: new RegExp(`: ${subject}, `) });
  }

  get readerPane() {
    return this.page.getByRole('region', { name: 'Reader' });
  }

  get reader() {
    return this.page.getByRole('article', { name: 'Message' });
  }

  /** The open message's subject heading. */
  subject(subject: string) {
    return this.reader.getByRole('heading', { name: subject, level: 2 });
  }

  async open(subject: string) {
    await this.row(subject).click();
    await expect(this.subject(subject)).toBeVisible();
    await expect(this.row(subject)).toHaveAttribute('aria-current', 'true');
  }

  /** The message id the URL names, or null. */
  selectedId(): string | null {
    return new URL(this.page.url()).searchParams.get('message');
  }
}
