/*
 * Journey: a per-account signature (issue 11). What is sent is read back from the recipient's
 * mailbox on the test Dovecot through another IMAP client (withImap).
 * 1. A sender's mailbox is connected; the recipient is another user of the same mail server.
 * 2. E-mail options: the account's signature is written in its editor and saved; axe finds no
 *    WCAG 2.1 A/AA violation on the page.
 * 3. A new message starts with the signature below the `-- ` line; the text is written above it.
 * 4. Sent: the recipient's copy has the signature in a div of class signature (HTML) and below a
 *    `-- ` line (plain text, RFC 3676 §4.3).
 * 5. A reply starts with the text line, then the signature, then the quoted original.
 * 6. With a second account (no signature): choosing it as From takes the untouched signature
 *    away, choosing the first again brings it back.
 */
import type { Page } from '@playwright/test';
import { simpleParser } from 'mailparser';
import { SRV_DOMAIN } from './global-setup.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './fixtures.ts';
import { seedMailbox } from './support/seed-mailbox.ts';
import { signInAsNewUser } from './support/session.ts';
import { withImap } from './support/with-imap.ts';

async function sendWithoutUndo(page: Page) {
  const url = new URL(page.url());
  await page.context().addCookies([{ name: 'undo-send', value: '0', domain: url.hostname, path: '/' }]);
}

test('a signature set in E-mail options goes out with a new message', async ({
  page,
  mailStack,
  mailboxSetup,
  inbox,
  emailOptions,
}) => {
  const sender = { email: `signer@${SRV_DOMAIN}`, password: 'signer-mail-pw' };
  const recipient = { email: `signee@${SRV_DOMAIN}`, password: 'signee-mail-pw' };
  await mailStack.addUser(sender.email, sender.password);
  await mailStack.addUser(recipient.email, recipient.password);
  await seedMailbox(mailStack, sender.email, sender.password, 1, 1);
  await signInAsNewUser(page, 'signer@acme.test');
  await page.goto('/inbox');

  await test.step('1. connect the sender', async () => {
    await mailboxSetup.logIn(sender.email, sender.password);
    await expect(inbox.row('Seeded message 1')).toBeVisible({ timeout: 30_000 });
    await sendWithoutUndo(page);
  });

  await test.step('2. write and save the signature in E-mail options', async () => {
    await emailOptions.goto();
    const card = emailOptions.account(sender.email);
    const editor = card.getByRole('textbox', { name: `Signature for ${sender.email}` });
    await editor.click();
    await page.keyboard.type('Ann Signer, sales');
    await card.getByRole('button', { name: 'Save signature' }).click();
    await expect(card.getByRole('status').filter({ hasText: 'Signature saved.' })).toBeVisible();
    await expectNoAxeViolations(page, 'E-mail options with a signature editor');
    await page.reload();
    await expect(card.getByRole('textbox', { name: `Signature for ${sender.email}` })).toContainText('Ann Signer, sales');
  });

  await test.step('3. a new message starts with the signature below the sig dash', async () => {
    await page.goto('/inbox');
    await page.getByRole('button', { name: 'New message' }).click();
    const composer = page.getByRole('dialog', { name: 'New message' });
    const body = composer.getByRole('textbox', { name: 'Message' });
    await expect(body).toContainText('Ann Signer, sales');
    await expect(body.locator('.signature-dash')).toHaveText('--');
    await composer.getByLabel('To', { exact: true }).fill(recipient.email);
    await composer.getByLabel('Subject').fill('Signed offer');
    // The first line, above the signature, is where the person writes.
    await body.click({ position: { x: 8, y: 8 } });
    await page.keyboard.type('Our offer is attached in spirit.');
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(composer).toHaveCount(0);
  });

  await test.step('4. the recipient’s copy carries the signature', async () => {
    const source = async () =>
      withImap(mailStack, recipient.email, recipient.password, async (client) => {
        await client.mailboxOpen('INBOX');
        for await (const m of client.fetch('1:*', { envelope: true, source: true })) {
          if (m.envelope?.subject === 'Signed offer') return m.source ?? null;
        }
        return null;
      });
    await expect.poll(async () => (await source()) !== null, { timeout: 30_000 }).toBe(true);
    const parsed = await simpleParser((await source())!);
    expect(parsed.html || '').toContain('class="signature"');
    expect(parsed.html || '').toContain('Ann Signer, sales');
    expect(parsed.html || '').not.toContain('contenteditable');
    expect(parsed.text ?? '').toMatch(/Our offer is attached in spirit\.[\s\S]*^-- \n+Ann Signer, sales/m);
  });

  await test.step('5. a reply has the signature between the text line and the quote', async () => {
    await page.goto('/inbox');
    await inbox.open('Seeded message 1');
    await page.keyboard.press('r');
    const reply = page.getByRole('dialog', { name: 'Reply' });
    const body = reply.getByRole('textbox', { name: 'Message' });
    await expect(body.locator('.signature')).toContainText('Ann Signer, sales');
    // The editor's blocks are siblings: the empty line, the signature, "… wrote:", the quote.
    await expect(body.locator('.signature + p')).toContainText('wrote:');
    await expect(body).toBeFocused();
    await page.keyboard.type('Thanks!');
    await expect(body.locator('p').first()).toHaveText('Thanks!');
    await reply.getByRole('button', { name: 'Discard' }).click();
    await expect(reply).toHaveCount(0);
  });

  await test.step('6. changing From swaps the untouched signature', async () => {
    const second = { email: `cosigner@${SRV_DOMAIN}`, password: 'cosigner-mail-pw' };
    await mailStack.addUser(second.email, second.password);
    await page.goto('/inbox?setup=new');
    await mailboxSetup.logIn(second.email, second.password);
    await expect(
      page.getByRole('navigation', { name: 'Folders' }).getByRole('list', { name: new RegExp(`^${second.email}`) }),
    ).toBeVisible({
      timeout: 30_000,
    });
    await page.goto('/inbox');
    await page.getByRole('button', { name: 'New message' }).click();
    const composer = page.getByRole('dialog', { name: 'New message' });
    const body = composer.getByRole('textbox', { name: 'Message' });
    const from = composer.getByLabel('From');
    await expect(body.locator('.signature')).toContainText('Ann Signer, sales');
    await from.selectOption({ label: second.email });
    await expect(body.locator('.signature')).toHaveCount(0);
    await from.selectOption({ label: sender.email });
    await expect(body.locator('.signature')).toContainText('Ann Signer, sales');
    await composer.getByRole('button', { name: 'Discard' }).click();
    await expect(composer).toHaveCount(0);
  });
});
