/*
 * Journey: the server is killed in the middle of sending (issue 11, "server killed mid-send →
 * never delivered twice"). The journey runs an app of its own (own database, so no other process's
 * sender can take the message; OUTBOX_LEASE_SECONDS=3 so a dead sender's claim runs out in
 * seconds, not the production 2 minutes), and the account's SMTP is a relay that stores the
 * message in the recipient's mailbox and then holds its reply to the end of data.
 * 1. A mailbox is connected with More settings: IMAP on the test Dovecot, SMTP on the relay.
 * 2. A message is sent; the relay has it whole and holds the "250"; the app is SIGKILLed there.
 * 3. The app starts again: the Outbox says the message may have been sent and leaves it to the
 *    person (Send anyway / Edit / Discard); it is never sent again by itself.
 * 4. Proof: a later message is delivered (the sender has gone round since), and the recipient's
 *    INBOX holds the first message once, by Message-ID.
 * 5. Once more with a message to the sender's own address: killed and restarted the same way,
 *    the sync finds it in the account's mail by its Message-ID, so it counts as sent by itself
 *    (the Outbox says Sent, nothing to decide), and its copy is filed in Sent once.
 */
import { expect, test } from './fixtures.ts';
import { countMessageId, outboxOf, setUndoSend } from './support/outbox-api.ts';
import { MailboxSetupPage } from './pages/mailbox-setup-page.ts';
import { startOwnApp } from './support/own-app.ts';
import { signInAsNewUser } from './support/session.ts';

test('killed mid-send: after the restart "may have been sent", never delivered twice', async ({ browser, mailStack }) => {
  test.setTimeout(180_000);
  const sender = { email: 'kim@crash.test', password: 'kim-mail-pw' };
  const recipient = { email: 'lee@crash.test', password: 'lee-mail-pw' };
  const subject = 'Signed order';
  const later = 'After the restart';
  await mailStack.addUser(sender.email, sender.password);
  await mailStack.addUser(recipient.email, recipient.password);
  // Armed for one message at a time: stored in Dovecot, then no reply until the app is gone.
  let holding: (() => void) | undefined;
  const arm = () => new Promise<void>((resolve) => (holding = resolve));
  let held = arm();
  const relay = await mailStack.startSmtpRelay({
    beforeReply: () => {
      if (!holding) return Promise.resolve();
      holding();
      holding = undefined;
      return new Promise(() => {});
    },
  });
  const app = await startOwnApp({ OUTBOX_LEASE_SECONDS: '3' });
  const context = await browser.newContext({ baseURL: app.url });
  try {
    const page = await context.newPage();
    const mailboxSetup = new MailboxSetupPage(page);
    const composer = page.getByRole('dialog', { name: 'New message' });
    const entry = page.getByRole('listitem', { name: subject });
    const inRecipientInbox = async (messageId: string) =>
      countMessageId(await mailStack.readMailbox(recipient.email, recipient.password), messageId);
    const send = async (title: string, to = recipient.email) => {
      await page.getByRole('button', { name: 'New message' }).click();
      await composer.getByLabel('To', { exact: true }).fill(to);
      await composer.getByLabel('Subject').fill(title);
      await composer.getByRole('textbox', { name: 'Message' }).fill(`${title}: see the attached terms.`);
      await composer.getByRole('button', { name: 'Send', exact: true }).click();
      await expect(composer).toHaveCount(0);
    };

    await test.step('1. connect with the relay as the SMTP server', async () => {
      await signInAsNewUser(page, 'kim@acme.test');
      await page.goto('/inbox');
      await mailboxSetup.connectWithPlainServers(sender, { imap: mailStack.ports.imap, smtp: relay.ports.smtp });
      await setUndoSend(page, 0);
    });

    await test.step('2. sent; the relay holds its reply; the app is killed', async () => {
      await send(subject);
      await held;
      expect((await outboxOf(page)).find((m) => m.subject === subject)?.state).toBe('SENDING');
      await app.kill();
    });

    await test.step('3. restarted: "may have been sent", for the person to decide', async () => {
      await app.start();
      await page.goto('/inbox');
      await page.getByRole('button', { name: 'Outbox', exact: true }).click();
      await expect(entry).toContainText('May have been sent: the connection broke after the message was handed over.', {
        timeout: 30_000,
      });
      await expect(entry.getByRole('button', { name: 'Send anyway' })).toBeVisible();
      await expect(entry.getByRole('button', { name: 'Edit' })).toBeVisible();
      await expect(entry.getByRole('button', { name: 'Discard' })).toBeVisible();
      expect((await outboxOf(page)).find((m) => m.subject === subject)).toMatchObject({
        state: 'UNCERTAIN',
        errorCode: 'SEND_UNCERTAIN',
      });
    });

    await test.step('4. a later message goes through; the first is in the INBOX once', async () => {
      await send(later);
      await expect
        .poll(async () => (await outboxOf(page)).find((m) => m.subject === later)?.state, { timeout: 30_000 })
        .toBe('SENT');
      const outbox = await outboxOf(page);
      expect(await inRecipientInbox(outbox.find((m) => m.subject === later)!.messageId)).toBe(1);
      expect(await inRecipientInbox(outbox.find((m) => m.subject === subject)!.messageId)).toBe(1);
      expect(outbox.find((m) => m.subject === subject)?.state).toBe('UNCERTAIN');
      await expect(entry.getByRole('button', { name: 'Send anyway' })).toBeVisible();
    });

    await test.step('5. to her own address: found in her mail after the restart, so Sent', async () => {
      const toSelf = 'Copy for my records';
      const own = page.getByRole('listitem', { name: toSelf });
      held = arm();
      await send(toSelf, sender.email);
      await held;
      await app.kill();
      await app.start();
      await page.goto('/inbox');
      await page.getByRole('button', { name: 'Outbox', exact: true }).click();
      await expect(own.getByText('Sent', { exact: true })).toBeVisible({ timeout: 60_000 });
      await expect(own.getByRole('button', { name: 'Send anyway' })).toHaveCount(0);
      const { messageId } = (await outboxOf(page)).find((m) => m.subject === toSelf)!;
      expect(countMessageId(await mailStack.readMailbox(sender.email, sender.password), messageId)).toBe(1);
      await expect
        .poll(async () => countMessageId(await mailStack.readMailbox(sender.email, sender.password, 'Sent'), messageId), {
          timeout: 30_000,
        })
        .toBe(1);
    });
  } catch (error) {
    throw new Error(`${String(error)}\n--- own app output ---\n${app.output().slice(-4000)}`, { cause: error });
  } finally {
    await context.close();
    await app.close();
    await relay.stop();
  }
});
