// Journey (issue 10, "Everyone, everywhere"): the UI speaks the browser's language, Dutch or
// English, and a person can choose the other one.
//   1. a fresh installation opened by a Dutch browser: the setup page is in Dutch (title, lang too);
//   2. the same page in an English browser is in English;
//   3. the switcher turns the Dutch browser's page English, the choice survives a reload, and back;
//   4. setup completed in Dutch lands in a Dutch inbox ("Koppel je mailbox"); the admin console
//      Local settings and the 404 page are Dutch too (plurals: "180 dagen");
//   5. the sign-in page in Dutch and in English, with the server's refusal in the page's language.
// Its own app process and database: the setup page only shows before the first organisation.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { startAppProcess, type AppProcess } from './support/app-process.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';
import { expect, test } from './fixtures.ts';

const admin = { organisation: 'Taal BV', name: 'Sanne de Vries', email: 'sanne@taal.test', password: 'sanne-password-1' };

let testDb: TestDatabase;
let app: AppProcess;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-languages-journey-'));

test.beforeAll(async () => {
  testDb = await createTestDatabase();
  app = await startAppProcess({ DATABASE_URL: testDb.url, DATA_DIR: dataDir });
});
test.afterAll(async () => {
  await app?.stop();
  await testDb?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

/** A browser whose Accept-Language (and navigator.language) is `locale`, on the journey's app. */
async function browserIn(browser: Browser, locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, baseURL: app.url });
  contexts.push(context);
  return context.newPage();
}

test('the UI speaks Dutch or English after the browser, and the switcher changes it', async ({ browser }) => {
  const dutch = await browserIn(browser, 'nl-NL');
  const english = await browserIn(browser, 'en-US');

  await test.step('1. a Dutch browser gets the setup page in Dutch', async () => {
    await dutch.goto('/setup');
    await expect(dutch.getByRole('heading', { name: 'CRM Inbox instellen', level: 1 })).toBeVisible();
    await expect(dutch.getByLabel('Organisatie')).toBeVisible();
    await expect(dutch.getByLabel('Je naam')).toBeVisible();
    await expect(dutch.getByRole('button', { name: 'Organisatie aanmaken' })).toBeVisible();
    await expect(dutch.locator('html')).toHaveAttribute('lang', 'nl');
    await expect(dutch).toHaveTitle('Instellen · CRM Inbox');
  });

  await test.step('2. an English browser gets it in English', async () => {
    await english.goto('/setup');
    await expect(english.getByRole('heading', { name: 'Set up CRM Inbox', level: 1 })).toBeVisible();
    await expect(english.getByRole('button', { name: 'Create organisation' })).toBeVisible();
    await expect(english.locator('html')).toHaveAttribute('lang', 'en');
    await expect(english).toHaveTitle('Set up · CRM Inbox');
  });

  await test.step('3. the switcher turns the Dutch browser English, for good, and back', async () => {
    await dutch.getByLabel('Taal').selectOption('en');
    await expect(dutch.getByRole('heading', { name: 'Set up CRM Inbox', level: 1 })).toBeVisible();
    await expect(dutch.locator('html')).toHaveAttribute('lang', 'en');
    await dutch.reload();
    await expect(dutch.getByRole('heading', { name: 'Set up CRM Inbox', level: 1 })).toBeVisible();
    await dutch.getByLabel('Language').selectOption('nl');
    await expect(dutch.getByRole('heading', { name: 'CRM Inbox instellen', level: 1 })).toBeVisible();
  });

  await test.step('4. setup completed in Dutch lands in a Dutch inbox', async () => {
    await dutch.getByLabel('Organisatie').fill(admin.organisation);
    await dutch.getByLabel('Je naam').fill(admin.name);
    await dutch.getByLabel('E-mailadres').fill(admin.email);
    await dutch.getByLabel('Wachtwoord').fill(admin.password);
    await dutch.getByRole('button', { name: 'Organisatie aanmaken' }).click();
    await expect(dutch).toHaveURL(/\/inbox$/);
    await expect(dutch.getByRole('heading', { name: 'Koppel je mailbox' })).toBeVisible();
    await expect(dutch.getByRole('navigation', { name: 'Navigatie' })).toBeVisible();
  });

  await test.step('4b. the admin console and Local settings and the 404 in Dutch: plurals, roles, the switcher, titles', async () => {
    await dutch.goto('/admin');
    await expect(dutch.getByRole('heading', { name: 'Beheerconsole', level: 1 })).toBeVisible();
    await expect(
      dutch.getByRole('table', { name: 'Gebruikers' }).getByRole('row').filter({ hasText: admin.email }),
    ).toContainText('Beheerder');
    await expect(dutch.getByRole('region', { name: 'Downloadperiode' })).toContainText('afgelopen 180 dagen');
    await dutch.goto('/settings/local');
    await expect(dutch.getByRole('heading', { name: 'Lokale instellingen', level: 1 })).toBeVisible();
    await expect(dutch.getByLabel('Taal')).toHaveValue('nl');
    await dutch.goto('/bestaat-niet');
    await expect(dutch.getByRole('heading', { name: 'Deze pagina bestaat niet', level: 1 })).toBeVisible();
    await expect(dutch).toHaveTitle('Niet gevonden · CRM Inbox');
  });

  await test.step('5. the sign-in page in both languages, refusals included', async () => {
    const signedOutDutch = await browserIn(browser, 'nl-BE');
    await signedOutDutch.goto('/sign-in');
    const dutchForm = signedOutDutch.getByRole('form', { name: 'Inloggen bij CRM Inbox' });
    await dutchForm.getByLabel('E-mailadres').fill(admin.email);
    await dutchForm.getByLabel('Wachtwoord').fill('not-the-password');
    await dutchForm.getByRole('button', { name: 'Inloggen' }).click();
    await expect(dutchForm.getByRole('alert')).toHaveText('E-mailadres of wachtwoord is onjuist');
    await expect(signedOutDutch).toHaveTitle('Inloggen · CRM Inbox');

    await english.goto('/sign-in');
    const englishForm = english.getByRole('form', { name: 'Sign in to CRM Inbox' });
    await englishForm.getByLabel('E-mail').fill(admin.email);
    await englishForm.getByLabel('Password').fill('not-the-password');
    await englishForm.getByRole('button', { name: 'Sign in' }).click();
    await expect(englishForm.getByRole('alert')).toHaveText('E-mail or password is incorrect');
  });
});
