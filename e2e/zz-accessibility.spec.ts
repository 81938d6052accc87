/*
 * Journey (issue 10, "Accessibility"): axe-core finds no WCAG 2.1 A/AA violation on any page, in
 * English and Dutch, in the light and the dark theme. Named to run last: it signs in on the shared
 * server, and foundation.spec.ts must find a fresh installation.
 *   1. the first-run setup page (its own app process: the shared one is set up already);
 *   2. the sign-in page, with its error shown;
 *   3. the inbox without a mailbox ("Connect your mailbox");
 *   4. a domain nothing is known about: "More settings" open, with its error;
 *   5. connected: the message list; an open HTML newsletter (its body frame's title); an empty folder;
 *   6. search results, and the search help;
 *   7. the inbox on a phone-sized screen;
 *   8. E-mail options, and editing the account; Local settings;
 *   9. an unknown URL (404) and the admin console refused to a user (403);
 *  10. the admin console as its admin;
 *  11. a field error there takes the room kept for it: the button below does not move.
 * Every page's title reads "<Page> · CRM Inbox" in the page's language.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { newsletterSource } from '../lib/reader/fixtures/reader-messages.ts';
import en from '../messages/en.json' with { type: 'json' };
import nl from '../messages/nl.json' with { type: 'json' };
import { expect, test } from './fixtures.ts';
import { startAppProcess, type AppProcess } from './support/app-process.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { appendMessage, seedMailbox } from './support/seed-mailbox.ts';
import { ADMIN, signInAsNewUser } from './support/session.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';

let setupDb: TestDatabase;
let setupApp: AppProcess;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-a11y-journey-'));

test.beforeAll(async () => {
  setupDb = await createTestDatabase();
  setupApp = await startAppProcess({ DATABASE_URL: setupDb.url, DATA_DIR: dataDir });
});
test.afterAll(async () => {
  await setupApp?.stop();
  await setupDb?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Catalog = typeof en;
/** A catalog string by its dotted key, with `{name}` placeholders filled: the labels the page shows. */
function translator(catalog: Catalog) {
  return (key: string, values: Record<string, string> = {}): string => {
    const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalog);
    if (typeof text !== 'string') throw new Error(`no catalog string ${key}`);
    return text.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);
  };
}

const variants = [
  { locale: 'en-US', catalog: en, colorScheme: 'light' },
  { locale: 'en-US', catalog: en, colorScheme: 'dark' },
  { locale: 'nl-NL', catalog: nl as Catalog, colorScheme: 'light' },
  { locale: 'nl-NL', catalog: nl as Catalog, colorScheme: 'dark' },
] as const;

for (const { locale, catalog, colorScheme } of variants) {
  test(`every page passes axe (WCAG 2.1 AA) in ${locale}, ${colorScheme}`, async ({ browser, baseURL, mailStack }) => {
    test.setTimeout(240_000);
    const t = translator(catalog);
    const context = await browser.newContext({ locale, colorScheme, baseURL });
    const page = await context.newPage();
    const title = (key: string) => t('metadata.pageTitle', { page: t(`metadata.titles.${key}`) });
    const check = (where: string) => expectNoAxeViolations(page, `${where} (${locale}, ${colorScheme})`);
    const tag = `${locale.slice(0, 2)}-${colorScheme}`;
    const mailbox = { email: `a11y-${tag}@unknown-corp.test`, password: 'a11y-mail-pw' };
    try {
      await test.step('1. the first-run setup page', async () => {
        await page.goto(`${setupApp.url}/setup`);
        await expect(page.getByRole('heading', { name: t('setup.title'), level: 1 })).toBeVisible();
        await expect(page).toHaveTitle(title('setup'));
        await check('setup');
      });

      const user = `a11y-${tag}@acme.test`;
      await test.step('2. the sign-in page, with an error', async () => {
        // The user (and, when this file runs alone, the organisation) first; then signed out.
        await signInAsNewUser(page, user);
        await context.clearCookies();
        await page.goto('/sign-in');
        const form = page.getByRole('form', { name: t('signIn.title') });
        await form.getByLabel(t('signIn.email')).fill('nobody@acme.test');
        await form.getByLabel(t('signIn.password')).fill('not-the-password');
        await form.getByRole('button', { name: t('signIn.submit') }).click();
        await expect(form.getByRole('alert')).toBeVisible();
        await expect(page).toHaveTitle(title('signIn'));
        await check('sign-in');
      });

      await test.step('3. the inbox without a mailbox', async () => {
        await signInAs(page, user, 'user-password-1');
        await page.goto('/inbox');
        await expect(page.getByRole('heading', { name: t('mailboxSetup.title') })).toBeVisible();
        await expect(page).toHaveTitle(title('inbox'));
        await check('inbox, connect your mailbox');
      });

      const moreSettings = page.getByRole('form', { name: t('mailboxSetup.moreSettings') });
      await test.step('4. More settings, with the error for an unknown domain', async () => {
        await mailStack.addUser(mailbox.email, mailbox.password);
        await seedMailbox(mailStack, mailbox.email, mailbox.password, 3, 3);
        await appendMessage(mailStack, mailbox.email, mailbox.password, await newsletterSource(['https://img.example/hero.png']));
        await page.getByLabel(t('mailboxSetup.email')).fill(mailbox.email);
        await page.getByLabel(t('mailboxSetup.password'), { exact: true }).fill(mailbox.password);
        await page.getByRole('button', { name: t('mailboxSetup.logIn') }).click();
        await expect(moreSettings.getByRole('alert')).toBeVisible({ timeout: 20_000 });
        await check('More settings with an error');
      });

      const list = page.getByRole('list', { name: t('mailbox.listLabel', { folder: 'Inbox' }) });
      await test.step('5. connected: the list, and an open HTML newsletter', async () => {
        await moreSettings.getByLabel(t('serverFields.imap.server')).fill(`localhost:${mailStack.ports.imap}`);
        await moreSettings.getByLabel(t('serverFields.imap.ssl')).setChecked(false);
        await moreSettings.getByLabel(t('serverFields.smtp.server')).fill(`localhost:${mailStack.ports.smtp}`);
        await moreSettings.getByLabel(t('serverFields.smtp.ssl')).setChecked(false);
        await moreSettings.getByRole('button', { name: t('mailboxSetup.connect') }).click();
        const newsletter = list.getByRole('link', { name: /: Our news \/ December, / });
        await expect(newsletter).toBeVisible({ timeout: 30_000 });
        await expect(list.getByRole('link')).toHaveCount(4);
        await check('inbox with messages');
        await newsletter.click();
        await expect(page.getByRole('article', { name: t('reader.label') }).getByRole('heading', { level: 2 })).toHaveText(
          'Our news / December',
        );
        await expect(page.locator('iframe')).toHaveAttribute('title', t('reader.bodyFrameTitle'));
        await check('an open HTML message');
      });

      await test.step('5b. an empty folder (Sent)', async () => {
        const sent = locale === 'nl-NL' ? 'Verzonden' : 'Sent';
        await page
          .getByRole('navigation', { name: t('mailbox.folders') })
          .getByText(sent, { exact: true })
          .click();
        await expect(page.getByText(t('mailbox.empty', { folder: sent }))).toBeVisible();
        await check('an empty folder');
      });

      await test.step('6. search results and the search help', async () => {
        const search = page.getByRole('search');
        const query = 'subject:seeded';
        const results = page.getByRole('list', { name: t('search.resultsLabel', { query }) });
        // The extraction worker may not have indexed the messages yet: search again until it has.
        await expect(async () => {
          await search.getByRole('searchbox', { name: t('search.label') }).fill(query);
          await search.getByRole('searchbox').press('Enter');
          await expect(results.getByRole('listitem')).toHaveCount(3, { timeout: 2_000 });
        }).toPass({ timeout: 30_000 });
        await check('search results');
        await search.getByRole('button', { name: t('search.helpLabel') }).click();
        await expect(page.getByRole('region', { name: t('search.helpLabel') })).toBeVisible();
        await check('search help');
      });

      await test.step('7. the inbox on a phone', async () => {
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto('/inbox');
        await expect(list.getByRole('link')).toHaveCount(4);
        await check('inbox on a phone');
        await page.setViewportSize({ width: 1280, height: 720 });
      });

      await test.step('8. E-mail options, editing the account, Local settings', async () => {
        await page.goto('/settings/email');
        const card = page.getByRole('article', { name: mailbox.email });
        await expect(card).toBeVisible();
        await expect(page).toHaveTitle(title('emailOptions'));
        await check('E-mail options');
        await card.getByRole('button', { name: t('emailOptions.edit') }).click();
        await expect(card.getByRole('form')).toBeVisible();
        await check('edit account');
        await page.goto('/settings/local');
        await expect(page.getByRole('heading', { name: t('localSettings.title'), level: 1 })).toBeVisible();
        await expect(page).toHaveTitle(title('localSettings'));
        await check('Local settings');
      });

      await test.step('9. the 404 page and the 403 page', async () => {
        await page.goto('/no-such-page');
        await expect(page.getByRole('heading', { name: t('notFound.title'), level: 1 })).toBeVisible();
        await expect(page).toHaveTitle(title('notFound'));
        await check('404');
        expect((await page.goto('/admin'))?.status()).toBe(403);
        await expect(page.getByRole('heading', { name: t('forbidden.title'), level: 1 })).toBeVisible();
        await expect(page).toHaveTitle(title('forbidden'));
        await check('403');
      });

      await test.step('10. the admin console', async () => {
        await signInAs(page, ADMIN.email, ADMIN.password);
        await page.goto('/admin');
        await expect(page.getByRole('heading', { name: t('admin.title'), level: 1 })).toBeVisible();
        await expect(page).toHaveTitle(title('admin'));
        await expect(page.getByRole('table').first()).toBeVisible();
        await check('admin console');
      });

      await test.step('11. a field error takes the room kept for it: nothing below moves', async () => {
        const form = page.getByRole('form', { name: t('admin.createUser.title') });
        const email = form.getByLabel(t('admin.users.email'));
        const submit = form.getByRole('button', { name: t('admin.createUser.submit') });
        await form.getByLabel(t('admin.users.name')).fill('Second Ann');
        await email.fill(ADMIN.email);
        await form.getByLabel(t('admin.createUser.password'), { exact: true }).fill('second-ann-password');
        // In the page, not the viewport: clicking may scroll the form into view.
        const top = () => submit.evaluate((button) => button.getBoundingClientRect().top + window.scrollY);
        await submit.scrollIntoViewIfNeeded();
        const before = await top();
        await submit.click();
        await expect(email).toHaveAttribute('aria-invalid', 'true');
        expect(await top()).toBe(before);
        await check('admin console with a field error');
      });
    } finally {
      await context.close();
    }
  });
}

async function signInAs(page: Page, email: string, password: string): Promise<void> {
  const response = await page.request.post('/api/graphql', {
    data: {
      query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { user { id } } }',
      variables: { e: email, p: password },
    },
  });
  expect((await response.json()).errors).toBeUndefined();
}
