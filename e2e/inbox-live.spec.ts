/*
 * Journey: the inbox fills and stays live (issue "Sync engine").
 * 1. A mailbox with 2,000 messages from the last 20 days is connected: a progress bar shows while it imports.
 * 2. The import finishes: the newest message is at the top, the bar is gone, Inbox shows its unread count.
 * 3. A mail sent through the SMTP server appears at the top without a reload.
 * 4. The list pages to the oldest message (issue 10): the header counts every message, the rows are
 *    virtualized (only those near the window are in the page, each with its place), the next page
 *    loads as the end scrolls into view, and "Load more" works from the keyboard.
 * 5. Mail arriving while the person is scrolled deep lands at the top; no loaded page is lost.
 * 6. The admin console shows the account with its sync state and completeness; the admin widens
 *    the organisation's import window to 60 days.
 */
import nodemailer from 'nodemailer';
import { SRV_DOMAIN } from './global-setup.ts';
import { expect, test } from './fixtures.ts';
import { seedMailbox } from './support/seed-mailbox.ts';
import { ADMIN, signInAsNewUser } from './support/session.ts';

test('import with progress, then new mail arrives live', async ({ page, mailStack, mailboxSetup }) => {
  // Importing 2,000 messages and then paging through all of them outlasts the default minute.
  test.setTimeout(180_000);
  const mailbox = { email: `liv@${SRV_DOMAIN}`, password: 'liv-mail-pw' };
  await mailStack.addUser(mailbox.email, mailbox.password);
  await seedMailbox(mailStack, mailbox.email, mailbox.password, 2000, 20);
  await signInAsNewUser(page, 'liv@acme.test');
  await page.goto('/inbox');
  const sendMail = async (subject: string) => {
    const transport = nodemailer.createTransport({
      host: mailStack.host,
      port: mailStack.ports.smtps,
      secure: true,
      auth: { user: mailbox.email, pass: mailbox.password },
      tls: { ca: [mailStack.certPem], servername: 'localhost' },
    });
    try {
      await transport.sendMail({ from: 'boss@example.net', to: mailbox.email, subject, text: 'See attached.' });
    } finally {
      transport.close();
    }
  };

  await test.step('1. connect: the import shows a progress bar', async () => {
    await mailboxSetup.logIn(mailbox.email, mailbox.password);
    await expect(page.getByRole('progressbar', { name: /Importing mail/ })).toBeVisible({ timeout: 20_000 });
  });

  const list = page.getByRole('list', { name: 'Messages in Inbox' });
  await test.step('2. the import completes: newest first, bar gone, unread count shown', async () => {
    await expect(list.getByRole('listitem').first()).toContainText('Seeded message 2000', { timeout: 60_000 });
    await expect(page.getByRole('progressbar')).toHaveCount(0, { timeout: 60_000 });
    await expect(page.getByRole('navigation', { name: 'Folders' }).getByLabel('2,000 unread')).toBeVisible();
  });

  await test.step('3. new mail delivered over SMTP appears without reload', async () => {
    await sendMail('Live: quarterly numbers');
    await expect(list.getByRole('listitem').first()).toContainText('Live: quarterly numbers', { timeout: 15_000 });
    await expect(page.getByRole('navigation', { name: 'Folders' }).getByLabel('2,001 unread')).toBeVisible();
  });

  // The list is virtualized: only rows near the window are in the page; each knows its place.
  const rows = list.getByRole('listitem');
  const lastPlace = async () => Number(await rows.last().getAttribute('aria-posinset'));
  const oldest = page.getByText('That is the oldest message in Inbox.');
  await test.step('4. page to the oldest message: by keyboard, then by scrolling', async () => {
    await expect(page.getByText('2,001 messages, 2,001 unread')).toBeVisible();
    await expect(rows.first()).toHaveAttribute('aria-setsize', '2001');
    const loadMore = page.getByRole('button', { name: 'Load more' });
    await expect(loadMore).toBeVisible();
    expect(await rows.count()).toBeLessThan(100);
    await loadMore.focus();
    await page.keyboard.press('Enter');
    // The second page is there: the rows at the end of the window are past the first hundred.
    await expect
      .poll(async () => {
        await page.keyboard.press('End');
        return lastPlace();
      })
      .toBeGreaterThan(100);
    // Scrolling towards the end asks for the next page; until the oldest message is there.
    await expect
      .poll(
        async () => {
          // Rows come and go as the window moves, so the page is scrolled, not a row.
          await page.keyboard.press('End');
          return oldest.isVisible();
        },
        { timeout: 60_000 },
      )
      .toBe(true);
    await expect(rows.last()).toContainText('Seeded message 1');
    await expect(rows.last()).toHaveAttribute('aria-posinset', '2001');
    await expect(loadMore).toHaveCount(0);
    // Only the rows near the window are in the page, however many are loaded.
    expect(await rows.count()).toBeLessThan(100);
  });

  await test.step('5. new mail while scrolled to the end: at the top, every loaded page kept', async () => {
    await sendMail('Live: while scrolled');
    await expect(rows.last()).toHaveAttribute('aria-posinset', '2002', { timeout: 15_000 });
    await expect(rows.last()).toContainText('Seeded message 1');
    await expect(oldest).toBeVisible();
    await page.keyboard.press('Home');
    await expect(rows.first()).toContainText('Live: while scrolled');
    await expect(rows.first()).toHaveAttribute('aria-posinset', '1');
  });

  await test.step('6. the admin console: the account with its sync state; the import window widened to 60 days', async () => {
    await page.request.post('/api/graphql', {
      headers: { 'content-type': 'application/json' },
      data: {
        query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { user { id } } }',
        variables: { e: ADMIN.email, p: ADMIN.password },
      },
    });
    await page.goto('/admin');
    const accounts = page.getByRole('table', { name: 'Mail accounts' });
    // Counts are formatted for the page's language (issue 10): 2,001 in English, 2.001 in Dutch.
    await expect(accounts.getByRole('row').filter({ hasText: mailbox.email })).toContainText('2,002 of 2,002 stored', {
      timeout: 40_000,
    });
    const days = page.getByRole('region', { name: 'Download days' });
    await expect(days).toContainText('last 180 days');
    await days.getByLabel('Days for this organisation').fill('60');
    await days.getByRole('button', { name: 'Save' }).first().click();
    await expect(days.getByRole('status')).toHaveText('Saved: older mail is imported if the window grew.');
    await expect(days).toContainText('last 60 days');
  });
});
