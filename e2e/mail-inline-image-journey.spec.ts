/*
 * Journey: an image pasted into the text is sent inline (issue 11, "inline images as cid:").
 * What arrives is read back from the recipient's mailbox on the test Dovecot (imapflow) and
 * parsed with mailparser.
 * 1. A sender's mailbox is connected; the recipient is another user of the same mail server.
 * 2. A PNG pasted into the text (a paste event whose DataTransfer holds the file) is shown
 *    there, uploaded (no attachment is listed once it is). Sent with a 30 s undo delay and taken
 *    back with Undo, the composer reopens with the image still in the text, also after a reload:
 *    Undo made it a saved draft whose image is an inline part (draft_attachments.content_id),
 *    resumed with the image shown again from its new upload; sent again without delay.
 * 3. The recipient's copy is multipart/related: its HTML names `cid:<id>`, and the part with
 *    that Content-ID is the PNG, byte for byte.
 */
import { simpleParser } from 'mailparser';
import { SRV_DOMAIN } from './global-setup.ts';
import { expect, test } from './fixtures.ts';
import { seedMailbox } from './support/seed-mailbox.ts';
import { signInAsNewUser } from './support/session.ts';

/** A 1×1 PNG (RFC 2083): signature, IHDR, IDAT, IEND. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

test('an image pasted into the text arrives inline, as a cid: part', async ({ page, mailStack, mailboxSetup, inbox }) => {
  const sender = { email: `painter@${SRV_DOMAIN}`, password: 'painter-mail-pw' };
  const recipient = { email: `viewer@${SRV_DOMAIN}`, password: 'viewer-mail-pw' };
  await mailStack.addUser(sender.email, sender.password);
  await mailStack.addUser(recipient.email, recipient.password);
  await seedMailbox(mailStack, sender.email, sender.password, 1, 1);
  await signInAsNewUser(page, 'painter@acme.test');
  await page.goto('/inbox');
  const composer = page.getByRole('dialog', { name: 'New message' });
  const setUndoSend = async (seconds: number) => {
    const url = new URL(page.url());
    await page.context().addCookies([{ name: 'undo-send', value: String(seconds), domain: url.hostname, path: '/' }]);
  };

  await test.step('1. connect the sender', async () => {
    await mailboxSetup.logIn(sender.email, sender.password);
    await expect(inbox.row('Seeded message 1')).toBeVisible({ timeout: 30_000 });
    await setUndoSend(30);
  });

  await test.step('2. paste a PNG into the text; send, undo, send again', async () => {
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await page.keyboard.press('c');
    await expect(composer).toBeVisible();
    await expect(composer.getByLabel('To', { exact: true })).toBeFocused();
    await page.keyboard.type(`${recipient.email},`);
    await composer.getByLabel('Subject').fill('Chart inline');
    const body = composer.getByRole('textbox', { name: 'Message' });
    await body.click();
    await page.keyboard.type('Our chart: ');
    await body.evaluate(
      (element, bytes) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(bytes)], 'chart.png', { type: 'image/png' }));
        element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      },
      [...PNG],
    );
    await expect(body.getByRole('img')).toHaveCount(1);
    // Listed with its progress while it uploads, then only in the text.
    await expect(composer.getByRole('progressbar')).toHaveCount(0);
    await expect(composer.getByRole('list', { name: 'Attachments' })).toHaveCount(0);
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(composer).toHaveCount(0);
    await page.getByRole('status').filter({ hasText: 'Sending…' }).getByRole('button', { name: 'Undo' }).click();
    await expect(composer).toBeVisible();
    await expect(body.getByRole('img')).toHaveCount(1);
    await expect(composer.getByRole('progressbar')).toHaveCount(0);
    await expect(composer.getByRole('list', { name: 'Attachments' })).toHaveCount(0);
    // Undo saved it as a draft on the server, the image as an inline part: after a reload the
    // draft is resumed with the image back in the text (shown from its upload, not an attachment).
    await page.reload();
    await expect(composer).toBeVisible();
    await expect(composer.getByLabel('Subject')).toHaveValue('Chart inline');
    await expect(body.getByRole('img')).toHaveCount(1);
    await expect.poll(() => body.getByRole('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expect(composer.getByRole('list', { name: 'Attachments' })).toHaveCount(0);
    await setUndoSend(0);
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(composer).toHaveCount(0);
  });

  await test.step('3. the recipient’s copy shows it by cid, as a related part', async () => {
    await expect
      .poll(async () => (await mailStack.readMailbox(recipient.email, recipient.password)).map((m) => m.subject), {
        timeout: 30_000,
      })
      .toContain('Chart inline');
    const [received] = (await mailStack.readMailbox(recipient.email, recipient.password)).filter(
      (m) => m.subject === 'Chart inline',
    );
    expect(received!.source.toString('utf8')).toMatch(/Content-Type: multipart\/related/i);
    const parsed = await simpleParser(received!.source, { keepCidLinks: true });
    const cid = /<img[^>]*src="cid:([^"]+)"/.exec(String(parsed.html))?.[1];
    expect(cid).toBeTruthy();
    const part = parsed.attachments.find((a) => a.contentId === `<${cid}>`);
    expect(part?.related).toBe(true);
    expect(part?.contentType).toBe('image/png');
    expect(part?.content.equals(PNG)).toBe(true);
    expect(String(parsed.html)).not.toContain('blob:');
  });
});
