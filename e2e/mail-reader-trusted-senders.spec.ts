/*
 * Journey: "Always show images from <sender>" (issue 10, "The reader": "Show images" once, or
 * always for this sender). The images still come through the server's image proxy.
 * 1. Two newsletters from the same sender, each with a remote image, arrive.
 * 2. The first opens with its images hidden; "Always show images from promo@shop.test" shows
 *    them at once and says why they show.
 * 3. After a reload it opens with its images, asking nothing.
 * 4. The second message from that sender shows its images without asking.
 * 5. E-mail options lists the sender; Remove empties the list, and the reader asks again.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { PNG_1X1 } from '../lib/reader/fixtures/reader-messages.ts';
import { SRV_DOMAIN } from './global-setup.ts';
import { expect, test } from './fixtures.ts';
import { appendMessage } from './support/seed-mailbox.ts';
import { signInAsNewUser } from './support/session.ts';

const SENDER = 'promo@shop.test';

function offer(subject: string, image: string): Promise<Buffer> {
  return new MailComposer({
    from: `Shop <${SENDER}>`,
    to: 'reader@acme.test',
    subject,
    html: `<html><body><h1>${subject}</h1><img src="${image}" alt=""><p>Buy now.</p></body></html>`,
  })
    .compile()
    .build();
}

/** The remote image in the open message's body: its natural width once loaded, else null. */
async function remoteImageWidth(page: Page): Promise<number | null> {
  const element = page.locator('iframe[title="Message body"]');
  const frame = await (await element.elementHandle())?.contentFrame();
  if (!frame) return null;
  return frame.evaluate(() => {
    const img = document.querySelector<HTMLImageElement>('img[src*="/api/image-proxy?"]');
    return img?.complete && img.naturalWidth > 0 ? img.naturalWidth : null;
  });
}

test('"Always show images" for a sender persists, covers their other mail, and can be removed', async ({
  page,
  mailStack,
  mailboxSetup,
  inbox,
}) => {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG_1X1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const image = (n: number) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/offer-${n}.png`;
    const mailbox = { email: `trust@${SRV_DOMAIN}`, password: 'trust-mail-pw' };
    await mailStack.addUser(mailbox.email, mailbox.password);
    await appendMessage(mailStack, mailbox.email, mailbox.password, await offer('Winter offer', image(1)));
    await appendMessage(mailStack, mailbox.email, mailbox.password, await offer('Spring offer', image(2)));
    await signInAsNewUser(page, 'trust-reader@acme.test');
    await page.goto('/inbox');
    const hiddenBar = inbox.reader.getByRole('status').filter({ hasText: 'Remote images are hidden' });
    const trustedNote = inbox.reader.getByText(`Images from ${SENDER} are always shown.`);

    await test.step('1. two offers from the same sender arrive', async () => {
      await mailboxSetup.logIn(mailbox.email, mailbox.password);
      await expect(inbox.row('Spring offer')).toBeVisible({ timeout: 30_000 });
      await expect(inbox.row('Winter offer')).toBeVisible();
    });

    await test.step('2. "Always show images from promo@shop.test" shows them at once', async () => {
      await inbox.open('Winter offer');
      await expect(hiddenBar).toBeVisible();
      expect(await remoteImageWidth(page)).toBeNull();
      await hiddenBar.getByRole('button', { name: `Always show images from ${SENDER}` }).click();
      await expect(hiddenBar).toHaveCount(0);
      await expect.poll(() => remoteImageWidth(page)).toBe(1);
      await expect(trustedNote).toBeVisible();
    });

    await test.step('3. after a reload the message shows its images without asking', async () => {
      await page.reload();
      await expect(inbox.subject('Winter offer')).toBeVisible();
      await expect(trustedNote).toBeVisible();
      await expect(hiddenBar).toHaveCount(0);
      await expect.poll(() => remoteImageWidth(page)).toBe(1);
    });

    await test.step('4. another message from that sender shows its images too', async () => {
      await inbox.open('Spring offer');
      await expect(trustedNote).toBeVisible();
      await expect(hiddenBar).toHaveCount(0);
      await expect.poll(() => remoteImageWidth(page)).toBe(1);
    });

    await test.step('5. E-mail options lists the sender; Remove, and the reader asks again', async () => {
      await page.goto('/settings/email');
      const list = page.getByRole('region', { name: 'Always show images' });
      await expect(list.getByText(SENDER)).toBeVisible();
      await list.getByRole('button', { name: `Stop always showing images from ${SENDER}` }).click();
      await expect(list.getByText('No senders yet.')).toBeVisible();
      await page.goto('/inbox');
      await inbox.open('Spring offer');
      await expect(hiddenBar).toBeVisible();
      await expect(trustedNote).toHaveCount(0);
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
