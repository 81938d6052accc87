/*
 * Journey: hostile mail in the reader (issue 10, "The reader" and "Tests").
 * The reader is shown on a test page (app/test-pages/mail-reader, E2E_TEST_PAGES=1) under the
 * app's real headers, fed fixed MessageDetail objects; a local HTTP server plays the sender's
 * servers and records every request it gets.
 * 1. A newsletter carrying one case of every known attack family opens: no script runs (no
 *    flag, no "blocked script" console message: the sanitizer removed them before the sandbox
 *    had to), nothing dangerous is left in the frame's DOM, no request goes anywhere but the app
 *    (not one to the sender's server), the cid: image is asked from its signed inline URL, links
 *    open a new tab with noopener/noreferrer and show their real target.
 * 2. "Show images" ("Afbeeldingen tonen"): only the proxied URLs are requested; still nothing reaches the sender.
 * 3. A link opens a tab that cannot reach back to the reader (window.opener is null).
 * 4. A plain-text mail: shown as text, its script tag as characters, its links made safe links;
 *    the whole reader, its headers and dates in the user's language and time zone (nl-NL,
 *    Europe/Amsterdam: "Bericht", "Afbeeldingen tonen", "dinsdag 1 december 2026 om 14:05").
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame, Page } from '@playwright/test';
import { hostileMailHtml, hostileRemoteImages } from './fixtures/reader/hostile-mail.ts';
import { expect, test } from './fixtures.ts';
import { signInAsNewUser } from './support/session.ts';

// No trace: Playwright's tracing puts a script into every new document, which a sandboxed frame
// reports as "Blocked script execution" (checked: even for `<p>x</p>`), the very message this
// test watches for.
test.use({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', trace: 'off' });

/** The sender's servers: answer everything with a 1×1 GIF, remember every path asked for. */
async function startRemoteServer() {
  const seen: string[] = [];
  const gif = Buffer.from('R0lGODlhAQABAAAAACH5BAEAAAAALAAAAAABAAEAAAIBAAA=', 'base64');
  const server = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/gif' }).end(gif);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const BASE_MESSAGE = {
  accountId: 'a1',
  folderId: 'f1',
  from: [{ name: 'Shop', address: 'news@shop.example' }],
  to: [{ name: '', address: 'liv@acme.test' }],
  cc: [],
  bcc: [],
  replyTo: [],
  sentAt: '2026-12-01T13:05:00.000Z',
  receivedAt: '2026-12-01T13:06:00.000Z',
  seen: false,
  flagged: false,
  html: null,
  text: null,
  attachments: [],
  inlineImages: [],
  remoteImages: [],
  sourceUrl: null,
  parseError: null,
};

async function openHarness(page: Page) {
  await page.goto('/test-pages/mail-reader');
  await expect(page.locator('body[data-reader-harness="ready"]')).toBeAttached();
}

async function show(page: Page, message: Record<string, unknown>) {
  await page.evaluate((detail) => window.dispatchEvent(new CustomEvent('test:show-message', { detail })), {
    ...BASE_MESSAGE,
    ...message,
  });
}

async function mailFrame(page: Page): Promise<Frame> {
  const element = page.locator('iframe[title="Berichttekst"]');
  await expect(element).toBeVisible();
  const frame = await (await element.elementHandle())!.contentFrame();
  await expect.poll(() => frame!.evaluate(() => document.readyState)).toBe('complete');
  return frame!;
}

test('hostile HTML mail: nothing runs, nothing leaves before consent, then only the proxy', async ({ page, baseURL }) => {
  const remote = await startRemoteServer();
  try {
    await signInAsNewUser(page, 'reader-defences@acme.test');
    await openHarness(page);
    // The page's own requests. The sandboxed frame's do not reach Playwright's request events
    // (Chromium isolates sandboxed frames in their own process), so the frame is asked for its
    // Resource Timing entries instead, and the remote server for what it really received.
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const frameRequests = (frame: Frame) => frame.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    // Any sign that a script or a load got as far as the browser's last line of defence. The one
    // expected kind: DOMPurify's parse of the raw mail (an inert DOMParser document in the app's
    // bundle) is judged against the page's strict CSP, which reports its handlers and <base> as
    // refused; nothing there can run or load, and that document is never shown.
    const scriptConsole: string[] = [];
    page.on('console', (message) => {
      const inertParse =
        message.location().url.startsWith(`${baseURL}/_next/static/`) &&
        /inline event handler|document's base URI/.test(message.text());
      if (!inertParse && /Blocked script execution|Content Security Policy|Refused to/i.test(message.text()))
        scriptConsole.push(`${message.text()} @ ${message.location().url}`);
    });
    const inlineUrl = '/api/inline/att-logo?e=1&s=test';

    let frame!: Frame;
    await test.step('1. the hostile newsletter opens inert', async () => {
      await show(page, {
        id: 'hostile',
        subject: 'Hostile newsletter',
        html: hostileMailHtml(remote.origin),
        inlineImages: [{ contentId: '<logo@shop>', url: inlineUrl }],
        remoteImages: hostileRemoteImages(remote.origin),
      });
      await expect(page.getByRole('heading', { name: 'Hostile newsletter', level: 2 })).toBeVisible();
      frame = await mailFrame(page);
      await expect(page.locator('iframe[title="Berichttekst"]')).toHaveAttribute(
        'sandbox',
        'allow-popups allow-popups-to-escape-sandbox',
      );
      const srcdoc = await page.locator('iframe[title="Berichttekst"]').getAttribute('srcdoc');
      expect(srcdoc).toMatch(
        /^<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data: /,
      );

      const dom = await frame.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
        scripts: document.querySelectorAll('script').length,
        handlers: [...document.querySelectorAll('*')].flatMap((e) =>
          [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName} ${a.name}`),
        ),
        forbidden: [
          ...document.querySelectorAll(
            'form,input,button,base,iframe,object,embed,svg,math,link,video,audio,source,template,noscript,[srcset],[ping],[poster]',
          ),
        ].map((e) => e.tagName),
        metas: document.querySelectorAll('meta').length,
        styles: [...document.querySelectorAll('style')].map((s) => s.textContent ?? ''),
        links: [...document.querySelectorAll('a')].map((a) => ({
          text: a.textContent,
          href: a.getAttribute('href'),
          target: a.getAttribute('target'),
          rel: a.getAttribute('rel'),
          title: a.getAttribute('title'),
        })),
        cid: document.querySelector('img[alt="cid logo"]')?.getAttribute('src') ?? null,
        relative: document.querySelector('img[alt="relative image"]')?.getAttribute('src') ?? null,
        remoteImage: document.querySelector('img[alt="remote image"]')?.getAttribute('src') ?? null,
        text: document.body.textContent ?? '',
        // The mail's own styles survive the frame's CSP and the page policy it inherits.
        colors: [
          getComputedStyle(document.querySelector('h1')!).color,
          getComputedStyle(document.getElementById('styled')!).color,
        ],
      }));
      expect(dom.pwned).toBeNull();
      expect(dom.scripts).toBe(0);
      expect(dom.handlers).toEqual([]);
      expect(dom.forbidden).toEqual([]);
      expect(dom.metas, 'only the frame document’s own CSP, referrer and color-scheme').toBe(3);
      for (const css of dom.styles)
        expect(css).not.toMatch(/@import|url\((?!"http:\/\/127\.0\.0\.1:\d+\/api\/)|image-set\(|expression\(|<\/style/i);
      expect(dom.cid).toBe(`${baseURL}${inlineUrl}`);
      expect(dom.relative).toBeNull();
      expect(dom.remoteImage).toBeNull();
      expect(dom.text).toContain('The end.');
      expect(dom.colors).toEqual(['rgb(4, 5, 6)', 'rgb(1, 2, 3)']);
      for (const link of dom.links.filter((l) => l.href !== null)) {
        expect(link.href, link.text ?? '').toMatch(/^(?:https?:|mailto:|tel:|#)/);
        if (link.href!.startsWith('#')) continue;
        expect(link).toMatchObject({ target: '_blank', rel: 'noopener noreferrer', title: link.href });
      }
      expect(dom.links.find((l) => l.text === 'js link')?.href).toBeNull();
      expect(dom.links.find((l) => l.text === 'data link')?.href).toBeNull();
      expect(dom.links.find((l) => l.text === 'anchor link')).toMatchObject({ href: '#section', target: null });

      // Wait for the one request the frame should make, then judge all of them.
      await expect.poll(() => frameRequests(frame)).toContain(`${baseURL}${inlineUrl}`);
      expect(await frameRequests(frame)).toEqual([`${baseURL}${inlineUrl}`]);
      expect(requests.filter((url) => !url.startsWith(`${baseURL}/`))).toEqual([]);
      expect(remote.seen).toEqual([]);
      expect(scriptConsole).toEqual([]);
    });

    await test.step('2. "Show images": only proxied URLs are requested', async () => {
      await expect(page.getByRole('status').filter({ hasText: 'Externe afbeeldingen zijn verborgen' })).toBeVisible();
      await page.getByRole('button', { name: 'Afbeeldingen tonen' }).click();
      await expect(page.getByRole('button', { name: 'Afbeeldingen tonen' })).toHaveCount(0);
      frame = await mailFrame(page);
      const proxied = `${baseURL}/api/image-proxy?`;
      const asked = async () =>
        (await frameRequests(frame)).filter((url) => url.startsWith(proxied)).map((url) => new URL(url).searchParams.get('u'));
      await expect
        .poll(asked)
        .toEqual(
          expect.arrayContaining([
            `${remote.origin}/remote-src.png`,
            `${remote.origin}/pixel.gif`,
            `${remote.origin}/inline-style.png`,
          ]),
        );
      for (const url of await frameRequests(frame))
        expect(url.startsWith(proxied) || url === `${baseURL}${inlineUrl}`, url).toBe(true);
      expect(requests.filter((url) => !url.startsWith(`${baseURL}/`))).toEqual([]);
      expect(remote.seen).toEqual([]);
      expect(await frame.evaluate(() => document.querySelector('img[alt="remote image"]')?.hasAttribute('srcset'))).toBe(false);
      expect(scriptConsole).toEqual([]);
    });

    await test.step('3. a link opens a new tab that cannot reach back (no tab-nabbing)', async () => {
      const [popup] = await Promise.all([page.waitForEvent('popup'), frame.getByText('normal link').click()]);
      await popup.waitForLoadState();
      expect(popup.url()).toBe(`${remote.origin}/nab`);
      expect(await popup.evaluate(() => window.opener)).toBeNull();
      await popup.close();
      expect(await frame.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null)).toBeNull();
    });
  } finally {
    await remote.close();
  }
});

test('plain-text mail: text stays text, links are safe; dates in the user’s language and time zone', async ({ page }) => {
  await signInAsNewUser(page, 'reader-text@acme.test');
  await openHarness(page);
  await show(page, {
    id: 'plain',
    subject: 'Offerte',
    text: 'Zie https://shop.example/offer?id=1 of www.example.com.\nMail sales@example.com.\n<script>window.__pwned=1</script> <b>not bold</b> javascript:alert(1)',
    attachments: [
      { id: 'att1', filename: 'offerte.pdf', contentType: 'application/pdf', size: 12_345, url: '/api/attachments/att1' },
    ],
    sourceUrl: '/api/messages/plain/source?e=1&s=test',
  });
  const reader = page.getByRole('article', { name: 'Bericht' });
  await test.step('4a. the text is text, with safe links', async () => {
    const body = reader.locator('.mail-text');
    await expect(body).toContainText('<script>window.__pwned=1</script> <b>not bold</b> javascript:alert(1)');
    await expect(body.locator('script, b')).toHaveCount(0);
    const links = body.getByRole('link');
    await expect(links).toHaveCount(3);
    for (const [name, href] of [
      ['https://shop.example/offer?id=1', 'https://shop.example/offer?id=1'],
      ['www.example.com', 'http://www.example.com'],
      ['sales@example.com', 'mailto:sales@example.com'],
    ] as const) {
      const link = body.getByRole('link', { name, exact: true });
      await expect(link).toHaveAttribute('href', href);
      await expect(link).toHaveAttribute('target', '_blank');
      await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    }
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null)).toBeNull();
  });
  await test.step('4b. headers, date (nl-NL, Amsterdam: 13:05 UTC is 14:05), attachment, .eml', async () => {
    const headers = reader.getByRole('definition');
    await expect(headers.filter({ hasText: 'Shop <news@shop.example>' })).toBeVisible();
    await expect(reader.locator('time')).toHaveText(/dinsdag 1 december 2026.*14:05/);
    const attachment = reader
      .getByRole('list', { name: 'Bijlagen' })
      .getByRole('link', { name: /^offerte\.pdf, application\/pdf, 12,3 kB$/ });
    await expect(attachment).toHaveAttribute('href', '/api/attachments/att1');
    await expect(attachment).toHaveAttribute('download', 'offerte.pdf');
    await expect(reader.getByRole('link', { name: '.eml downloaden' })).toHaveAttribute(
      'href',
      '/api/messages/plain/source?e=1&s=test',
    );
  });
});
