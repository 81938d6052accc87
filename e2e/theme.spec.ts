// Journey (issue 10, dark mode): the app follows the system's dark setting, and a person's own
// choice in Local settings overrides it, from the first paint on.
//   1. a browser whose system is dark gets a dark page (no choice made: <html> has no data-theme);
//   2. choosing Light in Local settings turns it light, and it stays light after a reload, because
//      the server already sends <html data-theme="light"> (no script needed before paint);
//   3. in a light system, Dark turns it dark; System hands the decision back to the system.
// Runs after foundation.spec.ts (playwright.config.ts: every journey depends on it): signing in on
// the shared server completes the first-run setup when nobody has, and foundation's journey starts
// from a fresh installation.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { signInAsNewUser } from './support/session.ts';

/** Relative luminance (0 black … 1 white) of the page's background, as the browser computed it. */
async function pageBackgroundLuminance(page: Page): Promise<number> {
  const colour = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => Number(part) / 255);
  if (b === undefined) throw new Error(`unexpected background colour ${colour}`);
  const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b);
}
const DARK = 0.05; // the dark --bg is ≈ 0.008, the light one ≈ 0.92
const LIGHT = 0.6;

test('the theme follows the system unless Local settings say Light or Dark', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ colorScheme: 'dark', baseURL });
  const page = await context.newPage();
  try {
    await signInAsNewUser(page, 'dark-mode@acme.test');
    const themeSelect = page.getByLabel('Theme');

    await test.step('1. a dark system gets a dark page', async () => {
      await page.goto('/settings/local');
      await expect(page.getByRole('heading', { name: 'Local settings', level: 1 })).toBeVisible();
      await expect(themeSelect).toHaveValue('system');
      await expect(page.locator('html')).not.toHaveAttribute('data-theme');
      expect(await pageBackgroundLuminance(page)).toBeLessThan(DARK);
    });

    await test.step('2. Light overrides it, also after a reload and in the server-sent page', async () => {
      await themeSelect.selectOption('light');
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
      await expect.poll(() => pageBackgroundLuminance(page)).toBeGreaterThan(LIGHT);
      await page.reload();
      await expect(themeSelect).toHaveValue('light');
      expect(await pageBackgroundLuminance(page)).toBeGreaterThan(LIGHT);
      const html = await (await page.request.get('/settings/local')).text();
      expect(html).toMatch(/<html[^>]*\bdata-theme="light"/);
    });

    await test.step('3. in a light system Dark makes it dark, and System follows the system again', async () => {
      await page.emulateMedia({ colorScheme: 'light' });
      await themeSelect.selectOption('dark');
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      await expect.poll(() => pageBackgroundLuminance(page)).toBeLessThan(DARK);
      await themeSelect.selectOption('system');
      await expect(page.locator('html')).not.toHaveAttribute('data-theme');
      await expect.poll(() => pageBackgroundLuminance(page)).toBeGreaterThan(LIGHT);
    });
  } finally {
    await context.close();
  }
});
