/*
 * Journey: the account's SMTP server is down when a message is sent (issue 11, "SMTP down → error
 * shown, message kept, retried when SMTP is back → delivered exactly once"). The account's SMTP is
 * a relay this journey starts and stops (mailStack.startSmtpRelay), delivering into the test
 * Dovecot, where what arrived is read back over IMAP and counted by Message-ID.
 * 1. A mailbox is connected with More settings: IMAP on the test Dovecot, SMTP on the relay.
 * 2. The relay stops listening; a message is written and sent (no undo delay).
 * 3. The Outbox keeps it and says it is being retried, with the reason; nothing has arrived.
 * 4. The relay listens again; "Retry now" (the backoff would wait up to 30 s more): the message
 *    arrives exactly once, the Outbox says Sent and offers no retry, and the account's Sent folder
 *    holds the one copy.
 */
import { SRV_DOMAIN } from './global-setup.ts';
import { expect, test } from './fixtures.ts';
import { countMessageId, outboxOf, setUndoSend } from './support/outbox-api.ts';
import { signInAsNewUser } from './support/session.ts';

test('SMTP down: kept and retrying in the Outbox; back up, delivered exactly once', async ({ page, mailStack, mailboxSetup }) => {
  // A domain without SRV records or autoconfig: the servers are entered by hand.
  const sender = { email: 'dana@outage.test', password: 'dana-mail-pw' };
  const recipient = { email: `rob@${SRV_DOMAIN}`, password: 'rob-mail-pw' };
  const subject = 'Offer while the server is down';
  await mailStack.addUser(sender.email, sender.password);
  await mailStack.addUser(recipient.email, recipient.password);
  const relay = await mailStack.startSmtpRelay();
  try {
    await signInAsNewUser(page, 'dana@acme.test');
    await page.goto('/inbox');
    const composer = page.getByRole('dialog', { name: 'New message' });
    const entry = page.getByRole('listitem', { name: subject });
    const delivered = async () =>
      countMessageId(
        await mailStack.readMailbox(recipient.email, recipient.password),
        (await outboxOf(page)).find((m) => m.subject === subject)!.messageId,
      );

    await test.step('1. connect with the relay as the SMTP server', async () => {
      await mailboxSetup.connectWithPlainServers(sender, { imap: mailStack.ports.imap, smtp: relay.ports.smtp });
      await setUndoSend(page, 0);
    });

    await test.step('2. the SMTP server goes away; the message is sent', async () => {
      await relay.stop();
      await page.getByRole('button', { name: 'New message' }).click();
      await composer.getByLabel('To', { exact: true }).fill(recipient.email);
      await composer.getByLabel('Subject').fill(subject);
      await composer.getByRole('textbox', { name: 'Message' }).fill('Our prices for next year.');
      await composer.getByRole('button', { name: 'Send', exact: true }).click();
      await expect(composer).toHaveCount(0);
    });

    await test.step('3. the Outbox keeps it, retrying, with the reason; nothing arrived', async () => {
      await page.getByRole('button', { name: 'Outbox', exact: true }).click();
      await expect(entry).toContainText('Not sent yet: the mail server could not be reached or asked to try later. Next try');
      // The reason as the connection reported it (no SMTP server answered, so no server's words).
      await expect(entry).toContainText('ECONNREFUSED');
      await expect(entry.getByRole('button', { name: 'Retry now' })).toBeVisible();
      expect((await outboxOf(page)).find((m) => m.subject === subject)).toMatchObject({
        state: 'QUEUED',
        errorCode: 'SEND_RETRYING',
      });
      expect(await delivered()).toBe(0);
    });

    await test.step('4. the server is back; Retry now: delivered once, Sent, filed in Sent', async () => {
      await relay.start();
      await entry.getByRole('button', { name: 'Retry now' }).click();
      await expect(entry.getByText('Sent', { exact: true })).toBeVisible({ timeout: 30_000 });
      await expect(entry.getByRole('button', { name: /Retry/ })).toHaveCount(0);
      await expect(entry).not.toContainText('ECONNREFUSED');
      await expect.poll(delivered, { timeout: 30_000 }).toBe(1);
      const { messageId } = (await outboxOf(page)).find((m) => m.subject === subject)!;
      await expect
        .poll(async () => countMessageId(await mailStack.readMailbox(sender.email, sender.password, 'Sent'), messageId), {
          timeout: 30_000,
        })
        .toBe(1);
      // The copy in Sent came after acceptance, so the sender has moved on: still the one delivery.
      expect(await delivered()).toBe(1);
    });
  } finally {
    await relay.stop();
  }
});
