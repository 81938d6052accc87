/*
 * Journey: act on a message from the reader and find the result on the mail server (issue 10,
 * "Actions, written back to the mail server"). The server's state is read back over IMAP
 * (imapflow, mailStack.readMailbox): the test's own look, not the app's.
 * 1. A mailbox with three unread messages is connected.
 * 2. Opening a message marks it read: \Seen on the server; the toolbar now offers "Mark unread".
 * 3. Flag: the button is pressed at once, and the message carries \Flagged on the server.
 * 4. Move to… Archive: the reader closes (the URL is back to the folder), the row leaves the
 *    list, a status line says where it went; on the server it is in Archive, not in INBOX.
 * 5. Delete another: it is in Trash on the server; Undo moves it back to INBOX.
 * A second journey: a flag the mail server refuses (its folder was deleted meanwhile by another
 * client) is announced (ACTION_FAILED) in the user's words and rolled back in the reader.
 */
import { SRV_DOMAIN } from './global-setup.ts';
import { expect, test } from './fixtures.ts';
import { sampleMessage, seedMailbox } from './support/seed-mailbox.ts';
import { withImap } from './support/with-imap.ts';
import { signInAsNewUser } from './support/session.ts';

test('mark read on open, flag, move and delete are written back to the mail server', async ({
  page,
  mailStack,
  mailboxSetup,
  inbox,
}) => {
  const mailbox = { email: `act@${SRV_DOMAIN}`, password: 'act-mail-pw' };
  await mailStack.addUser(mailbox.email, mailbox.password);
  await seedMailbox(mailStack, mailbox.email, mailbox.password, 3, 3);
  await signInAsNewUser(page, 'act@acme.test');
  await page.goto('/inbox');
  /** The message's flags on the server, or null when it is not in that folder. */
  const serverFlags = async (subject: string, folder = 'INBOX') => {
    const stored = await mailStack.readMailbox(mailbox.email, mailbox.password, folder);
    return stored.find((m) => m.subject === subject)?.flags ?? null;
  };
  const toolbar = inbox.reader.getByRole('toolbar', { name: 'Message actions' });

  await test.step('1. connect: three unread messages', async () => {
    await mailboxSetup.logIn(mailbox.email, mailbox.password);
    await expect(inbox.row('Seeded message 3')).toBeVisible({ timeout: 30_000 });
    expect(await serverFlags('Seeded message 3')).not.toContain('\\Seen');
  });

  await test.step('2. opening a message marks it read, on the server too', async () => {
    await inbox.open('Seeded message 3');
    await expect(toolbar.getByRole('button', { name: 'Mark unread' })).toBeVisible();
    await expect.poll(() => serverFlags('Seeded message 3'), { timeout: 15_000 }).toContain('\\Seen');
  });

  await test.step('3. flag: pressed at once, \\Flagged on the server', async () => {
    const flag = toolbar.getByRole('button', { name: 'Flag' });
    await expect(flag).toHaveAttribute('aria-pressed', 'false');
    await flag.click();
    await expect(flag).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => serverFlags('Seeded message 3'), { timeout: 15_000 }).toContain('\\Flagged');
  });

  await test.step('4. move to Archive: the reader closes, the row goes, the server has it in Archive', async () => {
    await toolbar.getByRole('button', { name: 'Move to…' }).click();
    await toolbar.getByRole('menu', { name: 'Folders to move to' }).getByRole('menuitem', { name: 'Archive' }).click();
    await expect(inbox.readerPane).toHaveCount(0);
    expect(inbox.selectedId()).toBeNull();
    await expect(page.getByRole('status').filter({ hasText: 'Moved to Archive.' })).toBeVisible();
    await expect(inbox.row('Seeded message 3')).toHaveCount(0);
    await expect.poll(() => serverFlags('Seeded message 3', 'Archive'), { timeout: 15_000 }).toContain('\\Flagged');
    expect(await serverFlags('Seeded message 3')).toBeNull();
  });

  await test.step('5. delete: in Trash on the server; Undo brings it back to INBOX', async () => {
    await inbox.open('Seeded message 2');
    await toolbar.getByRole('button', { name: 'Delete' }).click();
    await expect(inbox.readerPane).toHaveCount(0);
    await expect(inbox.row('Seeded message 2')).toHaveCount(0);
    const status = page.getByRole('status').filter({ hasText: 'Moved to Trash.' });
    await expect(status).toBeVisible();
    await expect.poll(() => serverFlags('Seeded message 2', 'Trash'), { timeout: 15_000 }).not.toBeNull();
    expect(await serverFlags('Seeded message 2')).toBeNull();
    await status.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Undone' })).toBeVisible();
    await expect.poll(() => serverFlags('Seeded message 2'), { timeout: 15_000 }).not.toBeNull();
    await expect(inbox.row('Seeded message 2')).toBeVisible();
    expect(await serverFlags('Seeded message 2', 'Trash')).toBeNull();
  });
});

test('an action the mail server refuses is reported and rolled back', async ({ page, mailStack, mailboxSetup, inbox }) => {
  const mailbox = { email: `actfail@${SRV_DOMAIN}`, password: 'actfail-mail-pw' };
  await mailStack.addUser(mailbox.email, mailbox.password);
  await withImap(mailStack, mailbox.email, mailbox.password, async (client) => {
    await client.mailboxCreate('Projects');
    await client.append('Projects', sampleMessage(7, mailbox.email, new Date()), ['\\Seen']);
  });
  await signInAsNewUser(page, 'actfail@acme.test');
  await page.goto('/inbox');
  await mailboxSetup.logIn(mailbox.email, mailbox.password);
  await page.getByRole('navigation', { name: 'Folders' }).getByRole('button', { name: 'Projects' }).click();
  await expect(inbox.row('Seeded message 7', 'Projects')).toBeVisible({ timeout: 30_000 });
  await inbox.row('Seeded message 7', 'Projects').click();
  const flag = inbox.reader.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: 'Flag' });
  await expect(flag).toHaveAttribute('aria-pressed', 'false');

  // Another client deletes the folder; the app has not noticed yet when the flag is asked for.
  await withImap(mailStack, mailbox.email, mailbox.password, (client) => client.mailboxDelete('Projects'));
  await flag.click();
  await expect(page.getByRole('alert').filter({ hasText: 'The folder no longer exists on the mail server' })).toBeVisible({
    timeout: 15_000,
  });
  await expect(flag).toHaveAttribute('aria-pressed', 'false');
});
