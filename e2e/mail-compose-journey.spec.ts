/*
 * Journey: write and send mail from the inbox (issue 11, the composer). What arrives is read
 * back from the recipient's mailbox on the test Dovecot (imapflow, mailStack.readMailbox).
 * 1. A sender's mailbox is connected; the recipient is another user of the same mail server.
 * 2. Keyboard only: c opens the composer, the recipients (the other user and the sender
 *    herself) become chips, a file is attached, Ctrl+Enter sends (undo off): the recipient's
 *    INBOX receives it with the attachment.
 * 3. /compose?mailto=… prefills To, Cc, Bcc, Subject and the body; an unreadable address is
 *    shown as invalid and blocks Send with a clear message.
 * 4. Undo send: with a 30 s delay, Undo reopens the composer with the content: the message became
 *    a saved draft on the server, so it left the outbox (asked over GraphQL, not waited for) and
 *    a reload opens the composer with it again, its attachment uploaded anew; sent after all it
 *    arrives with it, and the Outbox view lists only that one (no cancelled copy).
 * 5. An address in the reader opens the composer to it. Reply (r) to the sent message, which arrived in the sender's own INBOX: "Re: " once, the
 *    original quoted, and the recipient's copy carries In-Reply-To and References.
 * 6. Forward (f): "Fwd: ", the original's attachment goes along to the recipient.
 * 7. Send later, "Tomorrow 08:00": queued for 08:00 tomorrow in the browser's time zone.
 * 8. Autosave: a few seconds after typing stops the draft is saved ("Draft saved") and reaches
 *    the account's Drafts folder on Dovecot; closed, it is taken up again from the Drafts folder
 *    (Edit draft) with its text; Discard removes it on the server.
 * 9. The composer in Dutch, with suggestions from the user's mail (keyboard: arrow, Enter). axe
 *    finds no WCAG 2.1 A/AA violation in the composer (3 and 9).
 * 10. Local settings, in Dutch: the undo delay and "open e-mail addresses with" are kept (cookies,
 *    shown again after reload); the mailto: handler button answers.
 */
import type { Page } from '@playwright/test';
import { SRV_DOMAIN } from './global-setup.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expect, test } from './fixtures.ts';
import { seedMailbox } from './support/seed-mailbox.ts';
import { signInAsNewUser } from './support/session.ts';

/** The viewer's outbox as the API gives it, with the page's session. */
async function outbox(page: Page): Promise<Array<{ subject: string; state: string; sendAt: string }>> {
  const response = await page.request.post('/api/graphql', {
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
    data: { query: '{ outbox { subject state sendAt } }' },
  });
  const body = (await response.json()) as { data?: { outbox: Array<{ subject: string; state: string; sendAt: string }> } };
  return body.data?.outbox ?? [];
}

async function setUndoSend(page: Page, seconds: number) {
  const url = new URL(page.url());
  await page.context().addCookies([{ name: 'undo-send', value: String(seconds), domain: url.hostname, path: '/' }]);
}

test('compose, attach and send; mailto prefill; undo send', async ({ page, mailStack, mailboxSetup, inbox }) => {
  // Ten steps, several of which wait for mail to travel SMTP → Dovecot → the sync: on a loaded
  // 2-core machine the whole journey takes 45–70 s, over Playwright's 60 s default budget.
  test.setTimeout(150_000);
  const sender = { email: `writer@${SRV_DOMAIN}`, password: 'writer-mail-pw' };
  const recipient = { email: `reader@${SRV_DOMAIN}`, password: 'reader-mail-pw' };
  await mailStack.addUser(sender.email, sender.password);
  await mailStack.addUser(recipient.email, recipient.password);
  await seedMailbox(mailStack, sender.email, sender.password, 1, 1);
  await signInAsNewUser(page, 'writer@acme.test');
  await page.goto('/inbox');
  const composer = page.getByRole('dialog', { name: 'New message' });

  await test.step('1. connect the sender', async () => {
    await mailboxSetup.logIn(sender.email, sender.password);
    await expect(inbox.row('Seeded message 1')).toBeVisible({ timeout: 30_000 });
    await setUndoSend(page, 0);
  });

  await test.step('2. keyboard only: c, recipient, subject, body, attachment, Ctrl+Enter', async () => {
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await page.keyboard.press('c');
    await expect(composer).toBeVisible();
    await expect(composer.getByLabel('To', { exact: true })).toBeFocused();
    await page.keyboard.type(`${recipient.email}, ${sender.email},`);
    // Two chips and the text box's own item.
    await expect(composer.getByRole('list', { name: 'To recipients', exact: true }).getByRole('listitem')).toHaveCount(3);
    // Tab order: Add Cc, Add Bcc, Subject; then the formatting toolbar (one stop), the body.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    await expect(composer.getByLabel('Subject')).toBeFocused();
    await page.keyboard.type('Quarterly offer');
    for (let i = 0; i < 2; i++) await page.keyboard.press('Tab');
    await expect(composer.getByRole('textbox', { name: 'Message' })).toBeFocused();
    await page.keyboard.type('Hello from the composer.');
    await composer.locator('input[type="file"]').setInputFiles({
      name: 'offer.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('price list\n'),
    });
    const attachment = composer.getByRole('list', { name: 'Attachments' }).getByRole('listitem');
    await expect(attachment).toContainText('offer.txt');
    await expect(attachment.getByRole('progressbar')).toHaveCount(0);
    await page.keyboard.press('Control+Enter');
    await expect(composer).toHaveCount(0);
    await expect
      .poll(async () => (await mailStack.readMailbox(recipient.email, recipient.password)).map((m) => m.subject), {
        timeout: 30_000,
      })
      .toContain('Quarterly offer');
    const [received] = (await mailStack.readMailbox(recipient.email, recipient.password)).filter(
      (m) => m.subject === 'Quarterly offer',
    );
    const source = received!.source.toString('utf8');
    expect(source).toContain('offer.txt');
    expect(source).toContain('Hello from the composer.');
  });

  await test.step('3. mailto prefills every field; an invalid address blocks Send', async () => {
    const link = 'mailto:ann@x.test,not-an-address?cc=bob@y.test&bcc=cara@z.test&subject=Hi%20there&body=Line%20one';
    await page.goto(`/compose?mailto=${encodeURIComponent(link)}`);
    await expect(composer).toBeVisible();
    await expect(composer.getByRole('list', { name: 'To recipients', exact: true })).toContainText('ann@x.test');
    await expect(composer.getByRole('list', { name: 'Cc recipients', exact: true })).toContainText('bob@y.test');
    await expect(composer.getByRole('list', { name: 'Bcc recipients', exact: true })).toContainText('cara@z.test');
    await expect(composer.getByLabel('Subject')).toHaveValue('Hi there');
    await expect(composer.getByRole('textbox', { name: 'Message' })).toContainText('Line one');
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(composer.getByRole('alert')).toContainText('Some addresses are not valid');
    await expectNoAxeViolations(page, 'the composer with an invalid address');
    await composer.getByRole('button', { name: 'Remove not-an-address' }).click();
    await composer.getByRole('button', { name: 'Discard' }).click();
    await expect(composer).toHaveCount(0);
  });

  await test.step('4. undo send reopens the composer on a saved draft, also after a reload', async () => {
    await setUndoSend(page, 30);
    await page.getByRole('button', { name: 'New message' }).click();
    await composer.getByLabel('To', { exact: true }).fill(recipient.email);
    await composer.getByLabel('Subject').fill('Second thoughts');
    await composer.locator('input[type="file"]').setInputFiles({
      name: 'draft.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('second thoughts\n'),
    });
    const attached = composer.getByRole('list', { name: 'Attachments' }).getByRole('listitem');
    await expect(attached.getByRole('progressbar')).toHaveCount(0);
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(composer).toHaveCount(0);
    const status = page.getByRole('status').filter({ hasText: 'Sending…' });
    await status.getByRole('button', { name: 'Undo' }).click();
    await expect(composer).toBeVisible();
    await expect(composer.getByLabel('Subject')).toHaveValue('Second thoughts');
    // The queued message used its upload up: the file is uploaded again, ready to send.
    await expect(attached).toContainText('draft.txt');
    await expect(attached.getByRole('progressbar')).toHaveCount(0);
    await expect(attached).not.toContainText('Upload failed');
    // Undo made it a saved draft on the server: it left the outbox, and a reload (or another
    // browser: the URL names the draft) opens the composer with it again, file included.
    await expect.poll(async () => (await outbox(page)).some((m) => m.subject === 'Second thoughts')).toBe(false);
    await page.reload();
    await expect(composer).toBeVisible();
    await expect(composer.getByLabel('Subject')).toHaveValue('Second thoughts');
    await expect(composer.getByRole('list', { name: 'To recipients', exact: true })).toContainText(recipient.email);
    await expect(attached).toContainText('draft.txt');
    await expect(attached.getByRole('progressbar')).toHaveCount(0);
    // Sent after all (no delay now): it arrives with its attachment.
    await setUndoSend(page, 0);
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(composer).toHaveCount(0);
    await expect
      .poll(
        async () =>
          (await mailStack.readMailbox(recipient.email, recipient.password))
            .find((m) => m.subject === 'Second thoughts')
            ?.source.toString('utf8')
            .includes('draft.txt'),
        { timeout: 30_000 },
      )
      .toBe(true);
    // Undone, it never was a cancelled outbox message: the Outbox lists only the one sent.
    await page.getByRole('button', { name: 'Outbox', exact: true }).click();
    await expect(page.getByRole('listitem', { name: 'Second thoughts' })).toHaveCount(1);
    await expect(page.getByRole('listitem', { name: 'Second thoughts' })).not.toContainText('Cancelled');
  });

  await test.step('5. reply: Re: once, quoted, threading headers on the wire', async () => {
    await setUndoSend(page, 0);
    await page.goto('/inbox');
    await inbox.open('Quarterly offer');
    // An address in the reader opens its contact card; its "Write e-mail" opens the composer (the
    // default e-mail client setting).
    await inbox.reader
      .getByRole('button', { name: new RegExp(`^Contact card for .*${escapeRegExp(recipient.email)}`) })
      .first()
      .click();
    await page
      .getByRole('dialog', { name: `Contact card for ${recipient.email}` })
      .getByRole('link', { name: 'Write e-mail' })
      .click();
    await expect(composer.getByRole('list', { name: 'To recipients', exact: true })).toContainText(recipient.email);
    await composer.getByRole('button', { name: 'Discard' }).click();
    await expect(composer).toHaveCount(0);
    const original = (await mailStack.readMailbox(recipient.email, recipient.password)).find(
      (m) => m.subject === 'Quarterly offer',
    )!;
    await page.keyboard.press('r');
    const reply = page.getByRole('dialog', { name: 'Reply' });
    await expect(reply).toBeVisible();
    await expect(reply.getByLabel('Subject')).toHaveValue('Re: Quarterly offer');
    await expect(reply.getByRole('list', { name: 'To recipients', exact: true })).toContainText(recipient.email);
    const body = reply.getByRole('textbox', { name: 'Message' });
    await expect(body).toContainText('wrote:');
    await expect(body.locator('blockquote, p').filter({ hasText: 'Hello from the composer.' }).first()).toBeVisible();
    // The reply starts in the text, above the quote.
    await expect(body).toBeFocused();
    await page.keyboard.type('Thanks!');
    await expect(body.locator('p').first()).toHaveText('Thanks!');
    await page.keyboard.press('Control+Enter');
    await expect(reply).toHaveCount(0);
    await expect
      .poll(async () => (await mailStack.readMailbox(recipient.email, recipient.password)).map((m) => m.subject), {
        timeout: 30_000,
      })
      .toContain('Re: Quarterly offer');
    const answer = (await mailStack.readMailbox(recipient.email, recipient.password)).find(
      (m) => m.subject === 'Re: Quarterly offer',
    )!;
    const headers = answer.source
      .toString('utf8')
      .split(/\r?\n\r?\n/)[0]!
      .replace(/\r?\n[ \t]+/g, ' ');
    expect(headers).toMatch(new RegExp(`^In-Reply-To: ${escapeRegExp(original.messageId)}$`, 'mi'));
    expect(headers).toMatch(new RegExp(`^References: .*${escapeRegExp(original.messageId)}`, 'mi'));
  });

  await test.step('6. forward: Fwd: once, the attachment carried', async () => {
    await page.keyboard.press('f');
    const forward = page.getByRole('dialog', { name: 'Forward' });
    await expect(forward).toBeVisible();
    await expect(forward.getByLabel('Subject')).toHaveValue('Fwd: Quarterly offer');
    await expect(forward).toContainText('offer.txt');
    await expect(forward.getByRole('textbox', { name: 'Message' })).toContainText('Forwarded message');
    await forward.getByLabel('To', { exact: true }).fill(recipient.email);
    await forward.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(forward).toHaveCount(0);
    await expect
      .poll(async () => (await mailStack.readMailbox(recipient.email, recipient.password)).map((m) => m.subject), {
        timeout: 30_000,
      })
      .toContain('Fwd: Quarterly offer');
    const forwarded = (await mailStack.readMailbox(recipient.email, recipient.password)).find(
      (m) => m.subject === 'Fwd: Quarterly offer',
    )!;
    expect(forwarded.source.toString('utf8')).toContain('offer.txt');
  });

  await test.step("7. send later: tomorrow 08:00 in the browser's time zone, queued", async () => {
    await page.getByRole('button', { name: 'New message' }).click();
    await composer.getByLabel('To', { exact: true }).fill(recipient.email);
    await composer.getByLabel('Subject').fill('See you tomorrow');
    await composer.getByRole('button', { name: 'Send later' }).click();
    await composer.getByRole('button', { name: /^Tomorrow / }).click();
    await expect(composer).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'Scheduled for' })).toBeVisible();
    const expected = await page.evaluate(() => {
      const now = new Date();
      return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 8, 0).toISOString();
    });
    await expect
      .poll(async () => {
        const queued = (await outbox(page)).find((m) => m.subject === 'See you tomorrow');
        return queued && { state: queued.state, sendAt: new Date(queued.sendAt).toISOString() };
      })
      .toEqual({ state: 'QUEUED', sendAt: expected });
  });

  await test.step('8. autosave: the draft reaches the Drafts folder on the server; Discard removes it', async () => {
    const drafts = async () => (await mailStack.readMailbox(sender.email, sender.password, 'Drafts')).map((m) => m.subject);
    await page.getByRole('button', { name: 'New message' }).click();
    await composer.getByLabel('To', { exact: true }).fill(recipient.email);
    await composer.getByLabel('Subject').fill('Draft in progress');
    await composer.getByRole('textbox', { name: 'Message' }).focus();
    await page.keyboard.type('Half a thought');
    await expect(composer.getByRole('status').filter({ hasText: 'Draft saved' })).toBeVisible({ timeout: 20_000 });
    await expect.poll(drafts, { timeout: 30_000 }).toContain('Draft in progress');
    // Closed, then taken up again from the Drafts folder: the same draft, its text back.
    await composer.getByRole('button', { name: 'Close' }).click();
    await expect(composer).toHaveCount(0);
    await page
      .getByRole('navigation', { name: 'Folders' })
      .getByRole('button', { name: /^Drafts( |$)/ })
      .click();
    // The Drafts folder shows it once the sync has fetched the server's copy.
    await inbox.row('Draft in progress', 'Drafts').click({ timeout: 30_000 });
    await expect(inbox.subject('Draft in progress')).toBeVisible();
    await inbox.reader.getByRole('button', { name: 'Edit draft' }).click();
    const resumed = page.getByRole('dialog', { name: 'Draft' });
    await expect(resumed.getByLabel('Subject')).toHaveValue('Draft in progress');
    await expect(resumed.getByRole('textbox', { name: 'Message' })).toContainText('Half a thought');
    await expect(resumed.getByRole('list', { name: 'To recipients', exact: true })).toContainText(recipient.email);
    await resumed.getByRole('button', { name: 'Discard' }).click();
    await expect(resumed).toHaveCount(0);
    await expect.poll(drafts, { timeout: 30_000 }).not.toContain('Draft in progress');
  });

  await test.step('9. the composer in Dutch', async () => {
    const url = new URL(page.url());
    await page.context().addCookies([{ name: 'locale', value: 'nl', domain: url.hostname, path: '/' }]);
    await page.goto('/inbox?compose=new');
    const dutch = page.getByRole('dialog', { name: 'Nieuw bericht' });
    await expect(dutch).toBeVisible();
    await expect(dutch.getByLabel('Aan', { exact: true })).toBeFocused();
    await expect(dutch.getByLabel('Onderwerp')).toBeVisible();
    await expect(dutch.getByRole('button', { name: 'Cc toevoegen', exact: true })).toBeVisible();
    await expect(dutch.getByRole('toolbar', { name: 'Opmaak' }).getByRole('button', { name: 'Vet' })).toBeVisible();
    await dutch.getByRole('button', { name: 'Versturen', exact: true }).click();
    await expect(dutch.getByRole('alert')).toHaveText('Voeg minstens één ontvanger toe.');
    // Suggestions from the mail (the seeded message's sender): arrow down, Enter takes one.
    const to = dutch.getByLabel('Aan', { exact: true });
    await to.focus();
    await page.keyboard.type('custo');
    const suggestion = dutch
      .getByRole('listbox', { name: 'Voorgestelde adressen' })
      .getByRole('option', { name: /customer1@example\.net/ });
    await expect(suggestion).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await expect(suggestion).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(dutch.getByRole('list', { name: 'Ontvangers in Aan', exact: true })).toContainText('customer1@example.net');
    await expectNoAxeViolations(page, 'the composer in Dutch');
  });

  await test.step('10. Local settings (Dutch): undo delay and what addresses open, kept in cookies', async () => {
    await page.goto('/settings/local');
    const cookie = async (name: string) => (await page.context().cookies()).find((c) => c.name === name)?.value;
    await page.getByLabel('Verzenden ongedaan maken').selectOption({ label: '20 seconden' });
    await expect.poll(() => cookie('undo-send')).toBe('20');
    await page.getByRole('radio', { name: 'De mail-app van deze computer (mailto:)' }).check();
    await expect.poll(() => cookie('mail-links')).toBe('mailto');
    await page.getByRole('button', { name: 'CRM Inbox de standaard maken voor mailto:-links in de browser' }).click();
    await expect(page.getByRole('status').filter({ hasText: /mailto:-links/ })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Verzenden ongedaan maken')).toHaveValue('20');
    await expect(page.getByRole('radio', { name: 'De mail-app van deze computer (mailto:)' })).toBeChecked();
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
