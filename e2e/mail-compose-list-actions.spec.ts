/*
 * Journey: reply, reply all and forward from the message list, without opening the message
 * (issue 11: "from the reader, the list and the keyboard"). What is sent is read back from the
 * recipient's mailbox on the test Dovecot.
 * 1. A mailbox holds a customer's question (To the user, Cc a colleague) and two seeded
 *    messages; nothing is open in the reader.
 * 2. Keyboard only, the row's "Reply or forward" menu: Tab from the row to its menu button, Enter
 *    opens the menu on Reply, ArrowDown to Reply all, Enter: the composer answers everyone, and
 *    the reader stayed closed. Escape closes the menu without acting.
 * 3. r on the focused row (no message open) answers that row; sent with Ctrl+Enter, the customer
 *    receives "Re: …" in the thread (In-Reply-To names the question).
 * 4. f with no row focused forwards the one ticked row.
 * 5. The keyboard help says what r, a and f act on when nothing is open.
 */
import type { Page } from '@playwright/test';
import { SRV_DOMAIN } from './global-setup.ts';
import { expect, test } from './fixtures.ts';
import { appendMessage, seedMailbox } from './support/seed-mailbox.ts';
import { signInAsNewUser } from './support/session.ts';

async function setUndoSend(page: Page, seconds: number) {
  const url = new URL(page.url());
  await page.context().addCookies([{ name: 'undo-send', value: String(seconds), domain: url.hostname, path: '/' }]);
}

test('reply, reply all and forward from the list: row menu and r/a/f', async ({ page, mailStack, mailboxSetup, inbox }) => {
  const user = { email: `lister@${SRV_DOMAIN}`, password: 'lister-mail-pw' };
  const customer = { email: `asker@${SRV_DOMAIN}`, password: 'asker-mail-pw' };
  await mailStack.addUser(user.email, user.password);
  await mailStack.addUser(customer.email, customer.password);
  await seedMailbox(mailStack, user.email, user.password, 2, 2);
  await appendMessage(
    mailStack,
    user.email,
    user.password,
    [
      `From: "Asker" <${customer.email}>`,
      `To: ${user.email}`,
      'Cc: "Colleague" <colleague@example.net>',
      'Subject: Offer question',
      `Date: ${new Date().toUTCString()}`,
      'Message-ID: <offer-question-1@example.net>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Is the offer still valid?',
      '',
    ].join('\r\n'),
  );
  await signInAsNewUser(page, 'lister@acme.test');
  await page.goto('/inbox');
  const question = inbox.row('Offer question');

  await test.step('1. connect: three messages, none open', async () => {
    await mailboxSetup.logIn(user.email, user.password);
    await expect(question).toBeVisible({ timeout: 30_000 });
    await expect(inbox.row('Seeded message 2')).toBeVisible();
    await setUndoSend(page, 0);
    expect(inbox.selectedId()).toBeNull();
  });

  await test.step('2. the row menu by keyboard: Reply all answers everyone, the reader stays closed', async () => {
    await question.focus();
    await page.keyboard.press('Tab');
    const menuButton = page.getByRole('button', { name: 'Reply or forward' }).and(page.locator(':focus'));
    await expect(menuButton).toBeFocused();
    await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
    // Escape closes the menu and gives focus back, nothing happens.
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'Reply or forward' });
    await expect(menu.getByRole('menuitem', { name: 'Reply', exact: true })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(menuButton).toBeFocused();

    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Reply all' })).toBeFocused();
    await page.keyboard.press('Enter');
    const replyAll = page.getByRole('dialog', { name: 'Reply all' });
    await expect(replyAll).toBeVisible();
    await expect(replyAll.getByLabel('Subject')).toHaveValue('Re: Offer question');
    await expect(replyAll.getByRole('list', { name: 'To recipients', exact: true })).toContainText(customer.email);
    await expect(replyAll.getByRole('list', { name: 'Cc recipients', exact: true })).toContainText('colleague@example.net');
    expect(inbox.selectedId()).toBeNull();
    await expect(inbox.reader).toHaveCount(0);
    await replyAll.getByRole('button', { name: 'Discard' }).click();
    await expect(replyAll).toHaveCount(0);
  });

  await test.step('3. r on the focused row answers it; sent, it arrives in the thread', async () => {
    await question.focus();
    await page.keyboard.press('r');
    const reply = page.getByRole('dialog', { name: 'Reply' });
    await expect(reply).toBeVisible();
    await expect(reply.getByLabel('Subject')).toHaveValue('Re: Offer question');
    await expect(reply.getByRole('list', { name: 'To recipients', exact: true })).toContainText(customer.email);
    const body = reply.getByRole('textbox', { name: 'Message' });
    await expect(body).toBeFocused();
    await page.keyboard.type('Yes, until Friday.');
    await page.keyboard.press('Control+Enter');
    await expect(reply).toHaveCount(0);
    await expect
      .poll(
        async () =>
          (await mailStack.readMailbox(customer.email, customer.password))
            .find((m) => m.subject === 'Re: Offer question')
            ?.source.toString('utf8'),
        { timeout: 30_000 },
      )
      .toMatch(/^In-Reply-To: <offer-question-1@example\.net>/m);
  });

  await test.step('4. f with no row focused forwards the one ticked row', async () => {
    await inbox
      .list()
      .getByRole('checkbox', { name: /Seeded message 2/ })
      .check();
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await page.keyboard.press('f');
    const forward = page.getByRole('dialog', { name: 'Forward' });
    await expect(forward).toBeVisible();
    await expect(forward.getByLabel('Subject')).toHaveValue('Fwd: Seeded message 2');
    await forward.getByRole('button', { name: 'Discard' }).click();
    await expect(forward).toHaveCount(0);
  });

  await test.step('5. the keyboard help tells what r, a and f act on', async () => {
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toContainText('With no message open, r, a and f act on the row you are on');
    await page.keyboard.press('Escape');
    await expect(help).toHaveCount(0);
  });
});
