/*
 * Journey: find a message with the search box over every folder (issue 10, "Search").
 * 1. A mailbox with three messages is connected.
 * 2. The "?" help lists the operators.
 * 3. A query with an unknown operator is refused, naming the token (BAD_USER_INPUT's details).
 * 4. `subject:seeded in:inbox` finds the three, newest first: each shows its folder and the
 *    matched word of the subject is marked (<mark>); the query is in the URL (`q=`).
 * 5. Opening the result opens the reader beside the results; a reload shows both again.
 * 6. A new matching message arrives: it joins the results without searching again.
 */
import { SRV_DOMAIN } from './global-setup.ts';
import { expect, test } from './fixtures.ts';
import { SearchPage } from './pages/search-page.ts';
import { sampleMessage, seedMailbox } from './support/seed-mailbox.ts';
import { signInAsNewUser } from './support/session.ts';

test('search with an operator, see the marked result and its folder, open it', async ({
  page,
  mailStack,
  mailboxSetup,
  inbox,
}) => {
  const mailbox = { email: `find@${SRV_DOMAIN}`, password: 'find-mail-pw' };
  await mailStack.addUser(mailbox.email, mailbox.password);
  await seedMailbox(mailStack, mailbox.email, mailbox.password, 3, 3);
  await signInAsNewUser(page, 'find@acme.test');
  await page.goto('/inbox');
  const search = new SearchPage(page);
  const query = 'subject:seeded in:inbox';

  await test.step('1. connect: three messages', async () => {
    await mailboxSetup.logIn(mailbox.email, mailbox.password);
    await expect(inbox.row('Seeded message 3')).toBeVisible({ timeout: 30_000 });
  });

  await test.step('2. the help lists the operators', async () => {
    await search.openHelp();
    await expect(search.help.getByRole('cell', { name: 'has:attachment is:unread is:flagged' })).toBeVisible();
  });

  await test.step('3. an unknown operator is refused, naming the token', async () => {
    await search.search('colour:blue');
    await expect(page.getByRole('alert').filter({ hasText: 'colour:blue' })).toHaveText(
      '“colour:blue” is not something search knows.',
    );
  });

  await test.step('4. an operator query: the results, their folder, the subject’s word marked', async () => {
    const result = search.result(query, 'Customer 2', 'Seeded message 2', 'Inbox');
    // The extraction worker may not have reached the messages yet (the bar can be gone before
    // it has): searching again runs the search again, until the state is there.
    await expect(async () => {
      await search.search(query);
      await expect(result).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(search.results(query).getByRole('listitem')).toHaveCount(3);
    await expect(result.locator('.search-folder')).toHaveText('in Inbox');
    await expect(result.locator('.subject mark')).toHaveText(['Seeded']);
    expect(search.query()).toBe(query);
  });

  await test.step('5. opening it opens the reader; a reload keeps results and reader', async () => {
    await search.result(query, 'Customer 2', 'Seeded message 2', 'Inbox').click();
    await expect(inbox.subject('Seeded message 2')).toBeVisible();
    expect(inbox.selectedId()).not.toBeNull();
    expect(search.query()).toBe(query);
    await page.reload();
    await expect(inbox.subject('Seeded message 2')).toBeVisible();
    await expect(search.result(query, 'Customer 2', 'Seeded message 2', 'Inbox')).toHaveAttribute('aria-current', 'true');
    await expect(search.box).toHaveValue(query);
  });

  await test.step('6. a new matching message joins the results without searching again', async () => {
    await mailStack.deliver(mailbox.email, sampleMessage(4, mailbox.email, new Date()));
    // Live: new mail, then the extraction worker indexes it; the results follow both events.
    await expect(search.result(query, 'Customer 4', 'Seeded message 4', 'Inbox')).toBeVisible({ timeout: 30_000 });
    await expect(search.results(query).getByRole('listitem')).toHaveCount(4);
  });
});
