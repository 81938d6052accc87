/*
 * Journey: the SMTP server refuses a message for good (issue 11, "a 5xx refusal → error with the
 * server's text, edit and resend"). The account's SMTP is a relay this journey starts, with a
 * policy that refuses one recipient at RCPT: `550 5.7.1 Recipient rejected by policy`. Both
 * recipients are real mailboxes on the test Dovecot, read back over IMAP.
 * 1. A mailbox is connected with More settings: IMAP on the test Dovecot, SMTP on the relay.
 * 2. A message to the refused recipient is sent (no undo delay).
 * 3. The Outbox says it was refused and shows the server's own words; no retry is pending.
 * 4. Edit: the composer reopens with the message; the recipient is replaced; Send.
 * 5. It arrives once at the new recipient (by Message-ID), never at the refused one; the Outbox
 *    holds the one sent message (the refused one went when its edit was accepted).
 */
import { expect, test } from './fixtures.ts';
import { countMessageId, outboxOf, setUndoSend } from './support/outbox-api.ts';
import { signInAsNewUser } from './support/session.ts';

test('5xx refusal: the server’s words in the Outbox; edit the recipient, resend, delivered once', async ({
  page,
  mailStack,
  mailboxSetup,
}) => {
  const sender = { email: 'paul@policy.test', password: 'paul-mail-pw' };
  const refused = { email: 'blocked@policy.test', password: 'blocked-mail-pw' };
  const allowed = { email: 'allowed@policy.test', password: 'allowed-mail-pw' };
  const subject = 'Contract draft';
  for (const user of [sender, refused, allowed]) await mailStack.addUser(user.email, user.password);
  const relay = await mailStack.startSmtpRelay({
    refuseRecipient: (address) =>
      address.toLowerCase() === refused.email ? { code: 550, message: '5.7.1 Recipient rejected by policy' } : undefined,
  });
  try {
    await signInAsNewUser(page, 'paul@acme.test');
    await page.goto('/inbox');
    const composer = page.getByRole('dialog', { name: 'New message' });
    const entry = page.getByRole('listitem', { name: subject });
    const withSubject = async (user: { email: string; password: string }) =>
      (await mailStack.readMailbox(user.email, user.password)).filter((m) => m.subject === subject);

    await test.step('1. connect with the relay as the SMTP server', async () => {
      await mailboxSetup.connectWithPlainServers(sender, { imap: mailStack.ports.imap, smtp: relay.ports.smtp });
      await setUndoSend(page, 0);
    });

    await test.step('2. send to the recipient the server refuses', async () => {
      await page.getByRole('button', { name: 'New message' }).click();
      await composer.getByLabel('To', { exact: true }).fill(refused.email);
      await composer.getByLabel('Subject').fill(subject);
      await composer.getByRole('textbox', { name: 'Message' }).fill('Please find the terms below.');
      await composer.getByRole('button', { name: 'Send', exact: true }).click();
      await expect(composer).toHaveCount(0);
    });

    await test.step('3. the Outbox: refused, in the server’s words', async () => {
      await page.getByRole('button', { name: 'Outbox', exact: true }).click();
      await expect(entry).toContainText('Not sent: the mail server refused it', { timeout: 30_000 });
      await expect(entry).toContainText('550 5.7.1 Recipient rejected by policy');
      await expect(entry.getByRole('button', { name: 'Retry', exact: true })).toBeVisible();
      expect((await outboxOf(page)).filter((m) => m.subject === subject)).toMatchObject([
        { state: 'FAILED', errorCode: 'SEND_REFUSED' },
      ]);
    });

    await test.step('4. Edit: another recipient, Send', async () => {
      await entry.getByRole('button', { name: 'Edit' }).click();
      await expect(composer.getByLabel('Subject')).toHaveValue(subject);
      await expect(composer.getByRole('textbox', { name: 'Message' })).toContainText('Please find the terms below.');
      await composer.getByRole('button', { name: `Remove ${refused.email}` }).click();
      await expect(composer.getByRole('list', { name: 'To recipients', exact: true })).not.toContainText(refused.email);
      await composer.getByLabel('To', { exact: true }).fill(allowed.email);
      await composer.getByRole('button', { name: 'Send', exact: true }).click();
      await expect(composer).toHaveCount(0);
    });

    await test.step('5. delivered once to the new recipient, nothing to the refused one', async () => {
      await expect
        .poll(async () => (await outboxOf(page)).filter((m) => m.subject === subject).map((m) => m.state), {
          timeout: 30_000,
        })
        .toEqual(['SENT']);
      const [sent] = (await outboxOf(page)).filter((m) => m.subject === subject);
      expect(countMessageId(await mailStack.readMailbox(allowed.email, allowed.password), sent!.messageId)).toBe(1);
      expect(await withSubject(allowed)).toHaveLength(1);
      expect(await withSubject(refused)).toHaveLength(0);
      await expect(entry).toHaveCount(1);
      await expect(entry.getByText('Sent', { exact: true })).toBeVisible();
      await expect(entry).not.toContainText('5.7.1');
    });
  } finally {
    await relay.stop();
  }
});
