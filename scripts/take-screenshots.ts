/**
 * `npm run screenshots`: the README's pictures, taken from the real product.
 *
 * Starts a throw-away mail stack with the sample messages of e2e/fixtures/mail (and a
 * newsletter), the built app on a throw-away PGlite, and Debian's Chromium; sets up an
 * organisation, connects the mailbox by discovery and photographs the inbox with a message
 * open: wide (light, dark, Dutch) and phone-sized (list and reader). Writes docs/screenshots/.
 * Needs `npm run build` (or one `npm start`) first, and root for Dovecot, like the tests.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startDnsFixtureServer } from '../lib/mail/discovery/fixtures/dns-fixture-server.ts';
import { startMailStack } from '../e2e/mail-stack/index.ts';
import { startAppProcess } from '../e2e/support/app-process.ts';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'docs/screenshots');
const DOMAIN = 'demo.test';
const USER = { email: `sam@${DOMAIN}`, password: 'sam-mail-password' };
const ADMIN = { organisation: 'Acme Sales', name: 'Sam Seller', email: 'sam@acme.test', password: 'sam-password-1' };

async function main(): Promise<void> {
  const releases: Array<() => Promise<unknown>> = [];
  try {
    const stack = await startMailStack();
    releases.push(() => stack.stop());
    await stack.addUser(USER.email, USER.password);
    await deliverSamples((raw) => stack.deliver(USER.email, raw));
    const dns = await startDnsFixtureServer({
      [`_imaps._tcp.${DOMAIN}`]: { SRV: [{ priority: 0, weight: 1, port: stack.ports.imaps, target: 'localhost' }] },
      [`_submissions._tcp.${DOMAIN}`]: { SRV: [{ priority: 0, weight: 1, port: stack.ports.smtps, target: 'localhost' }] },
    });
    releases.push(() => dns.close());
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'crm-screenshots-'));
    releases.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    const certFile = path.join(dataDir, 'mail-ca.pem');
    await fs.writeFile(certFile, stack.certPem);
    const app = await startAppProcess({
      DATABASE_URL: undefined,
      DATA_DIR: dataDir,
      MAIL_DISCOVERY_DNS_SERVERS: `127.0.0.1:${dns.port}`,
      NODE_EXTRA_CA_CERTS: certFile,
      LOG_LEVEL: 'warn',
    });
    releases.push(() => app.stop());
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
    releases.push(() => browser.close());
    await fs.mkdir(outDir, { recursive: true });

    const setupPage = await newPage(browser, app.url, 'en-US', 'light', { width: 1280, height: 800 });
    await setUpAndConnect(setupPage);
    const messageUrl = await openNewsletter(setupPage);
    const state = await setupPage.context().storageState();
    await setupPage.context().close();

    const shots: Array<{
      file: string;
      locale: string;
      theme: 'light' | 'dark';
      size: { width: number; height: number };
      list?: boolean;
    }> = [
      { file: 'reader-wide.png', locale: 'en-US', theme: 'light', size: { width: 1280, height: 800 } },
      { file: 'reader-wide-dark.png', locale: 'en-US', theme: 'dark', size: { width: 1280, height: 800 } },
      { file: 'reader-wide-nl.png', locale: 'nl-NL', theme: 'light', size: { width: 1280, height: 800 } },
      { file: 'reader-phone.png', locale: 'en-US', theme: 'light', size: { width: 390, height: 844 } },
      { file: 'list-phone.png', locale: 'en-US', theme: 'light', size: { width: 390, height: 844 }, list: true },
      { file: 'list-phone-nl-dark.png', locale: 'nl-NL', theme: 'dark', size: { width: 390, height: 844 }, list: true },
    ];
    for (const shot of shots) {
      const context = await browser.newContext({
        baseURL: app.url,
        locale: shot.locale,
        colorScheme: shot.theme,
        viewport: shot.size,
        storageState: state,
      });
      try {
        const page = await context.newPage();
        await page.goto(shot.list ? messageUrl.replace(/&message=[^&]+/, '') : messageUrl);
        if (shot.list) await page.locator('ul.messages li').first().waitFor();
        else await page.frameLocator('article.reader iframe').locator('body').waitFor();
        // Fonts and the frame's images settle; the page has no animation to wait for.
        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({ path: path.join(outDir, shot.file) });
        console.log(`wrote docs/screenshots/${shot.file}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    for (const release of releases.reverse()) await release().catch((e: unknown) => console.error(e));
  }
}

async function newPage(
  browser: Browser,
  baseURL: string,
  locale: string,
  colorScheme: 'light' | 'dark',
  viewport: { width: number; height: number },
) {
  const context = await browser.newContext({ baseURL, locale, colorScheme, viewport });
  return context.newPage();
}

async function setUpAndConnect(page: Page): Promise<void> {
  const graphql = async (query: string, variables: Record<string, unknown>) => {
    const response = await page.request.post('/api/graphql', { data: { query, variables } });
    const body = (await response.json()) as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };
  await graphql('mutation($i: CompleteSetupInput!) { completeSetup(input: $i) { user { id } } }', {
    i: { tenantName: ADMIN.organisation, name: ADMIN.name, email: ADMIN.email, password: ADMIN.password },
  });
  await page.goto('/inbox');
  await page.getByLabel('E-mail address').fill(USER.email);
  await page.getByLabel('Password', { exact: true }).fill(USER.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('link', { name: /Quarterly update/ }).waitFor({ timeout: 60_000 });
}

async function openNewsletter(page: Page): Promise<string> {
  await page.getByRole('link', { name: /Quarterly update/ }).click();
  await page.waitForURL(/message=/);
  return page.url().replace(/^https?:\/\/[^/]+/, '');
}

/** The fixtures, dated over the last days, and a newsletter, so the list looks like a week of mail. */
async function deliverSamples(deliver: (raw: Buffer) => Promise<void>): Promise<void> {
  const fixturesDir = path.join(root, 'e2e/fixtures/mail');
  const names = (await fs.readdir(fixturesDir)).filter((n) => n.endsWith('.eml')).sort();
  const raws = await Promise.all(names.map((n) => fs.readFile(path.join(fixturesDir, n))));
  raws.push(Buffer.from(newsletter(), 'latin1'));
  for (const [i, raw] of raws.entries()) {
    const text = raw.toString('latin1');
    const date = new Date(Date.now() - (raws.length - i) * 7 * 3600_000).toUTCString().replace('GMT', '+0000');
    const split = text.search(/\r?\n\r?\n/);
    const head = text.slice(0, split).replace(/^Date:.*$/im, `Date: ${date}`);
    await deliver(Buffer.from(head + text.slice(split), 'latin1'));
  }
}

function newsletter(): string {
  const html = `<html><body style="font-family:Georgia,serif;margin:0">
<table width="100%" style="background:#f4efe6"><tr><td style="padding:24px">
<h1 style="color:#2b4c7e;margin:0 0 8px">Quarterly update</h1>
<p style="color:#444">Hello Sam, here is what happened at Northwind this quarter.</p>
<img src="https://tracker.example.net/pixel.gif" width="1" height="1" alt="">
<img src="https://cdn.example.net/banner.png" width="560" height="120" alt="Northwind banner">
<h2 style="color:#2b4c7e">New warehouse in Rotterdam</h2>
<p>Orders placed before 14:00 now ship the same day to the Benelux.</p>
<p><a href="https://northwind.example.net/q3">Read the full report</a></p>
</td></tr></table></body></html>`;
  return [
    'From: Northwind Traders <news@northwind.example.net>',
    `To: ${USER.email}`,
    'Subject: Quarterly update from Northwind',
    'Date: Mon, 30 Nov 2026 09:00:00 +0000',
    'Message-ID: <q3-update@northwind.example.net>',
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    html,
    '',
  ].join('\r\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
