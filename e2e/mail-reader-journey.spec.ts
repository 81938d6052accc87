/*
 * Journey: open mail from the list; the URL keeps what is open (issue 10, "Layout and navigation").
 * 1. A mailbox with three messages is connected: the list shows them, no reader yet.
 * 2. Clicking a row opens the message beside the list (headers, text); the URL names it.
 * 3. Opening another, then the browser's Back: the first is open again, its row marked;
 *    Forward: the second again. A reload keeps it open.
 * 4. On a phone-sized screen only the reader shows; "Back to messages" returns to the list,
 *    and the browser's Back brings the message back.
 * 5. The same user in a Dutch browser: the inbox and the open message speak Dutch (folders with
 *    their Dutch names, the list, the reader's headers and date, the way back).
 */
import { SRV_DOMAIN } from './global-setup.ts';
import { expect, test } from './fixtures.ts';
import { seedMailbox } from './support/seed-mailbox.ts';
import { signInAsNewUser } from './support/session.ts';

test('open a message from the list; back, forward and reload keep the selection', async ({
  page,
  browser,
  mailStack,
  mailboxSetup,
  inbox,
}) => {
  const mailbox = { email: `rea@${SRV_DOMAIN}`, password: 'rea-mail-pw' };
  await mailStack.addUser(mailbox.email, mailbox.password);
  await seedMailbox(mailStack, mailbox.email, mailbox.password, 3, 3);
  await signInAsNewUser(page, 'rea@acme.test');
  await page.goto('/inbox');

  await test.step('1. connect: the list shows the messages, no reader yet', async () => {
    await mailboxSetup.logIn(mailbox.email, mailbox.password);
    await expect(inbox.row('Seeded message 3')).toBeVisible({ timeout: 30_000 });
    await expect(inbox.readerPane).toHaveCount(0);
  });

  let first: string | null = null;
  await test.step('2. a click opens the message beside the list; the URL names it', async () => {
    await inbox.open('Seeded message 3');
    await expect(inbox.reader).toContainText('Hello, this is seeded message number 3.');
    await expect(inbox.reader.getByRole('definition').first()).toHaveText('Customer 3 <customer3@example.net>');
    await expect(inbox.list()).toBeVisible();
    first = inbox.selectedId();
    expect(first).toBeTruthy();
  });

  await test.step('3. another message, then Back, Forward and a reload', async () => {
    await inbox.open('Seeded message 2');
    const second = inbox.selectedId();
    expect(second).not.toBe(first);
    await page.goBack();
    await expect(inbox.subject('Seeded message 3')).toBeVisible();
    await expect(inbox.row('Seeded message 3')).toHaveAttribute('aria-current', 'true');
    expect(inbox.selectedId()).toBe(first);
    await page.goForward();
    await expect(inbox.subject('Seeded message 2')).toBeVisible();
    expect(inbox.selectedId()).toBe(second);
    await page.reload();
    await expect(inbox.subject('Seeded message 2')).toBeVisible();
    await expect(inbox.row('Seeded message 2')).toHaveAttribute('aria-current', 'true');
  });

  await test.step('4. phone-sized: one pane at a time, with a way back', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(inbox.subject('Seeded message 2')).toBeVisible();
    await expect(inbox.list()).toBeHidden();
    await inbox.readerPane.getByRole('button', { name: 'Back to messages' }).click();
    await expect(inbox.list()).toBeVisible();
    await expect(inbox.readerPane).toHaveCount(0);
    expect(inbox.selectedId()).toBeNull();
    await page.goBack();
    await expect(inbox.subject('Seeded message 2')).toBeVisible();
    await expect(inbox.list()).toBeHidden();
  });

  await test.step('5. the same inbox and message in a Dutch browser', async () => {
    const dutchContext = await browser.newContext({ locale: 'nl-NL', storageState: await page.context().storageState() });
    try {
      const dutch = await dutchContext.newPage();
      await dutch.goto(page.url());
      await expect(dutch.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible();
      const folders = dutch.getByRole('navigation', { name: 'Mappen' });
      await expect(folders.getByText('Verzonden', { exact: true })).toBeVisible();
      const list = dutch.getByRole('list', { name: 'Berichten in Inbox' });
      await expect(list.getByRole('link', { name: /: Seeded message 3, / })).toBeVisible();
      const reader = dutch.getByRole('article', { name: 'Bericht' });
      await expect(reader.getByRole('heading', { name: 'Seeded message 2', level: 2 })).toBeVisible();
      await expect(reader.getByRole('term').first()).toHaveText('Van');
      // The date in Dutch words (dateStyle full), whatever the date is.
      await expect(reader.locator('time')).toHaveText(/^(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) \d{1,2} /);
      // The way back shows on a phone only (CSS); on this wide screen it is there, hidden.
      const pane = dutch.getByRole('region', { name: 'Lezer' });
      await expect(pane.getByRole('button', { name: 'Terug naar berichten', includeHidden: true })).toHaveCount(1);
    } finally {
      await dutchContext.close();
    }
  });
});
