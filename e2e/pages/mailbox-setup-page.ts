import { expect, type Page } from '@playwright/test';

export interface ServerEntry {
  server: string;
  ssl: boolean;
}

/** The Inbox's mailbox setup: e-mail + password, then More settings if needed. */
export class MailboxSetupPage {
  constructor(private readonly page: Page) {}

  async logIn(email: string, password: string) {
    await expect(this.page.getByRole('heading', { name: 'Connect your mailbox' })).toBeVisible();
    await this.page.getByLabel('E-mail address').fill(email);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Log in' }).click();
  }

  get moreSettings() {
    return this.page.getByRole('form', { name: 'More settings' });
  }

  async fillServers(imap: ServerEntry, smtp: ServerEntry) {
    const form = this.moreSettings;
    await form.getByLabel('IMAP server').fill(imap.server);
    await form.getByLabel('IMAP uses SSL').setChecked(imap.ssl);
    await form.getByLabel('SMTP server').fill(smtp.server);
    await form.getByLabel('SMTP uses SSL').setChecked(smtp.ssl);
    await form.getByRole('button', { name: 'Connect' }).click();
  }

  alert() {
    return this.page.getByRole('main').getByRole('alert').first();
  }

  /** The connected inbox: the account and its folder list. */
  /** Connects through More settings with plain (STARTTLS-less) IMAP and SMTP on localhost ports. */
  async connectWithPlainServers(user: { email: string; password: string }, ports: { imap: number; smtp: number }) {
    await this.logIn(user.email, user.password);
    await expect(this.moreSettings).toBeVisible({ timeout: 20_000 });
    await this.fillServers({ server: `localhost:${ports.imap}`, ssl: false }, { server: `localhost:${ports.smtp}`, ssl: false });
    await this.expectConnected(user.email);
  }

  async expectConnected(email: string) {
    await expect(this.page.getByRole('heading', { name: 'Inbox' })).toBeVisible({ timeout: 20_000 });
    await expect(this.page.getByText(email)).toBeVisible();
    const folders = this.page.getByRole('navigation', { name: 'Folders' });
    await expect(folders.getByText('Inbox', { exact: true })).toBeVisible();
    await expect(folders.getByText('Sent', { exact: true })).toBeVisible();
  }
}
