/*
 * Journey: the inbox by keyboard alone (issue 10, Keyboard), and the mark-read Local setting
 * (issue 10, Actions: "on open / after N seconds / never"). What the mail server holds is read
 * back over IMAP (mailStack.readMailbox): the test's own look, not the app's.
 * 1. A mailbox with four unread messages is connected.
 * 2. j opens the newest message in the reader (its row keeps focus and is current), j the next,
 *    k the previous; opening marks it read on the server (the default: when opened).
 * 3. s flags it (\Flagged on the server); Shift+U marks it unread again (no \Seen on the server).
 * 4. ? opens the shortcut help as a modal dialog; Escape closes it and focus is back on the row.
 * 5. u closes the reader; focus stays on the message's row.
 * 6. j opens the next message, # deletes it: it is in Trash on the server, and focus moves to the
 *    row below instead of falling to the page; Undo (Enter on it) keeps focus in the list too.
 * 7. o opens the focused row; v opens the reader's Move menu with focus on its first folder;
 *    Escape closes the menu; u closes the reader.
 * 8. / puts the cursor in the search box, where letters are typing, not shortcuts.
 * A second journey: with "never" an opened message stays unread; with "after N seconds" it is
 * marked read once the time is up, and not when another message was opened before that. Then
 * E-mail options: the edit form takes focus, and gives it back to Edit when it closes.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { SRV_DOMAIN } from './global-setup.ts';
import { expect, test } from './fixtures.ts';
import type { AttachedMailStack } from './mail-stack/index.ts';
import { seedMailbox } from './support/seed-mailbox.ts';
import { signInAsNewUser } from './support/session.ts';

/** The message's flags on the server, or null when it is not in that folder. */
function serverFlagsOf(stack: AttachedMailStack, mailbox: { email: string; password: string }) {
  return async (subject: string, folder = 'INBOX') => {
    const stored = await stack.readMailbox(mailbox.email, mailbox.password, folder);
    return stored.find((m) => m.subject === subject)?.flags ?? null;
  };
}

const focusIsOnPage = (page: Page) => page.evaluate(() => document.activeElement === document.body);

/** axe's WCAG 2.1 A/AA violations inside one part of the page, readable when they fail. */
async function axeViolations(page: Page, selector: string) {
  const result = await new AxeBuilder({ page })
    .include(selector)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('the inbox by keyboard: j/k, s, Shift+U, ?, u, #, v, /', async ({ page, mailStack, mailboxSetup, inbox }) => {
  const mailbox = { email: `keys@${SRV_DOMAIN}`, password: 'keys-mail-pw' };
  await mailStack.addUser(mailbox.email, mailbox.password);
  await seedMailbox(mailStack, mailbox.email, mailbox.password, 4, 4);
  await signInAsNewUser(page, 'keys@acme.test');
  await page.goto('/inbox');
  const serverFlags = serverFlagsOf(mailStack, mailbox);
  const toolbar = inbox.reader.getByRole('toolbar', { name: 'Message actions' });

  await test.step('1. connect: four unread messages', async () => {
    await mailboxSetup.logIn(mailbox.email, mailbox.password);
    await expect(inbox.row('Seeded message 1')).toBeVisible({ timeout: 30_000 });
    // Start from the page itself, as after a reload: no element has focus.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  });

  await test.step('2. j, j, k walk the messages and open each; opening marks it read', async () => {
    await page.keyboard.press('j');
    await expect(inbox.subject('Seeded message 4')).toBeVisible();
    await expect(inbox.row('Seeded message 4')).toHaveAttribute('aria-current', 'true');
    await expect(inbox.row('Seeded message 4')).toBeFocused();
    await page.keyboard.press('j');
    await expect(inbox.subject('Seeded message 3')).toBeVisible();
    await expect(inbox.row('Seeded message 3')).toBeFocused();
    await page.keyboard.press('k');
    await expect(inbox.subject('Seeded message 4')).toBeVisible();
    await expect(inbox.row('Seeded message 4')).toHaveAttribute('aria-current', 'true');
    await expect.poll(() => serverFlags('Seeded message 4'), { timeout: 15_000 }).toContain('\\Seen');
  });

  await test.step('3. s flags it, Shift+U marks it unread, on the server too', async () => {
    await expect(toolbar.getByRole('button', { name: 'Mark unread' })).toBeVisible();
    await page.keyboard.press('s');
    await expect(toolbar.getByRole('button', { name: 'Flag' })).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => serverFlags('Seeded message 4'), { timeout: 15_000 }).toContain('\\Flagged');
    await page.keyboard.press('Shift+U');
    await expect(toolbar.getByRole('button', { name: 'Mark read' })).toBeVisible();
    await expect.poll(() => serverFlags('Seeded message 4'), { timeout: 15_000 }).not.toContain('\\Seen');
  });

  await test.step('4. ? shows the shortcuts in a dialog; Escape closes it, focus back on the row', async () => {
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toBeVisible();
    await expect(help.getByRole('row', { name: /Back to the list/ })).toBeVisible();
    await expect(help.getByRole('button', { name: 'Close' })).toBeFocused();
    expect(await axeViolations(page, '.shortcut-help')).toEqual([]);
    // The page behind is inert: j does nothing while the dialog is open.
    await page.keyboard.press('j');
    await expect(inbox.subject('Seeded message 4')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
    await expect(inbox.row('Seeded message 4')).toBeFocused();
  });

  await test.step('5. u closes the reader; focus stays on its row', async () => {
    await page.keyboard.press('u');
    await expect(inbox.readerPane).toHaveCount(0);
    expect(inbox.selectedId()).toBeNull();
    await expect(inbox.row('Seeded message 4')).toBeFocused();
  });

  await test.step('6. j then # deletes the next message; focus moves to the row below', async () => {
    await page.keyboard.press('j');
    await expect(inbox.subject('Seeded message 3')).toBeVisible();
    await page.keyboard.press('#');
    await expect(inbox.readerPane).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'Moved to Trash.' })).toBeVisible();
    await expect(inbox.row('Seeded message 3')).toHaveCount(0);
    await expect(inbox.row('Seeded message 2')).toBeFocused();
    expect(await focusIsOnPage(page)).toBe(false);
    await expect.poll(() => serverFlags('Seeded message 3', 'Trash'), { timeout: 15_000 }).not.toBeNull();
    expect(await serverFlags('Seeded message 3')).toBeNull();
  });

  await test.step('6b. Undo from the keyboard: the button goes with its line, focus stays in the inbox', async () => {
    await page.getByRole('status').getByRole('button', { name: 'Undo' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Undone' })).toBeVisible();
    await expect(inbox.row('Seeded message 3')).toBeVisible();
    await expect(page.locator('.message-list a:focus')).toHaveCount(1);
    expect(await focusIsOnPage(page)).toBe(false);
    await expect.poll(() => serverFlags('Seeded message 3'), { timeout: 15_000 }).not.toBeNull();
    await inbox.row('Seeded message 2').focus();
  });

  await test.step('7. o opens the focused row; v opens the Move menu on its first folder', async () => {
    await page.keyboard.press('o');
    await expect(inbox.subject('Seeded message 2')).toBeVisible();
    await page.keyboard.press('v');
    // The reader's Move to… lists folders: menu items (the menu button), or buttons in a list.
    const folders = toolbar
      .getByRole('menuitem')
      .or(toolbar.getByRole('list', { name: 'Folders to move to' }).getByRole('button'));
    await expect(folders.first()).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(folders).toHaveCount(0);
    await page.keyboard.press('u');
    await expect(inbox.readerPane).toHaveCount(0);
    await expect(inbox.row('Seeded message 2')).toBeFocused();
  });

  await test.step('8. / goes to the search box, where j and k are letters', async () => {
    await page.keyboard.press('/');
    const search = page.getByRole('searchbox', { name: 'Search all mail' });
    await expect(search).toBeFocused();
    await page.keyboard.type('jk');
    await expect(search).toHaveValue('jk');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/[?&]q=jk/);
    // Had j opened a message on its way into the box, the reader would be open by now.
    expect(inbox.selectedId()).toBeNull();
    await expect(inbox.readerPane).toHaveCount(0);
  });
});

test('mark read: never leaves an opened message unread; after N seconds marks it once the time is up', async ({
  page,
  mailStack,
  mailboxSetup,
  inbox,
}) => {
  const mailbox = { email: `markread@${SRV_DOMAIN}`, password: 'markread-mail-pw' };
  await mailStack.addUser(mailbox.email, mailbox.password);
  await seedMailbox(mailStack, mailbox.email, mailbox.password, 3, 3);
  await signInAsNewUser(page, 'markread@acme.test');
  const serverFlags = serverFlagsOf(mailStack, mailbox);
  const toolbar = inbox.reader.getByRole('toolbar', { name: 'Message actions' });
  const markRead = page.getByRole('group', { name: 'Mark messages as read' });

  await test.step('1. Local settings: the default is "when opened"; choose "never"', async () => {
    await page.goto('/settings/local');
    await expect(markRead.getByRole('radio', { name: 'When opened' })).toBeChecked();
    expect(await axeViolations(page, '.mark-read-switcher')).toEqual([]);
    await markRead.getByRole('radio', { name: 'Never: I mark them myself' }).check();
    await page.reload();
    await expect(markRead.getByRole('radio', { name: 'Never: I mark them myself' })).toBeChecked();
  });

  await test.step('2. with "never" an opened message stays unread, on the server too', async () => {
    await page.goto('/inbox');
    await mailboxSetup.logIn(mailbox.email, mailbox.password);
    await expect(inbox.row('Seeded message 3')).toBeVisible({ timeout: 30_000 });
    await inbox.open('Seeded message 3');
    // A later action reaching the server proves the reader had long finished opening it.
    const flag = toolbar.getByRole('button', { name: 'Flag' });
    await flag.click();
    await expect.poll(() => serverFlags('Seeded message 3'), { timeout: 15_000 }).toContain('\\Flagged');
    expect(await serverFlags('Seeded message 3')).not.toContain('\\Seen');
    await expect(toolbar.getByRole('button', { name: 'Mark read' })).toBeVisible();
  });

  await test.step('3. "after N seconds": a delay out of range is refused, 2 is kept', async () => {
    await page.goto('/settings/local');
    await markRead.getByRole('radio', { name: 'After a few seconds' }).check();
    const seconds = markRead.getByLabel('Seconds before an opened message is marked read');
    await seconds.fill('99');
    await expect(markRead.getByText('Choose a whole number from 1 to 60.')).toBeVisible();
    await seconds.fill('2');
    await expect(markRead.getByText('Choose a whole number from 1 to 60.')).toHaveCount(0);
    await page.reload();
    await expect(markRead.getByRole('radio', { name: 'After a few seconds' })).toBeChecked();
    await expect(seconds).toHaveValue('2');
  });

  await test.step('4. a message left before its time stays unread; one kept open is marked read', async () => {
    await page.goto('/inbox');
    await inbox.open('Seeded message 2');
    await inbox.open('Seeded message 1');
    // Opened later with the same delay: once it is read on the server, the first one's timer
    // would have fired too, had opening another message not cancelled it.
    await expect.poll(() => serverFlags('Seeded message 1'), { timeout: 20_000 }).toContain('\\Seen');
    await expect(toolbar.getByRole('button', { name: 'Mark unread' })).toBeVisible();
    expect(await serverFlags('Seeded message 2')).not.toContain('\\Seen');
  });

  await test.step('5. E-mail options: Edit focuses the form, Cancel gives focus back to Edit', async () => {
    await page.goto('/settings/email');
    const card = page.getByRole('article', { name: mailbox.email });
    await card.getByRole('button', { name: 'Edit' }).click();
    await expect(card.getByRole('form', { name: `Edit ${mailbox.email}` }).getByLabel('New password')).toBeFocused();
    await card.getByRole('button', { name: 'Cancel' }).click();
    await expect(card.getByRole('button', { name: 'Edit' })).toBeFocused();
  });
});
