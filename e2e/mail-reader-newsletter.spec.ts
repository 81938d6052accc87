/*
 * Journey: read an HTML newsletter (issue 10, "Tests"), through the real server: message(id),
 * the signed inline route and the image proxy.
 * 1. A newsletter with an inline cid: logo (PNG), an inline SVG, a remote hero image on the
 *    sender's server and a PDF attachment arrives; the user opens it.
 * 2. The logo shows (loaded from its signed inline URL); the SVG part is not shown; the remote
 *    image is hidden and the sender's server has been asked nothing.
 * 3. "Show images": the hero image shows, fetched by the server's proxy — the sender's server
 *    sees one request, without the user's cookie or the reader's address as Referer.
 * 4. The attachment and the whole message (.eml) download.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame } from '@playwright/test';
import { newsletterSource, PNG_1X1 } from '../lib/reader/fixtures/reader-messages.ts';
import { SRV_DOMAIN } from './global-setup.ts';
import { expect, test } from './fixtures.ts';
import { appendMessage } from './support/seed-mailbox.ts';
import { signInAsNewUser } from './support/session.ts';

test('an HTML newsletter: inline logo, remote image only through the proxy after consent, downloads', async ({
  page,
  mailStack,
  mailboxSetup,
  inbox,
}) => {
  const asked: Array<{ url: string; cookie?: string; referer?: string }> = [];
  const sender = http.createServer((req, res) => {
    asked.push({ url: req.url ?? '', cookie: req.headers.cookie, referer: req.headers.referer });
    res.writeHead(200, { 'content-type': 'image/png' }).end(PNG_1X1);
  });
  await new Promise<void>((resolve) => sender.listen(0, '127.0.0.1', resolve));
  try {
    const hero = `http://127.0.0.1:${(sender.address() as AddressInfo).port}/hero.png?subscriber=42`;
    const mailbox = { email: `news@${SRV_DOMAIN}`, password: 'news-mail-pw' };
    await mailStack.addUser(mailbox.email, mailbox.password);
    await appendMessage(mailStack, mailbox.email, mailbox.password, await newsletterSource([hero]));
    await signInAsNewUser(page, 'news-reader@acme.test');
    await page.goto('/inbox');

    let frame!: Frame;
    const bodyFrame = async () => {
      const element = page.locator('iframe[title="Message body"]');
      await expect(element).toBeVisible();
      return (await (await element.elementHandle())!.contentFrame())!;
    };
    const loaded = (selector: string) =>
      frame.evaluate((s) => {
        const img = document.querySelector<HTMLImageElement>(s);
        return img ? { src: img.getAttribute('src'), width: img.complete ? img.naturalWidth : -1 } : null;
      }, selector);

    await test.step('1. the newsletter arrives and opens', async () => {
      await mailboxSetup.logIn(mailbox.email, mailbox.password);
      await expect(inbox.row('Our news / December')).toBeVisible({ timeout: 30_000 });
      await inbox.open('Our news / December');
      frame = await bodyFrame();
    });

    await test.step('2. the cid: logo shows; the SVG part does not; the remote image waits', async () => {
      await expect.poll(() => loaded('img[src*="/api/inline/"]')).toMatchObject({ width: 1 });
      expect(await frame.evaluate(() => document.querySelectorAll('img[src]').length), 'logo only').toBe(1);
      await expect(inbox.reader.getByRole('status').filter({ hasText: 'Remote images are hidden' })).toBeVisible();
      expect(asked).toEqual([]);
    });

    await test.step('3. "Show images": the proxy fetches it; the sender learns nothing of the reader', async () => {
      await inbox.reader.getByRole('button', { name: 'Show images', exact: true }).click();
      frame = await bodyFrame();
      await expect.poll(() => loaded('img[src*="/api/image-proxy?"]')).toMatchObject({ width: 1 });
      expect(asked).toEqual([{ url: '/hero.png?subscriber=42', cookie: undefined, referer: undefined }]);
      const frameRequests = await frame.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
      for (const url of frameRequests) expect(new URL(url).origin, url).toBe(new URL(page.url()).origin);
    });

    await test.step('4. the attachment and the .eml download', async () => {
      const [attachment] = await Promise.all([
        page.waitForEvent('download'),
        inbox.reader
          .getByRole('list', { name: 'Attachments' })
          .getByRole('link', { name: /^programme\.pdf, application\/pdf, / })
          .click(),
      ]);
      expect(attachment.suggestedFilename()).toBe('programme.pdf');
      const [eml] = await Promise.all([
        page.waitForEvent('download'),
        inbox.reader.getByRole('link', { name: 'Download .eml' }).click(),
      ]);
      expect(eml.suggestedFilename()).toMatch(/\.eml$/);
      const source = await (await import('node:fs/promises')).readFile((await eml.path())!, 'utf8');
      expect(source).toContain('Subject: Our news / December');
    });
  } finally {
    await new Promise<void>((resolve) => sender.close(() => resolve()));
  }
});
