/*
 * Journey: raster image attachments preview inline in the reader (issue 10, "inline preview only
 * for raster images (never HTML or SVG on the app's origin)").
 * 1. A message with a PNG attachment, an SVG attachment, and an SVG posing as a PNG arrives.
 * 2. The PNG shows a preview (loaded from its signed URL); the SVG offers none; the impostor's
 *    URL is refused by the server (not a raster image) and no preview is left standing.
 *    All three stay downloadable.
 */
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { PNG_1X1, SVG_WITH_SCRIPT } from '../lib/reader/fixtures/reader-messages.ts';
import { SRV_DOMAIN } from './global-setup.ts';
import { expect, test } from './fixtures.ts';
import { appendMessage } from './support/seed-mailbox.ts';
import { signInAsNewUser } from './support/session.ts';

test('a PNG attachment previews; SVG, even labelled as PNG, never does', async ({ page, mailStack, mailboxSetup, inbox }) => {
  const mailbox = { email: `preview@${SRV_DOMAIN}`, password: 'preview-mail-pw' };
  await mailStack.addUser(mailbox.email, mailbox.password);
  const source = await new MailComposer({
    from: 'Photographer <photos@studio.test>',
    to: mailbox.email,
    subject: 'Your photos',
    text: 'Attached.',
    attachments: [
      { filename: 'photo.png', content: PNG_1X1, contentType: 'image/png' },
      { filename: 'drawing.svg', content: SVG_WITH_SCRIPT, contentType: 'image/svg+xml' },
      { filename: 'impostor.png', content: SVG_WITH_SCRIPT, contentType: 'image/png' },
    ],
  })
    .compile()
    .build();
  await appendMessage(mailStack, mailbox.email, mailbox.password, source);
  await signInAsNewUser(page, 'preview@acme.test');
  await page.goto('/inbox');
  const attachments = inbox.reader.getByRole('list', { name: 'Attachments' });
  // What the signed preview route answered: the PNG, and the impostor refused by its bytes.
  const previewAnswers: number[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/api/inline/')) previewAnswers.push(response.status());
  });

  await test.step('1. the message arrives and opens', async () => {
    await mailboxSetup.logIn(mailbox.email, mailbox.password);
    await expect(inbox.row('Your photos')).toBeVisible({ timeout: 30_000 });
    await inbox.open('Your photos');
    await expect(attachments.getByRole('link')).toHaveCount(3);
  });

  await test.step('2. only the real PNG previews', async () => {
    const photo = attachments.getByRole('img', { name: 'Preview of photo.png' });
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    await expect(attachments.getByRole('img', { name: 'Preview of drawing.svg' })).toHaveCount(0);
    // Offered by its label, refused by its bytes: the broken preview is taken away.
    await expect(attachments.getByRole('img', { name: 'Preview of impostor.png' })).toHaveCount(0);
    await expect.poll(() => [...previewAnswers].sort()).toEqual([200, 415]);
  });
});
