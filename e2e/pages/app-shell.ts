import { expect, type Page } from '@playwright/test';

/** The navigator and the user menu, present on every signed-in page. */
export class AppShell {
  constructor(private readonly page: Page) {}

  get inboxButton() {
    return this.page.getByRole('navigation', { name: 'Navigator' }).getByRole('link', { name: 'Inbox' });
  }

  async openUserMenu() {
    await this.page.getByRole('button', { name: /./, expanded: false }).and(this.page.locator('[aria-haspopup="menu"]')).click();
    await expect(this.page.getByRole('menu', { name: 'User menu' })).toBeVisible();
  }

  menuItem(name: string) {
    return this.page.getByRole('menu', { name: 'User menu' }).getByRole('menuitem', { name });
  }

  async signOut() {
    await this.openUserMenu();
    await this.menuItem('Sign out').click();
    await expect(this.page).toHaveURL(/\/sign-in$/);
  }
}
