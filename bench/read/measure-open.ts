/**
 * Drives Debian's Chromium through the inbox: clicks `count` different message rows, one after
 * the other, and reads each click → shown time from the page (open-timer.ts). Then, as the floor,
 * the same messages' bare `message(id)` GraphQL fetch from the same page (fetch + JSON parse, no
 * React, no sanitizer, no frame).
 */
import { print } from 'graphql';
import { chromium, type Page } from '@playwright/test';
import { MESSAGE_DETAIL } from '../../app/components/mailbox/message-detail-query.ts';
import { installOpenTimer } from './open-timer.ts';

/** As in playwright.config.ts: the flags Debian's Chromium needs headless on this machine kind (STACK-NOTES). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface OpenTimings {
  open: number[];
  floor: number[];
  /** Per open, whether the body was HTML (the sandboxed frame) or plain text. */
  kinds: Array<'html' | 'text'>;
}

export async function measureOpen(options: { appUrl: string; cookie: string; count: number }): Promise<OpenTimings> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const [name, ...value] = options.cookie.split('=');
    await context.addCookies([{ name: name!, value: value.join('='), url: options.appUrl }]);
    const page = await context.newPage();
    // tsx (esbuild keepNames) wraps inner functions in `__name(fn, "name")`, a helper that only
    // exists in Node: the page gets a stand-in, or the script would stop at its first arrow function.
    await page.addInitScript({ content: `var __name = (fn) => fn;\n(${installOpenTimer.toString()})();` });
    await page.goto(`${options.appUrl}/inbox`);
    const rows = page.locator('ul.messages a');
    await rows.first().waitFor();
    const ids: string[] = [];
    const kinds: Array<'html' | 'text'> = [];
    // Warm-up: the first open compiles the reader's code paths; it is not a "typical" open.
    await openRow(page, 0);
    for (let i = 1; i <= options.count; i++) {
      await openRow(page, i);
      ids.push(new URL(page.url()).searchParams.get('message') ?? '');
      kinds.push((await page.locator('article.reader iframe.mail-frame').count()) ? 'html' : 'text');
    }
    const failures = await page.evaluate(() => (window as unknown as { __openFailures: string[] }).__openFailures);
    if (failures.length) throw new Error(failures[0]);
    const open = (await page.evaluate(() => (window as unknown as { __opens: number[] }).__opens)).slice(1);
    const floor = await page.evaluate(
      async ({ query, ids }) => {
        const times: number[] = [];
        for (const id of ids) {
          const start = performance.now();
          const response = await fetch('/api/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query, variables: { id } }),
          });
          const body = (await response.json()) as { data?: { message?: unknown } };
          if (!body.data?.message) throw new Error(`message ${id}: ${JSON.stringify(body).slice(0, 200)}`);
          times.push(performance.now() - start);
        }
        return times;
      },
      { query: print(MESSAGE_DETAIL), ids },
    );
    return { open, floor, kinds };
  } finally {
    await browser.close();
  }
}

/**
 * Clicks row `index` (the list is virtualized: rows exist in the page only near the window, each
 * with its place in `aria-posinset`; scrolling on brings the next ones and the next page) and
 * waits until the timer has it.
 */
async function openRow(page: Page, index: number): Promise<void> {
  const row = page.locator(`ul.messages li[aria-posinset="${index + 1}"] a`);
  for (let tries = 0; !(await row.count()); tries++) {
    if (tries > 400) throw new Error(`row ${index} never came into the list`);
    await page.evaluate(() => window.scrollBy(0, 300));
    await row.waitFor({ timeout: 500 }).catch(() => {});
  }
  const before = await page.evaluate(() => (window as unknown as { __opens: number[] }).__opens.length);
  await row.click();
  try {
    await page.waitForFunction((n) => (window as unknown as { __opens: number[] }).__opens.length > n, before, {
      timeout: 15_000,
    });
  } catch (error) {
    const state = await page.evaluate(() => ({
      row: document.querySelector('ul.messages a[aria-current="true"] .subject')?.textContent,
      reader: document.querySelector('article.reader .reader-subject')?.textContent,
      frame: Boolean(document.querySelector('article.reader iframe.mail-frame')),
      text: Boolean(document.querySelector('article.reader .mail-text')),
      url: location.href,
      timer: (window as unknown as { __openDebug: () => unknown }).__openDebug(),
      srcdoc: document.querySelector('article.reader iframe.mail-frame')?.getAttribute('srcdoc')?.length,
    }));
    throw new Error(`row ${index} was not shown within 15 s: ${JSON.stringify(state)}`, { cause: error });
  }
}
