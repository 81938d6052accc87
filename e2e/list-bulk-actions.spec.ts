/*
 * Journey: act on several messages at once from the list (issue 10, "multi-select with shift/ctrl
 * and checkboxes", "single and bulk", "undo for move/delete"). The server's state is read back
 * over IMAP (mailStack.readMailbox): the test's own look, not the app's.
 * 1. A mailbox with six unread messages is connected; a second browser shows the same inbox.
 * 2. A checkbox and a Shift+click on another select three rows; "Mark read" shows at once, puts
 *    \Seen on the server for exactly those three, and the second browser sees it without reload.
 * 3. Ctrl/Cmd+click selects two rows; dragging one of them carries both ids, an unselected row
 *    only itself.
 * 4. Move to… is a menu (arrow keys, Escape back to the button; axe finds nothing); Archive: the rows leave, the
 *    server has them in Archive; Undo brings them back to INBOX.
 * 5. Select all, Delete: the inbox is empty, the server has all six in Trash.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator } from '@playwright/test';
import { SRV_DOMAIN } from './global-setup.ts';
import { expect, test } from './fixtures.ts';
import { seedMailbox } from './support/seed-mailbox.ts';
import { signInAsNewUser } from './support/session.ts';

test('select rows with checkbox, shift and ctrl; mark read, move with undo, drag, delete', async ({
  browser,
  page,
  mailStack,
  mailboxSetup,
  inbox,
}) => {
  const mailbox = { email: `bulk@${SRV_DOMAIN}`, password: 'bulk-mail-pw' };
  await mailStack.addUser(mailbox.email, mailbox.password);
  await seedMailbox(mailStack, mailbox.email, mailbox.password, 6, 6);
  await signInAsNewUser(page, 'bulk@acme.test');
  await page.goto('/inbox');
  /** The subjects in a folder on the server, with their flags. */
  const onServer = async (folder = 'INBOX') =>
    (await mailStack.readMailbox(mailbox.email, mailbox.password, folder)).map((m) => ({ subject: m.subject, flags: m.flags }));
  const seenOnServer = async () =>
    (await onServer())
      .filter((m) => m.flags.includes('\\Seen'))
      .map((m) => m.subject)
      .sort();
  const subjectsIn = async (folder: string) => (await onServer(folder)).map((m) => m.subject).sort();
  const check = (subject: string) => page.getByRole('checkbox', { name: `Select ${subject}` });
  const bulk = page.getByRole('toolbar', { name: 'Selected messages' });
  const item = (subject: string): Locator =>
    inbox
      .list()
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: new RegExp(`: ${subject}, `) }) });

  await test.step('1. connect: six unread messages, in two browsers', async () => {
    await mailboxSetup.logIn(mailbox.email, mailbox.password);
    await expect(inbox.row('Seeded message 1')).toBeVisible({ timeout: 30_000 });
  });
  const other = await browser.newContext({ storageState: await page.context().storageState() });
  try {
    const second = await other.newPage();
    await second.goto('/inbox');
    const secondRow = (n: number) =>
      second.getByRole('list', { name: 'Messages in Inbox' }).getByRole('link', { name: new RegExp(`: Seeded message ${n}, `) });
    await expect(secondRow(6)).toHaveAccessibleName(/^Unread, Customer 6: Seeded message 6, /);

    await test.step('2. checkbox + shift-click select three; mark read: at once, on the server, in the other browser', async () => {
      await check('Seeded message 6').check();
      await check('Seeded message 4').click({ modifiers: ['Shift'] });
      await expect(bulk.getByText('3 selected')).toBeVisible();
      await expect(check('Seeded message 5')).toBeChecked();
      await expect(check('Seeded message 3')).not.toBeChecked();
      await bulk.getByRole('button', { name: 'Mark read' }).click();
      for (const n of [6, 5, 4])
        await expect(inbox.row(`Seeded message ${n}`)).toHaveAccessibleName(new RegExp(`^Customer ${n}: Seeded message ${n}, `));
      await expect(inbox.row('Seeded message 3')).toHaveAccessibleName(/^Unread, Customer 3: Seeded message 3, /);
      await expect.poll(seenOnServer, { timeout: 15_000 }).toEqual(['Seeded message 4', 'Seeded message 5', 'Seeded message 6']);
      for (const n of [6, 5, 4])
        await expect(secondRow(n)).toHaveAccessibleName(new RegExp(`^Customer ${n}: Seeded message ${n}, `));
      await expect(secondRow(3)).toHaveAccessibleName(/^Unread, Customer 3: Seeded message 3, /);
      await bulk.getByRole('button', { name: 'Clear selection' }).click();
      await expect(bulk).toHaveCount(0);
    });
  } finally {
    await other.close();
  }

  await test.step('3. ctrl/cmd-click selects without opening; a selected row drags the selection', async () => {
    await inbox.row('Seeded message 2').click({ modifiers: ['ControlOrMeta'] });
    await inbox.row('Seeded message 1').click({ modifiers: ['ControlOrMeta'] });
    await expect(bulk.getByText('2 selected')).toBeVisible();
    expect(inbox.selectedId()).toBeNull();
    const dragged = async (subject: string) => {
      const data = await page.evaluateHandle(() => new DataTransfer());
      await item(subject).dispatchEvent('dragstart', { dataTransfer: data });
      return data.evaluate((d) => ({
        ids: JSON.parse(d.getData('application/x-crm-message-ids') || '[]') as string[],
        text: d.getData('text/plain'),
      }));
    };
    const selected = await dragged('Seeded message 2');
    expect(selected.ids).toHaveLength(2);
    expect(selected.text).toBe('Seeded message 2\nSeeded message 1');
    const single = await dragged('Seeded message 5');
    expect(single.ids).toHaveLength(1);
    expect(selected.ids).not.toContain(single.ids[0]);
    expect(single.text).toBe('Seeded message 5');
  });

  await test.step('4. move the two to Archive through the menu; Undo brings them back', async () => {
    const move = bulk.getByRole('button', { name: 'Move to…' });
    await expect(move).toHaveAttribute('aria-haspopup', 'menu');
    await move.focus();
    await page.keyboard.press('ArrowDown');
    const menu = bulk.getByRole('menu', { name: 'Folders to move to' });
    await expect(menu.getByRole('menuitem').first()).toBeFocused();
    await page.keyboard.press('End');
    await expect(menu.getByRole('menuitem').last()).toBeFocused();
    // The list pane with its checkboxes, bulk toolbar and open menu breaks no axe rule. Except one
    // that predates them: a row link's name (sender: subject) is shorter than its text (snippet,
    // date too); fixing it changes the row's markup every journey finds rows by (left to the lead).
    const axe = await new AxeBuilder({ page }).include('.message-list').disableRules(['label-content-name-mismatch']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(move).toBeFocused();
    await expect(move).toHaveAttribute('aria-expanded', 'false');
    await move.click();
    await menu.getByRole('menuitem', { name: 'Archive' }).click();
    const status = page.getByRole('status').filter({ hasText: '2 messages moved to Archive.' });
    await expect(status).toBeVisible();
    await expect(inbox.row('Seeded message 2')).toHaveCount(0);
    await expect(inbox.row('Seeded message 1')).toHaveCount(0);
    await expect(bulk).toHaveCount(0);
    await expect.poll(() => subjectsIn('Archive'), { timeout: 15_000 }).toEqual(['Seeded message 1', 'Seeded message 2']);
    await status.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Undone: the 2 messages are back.' })).toBeVisible();
    await expect.poll(() => subjectsIn('Archive'), { timeout: 15_000 }).toEqual([]);
    await expect(inbox.row('Seeded message 2')).toBeVisible();
    await expect(inbox.row('Seeded message 1')).toBeVisible();
  });

  await test.step('5. select all and delete: the inbox is empty, all six are in Trash on the server', async () => {
    await page.getByRole('checkbox', { name: 'Select all 6 loaded messages' }).check();
    await expect(bulk.getByText('6 selected')).toBeVisible();
    await bulk.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('status').filter({ hasText: '6 messages moved to Trash.' })).toBeVisible();
    await expect(page.getByText('No messages in Inbox')).toBeVisible();
    await expect.poll(() => subjectsIn('Trash'), { timeout: 15_000 }).toHaveLength(6);
    expect(await subjectsIn('INBOX')).toEqual([]);
  });
});
