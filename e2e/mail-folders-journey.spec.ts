/*
 * Journey: manage folders from the folder pane and move mail into one by drag-and-drop (issue 10,
 * "Folder management on the server", "move (menu and drag-and-drop)"). The server's state is read
 * back over IMAP (imapflow): the test's own look, not the app's.
 * (Runs after foundation.spec.ts on the shared server: playwright.config.ts.) A second
 * journey: the folders of all accounts.
 * 1. A mailbox with two messages is connected; INBOX and the special-use folders have no
 *    "Folder actions".
 * 2. New folder: a name with the hierarchy delimiter is refused beside the field; "Projects" is
 *    created, shows in the pane and exists on the server.
 * 3. Rename it to "Clients" (axe finds nothing wrong in the pane with the form open): the
 *    pane and the server follow.
 * 4. A message dropped on "Clients" (the list's drag contract, application/x-crm-message-ids)
 *    moves there, on the server too; the status line offers Undo. Delete now says the folder
 *    holds 1 message and offers nothing to confirm.
 * 5. Undo: the message is back in INBOX; the folder is empty and is deleted, on the server too.
 */
import AxeBuilder from '@axe-core/playwright';
import { SRV_DOMAIN } from './global-setup.ts';
import { expect, test } from './fixtures.ts';
import { appendMessage, sampleMessage, seedMailbox } from './support/seed-mailbox.ts';
import { signInAsNewUser } from './support/session.ts';
import { withImap } from './support/with-imap.ts';

test('create, rename, drop a message on, and delete a folder, on the mail server too', async ({
  page,
  mailStack,
  mailboxSetup,
  inbox,
}) => {
  const mailbox = { email: `folders@${SRV_DOMAIN}`, password: 'folders-mail-pw' };
  await mailStack.addUser(mailbox.email, mailbox.password);
  await seedMailbox(mailStack, mailbox.email, mailbox.password, 2, 2);
  await signInAsNewUser(page, 'folders@acme.test');
  await page.goto('/inbox');

  const pane = page.getByRole('complementary').filter({ has: page.getByRole('navigation', { name: 'Folders' }) });
  const nav = pane.getByRole('navigation', { name: 'Folders' });
  // A folder's button is named by the folder, then its unread count ("Clients 1 unread").
  const folderName = (name: string) => ({ name: new RegExp(`^${name}( |$)`) });
  const folderButton = (name: string) => nav.getByRole('button', folderName(name));
  // `has` is looked for inside each item: a locator starting from the page, not from nav.
  const folderItem = (name: string) => nav.getByRole('listitem').filter({ has: page.getByRole('button', folderName(name)) });
  const menuOf = async (name: string) => {
    await folderItem(name).getByRole('button', { name: 'Folder actions' }).click();
    return folderItem(name).getByRole('menu');
  };
  const serverFolders = () =>
    withImap(mailStack, mailbox.email, mailbox.password, async (client) => (await client.list()).map((f) => f.path).sort());
  const serverSubjects = async (folder: string) =>
    (await mailStack.readMailbox(mailbox.email, mailbox.password, folder)).map((m) => m.subject);

  await test.step('1. connected; INBOX and the special-use folders have no folder actions', async () => {
    await mailboxSetup.logIn(mailbox.email, mailbox.password);
    await expect(inbox.row('Seeded message 2')).toBeVisible({ timeout: 30_000 });
    for (const name of ['Inbox', 'Trash']) {
      await expect(folderItem(name)).toBeVisible();
      await expect(folderItem(name).getByRole('button', { name: 'Folder actions' })).toHaveCount(0);
    }
  });

  await test.step('2. New folder: a bad name is refused beside the field; "Projects" is created', async () => {
    await pane.getByRole('button', { name: 'New folder' }).click();
    const form = pane.getByRole('form', { name: 'New folder' });
    const name = form.getByLabel('Folder name');
    await name.fill('Q4/2026');
    await form.getByRole('button', { name: 'Create folder' }).click();
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByText('A folder name cannot contain')).toBeVisible();
    await name.fill('Projects');
    await form.getByRole('button', { name: 'Create folder' }).click();
    await expect(form).toHaveCount(0);
    await expect(folderButton('Projects')).toBeVisible({ timeout: 15_000 });
    await expect.poll(serverFolders, { timeout: 15_000 }).toContain('Projects');
  });

  await test.step('3. rename it to "Clients": the pane and the server follow', async () => {
    await (await menuOf('Projects')).getByRole('menuitem', { name: 'Rename' }).click();
    const form = pane.getByRole('form', { name: 'Rename Projects' });
    await expect(form.getByLabel('Folder name')).toHaveValue('Projects');
    // The pane with a menu's form open: no accessibility violations (axe-core).
    const axe = await new AxeBuilder({ page }).include('aside.folders').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await form.getByLabel('Folder name').fill('Clients');
    await form.getByRole('button', { name: 'Rename' }).click();
    await expect(folderButton('Clients')).toBeVisible({ timeout: 15_000 });
    await expect(folderButton('Projects')).toHaveCount(0);
    const folders = await serverFolders();
    expect(folders).toContain('Clients');
    expect(folders).not.toContain('Projects');
  });

  await test.step('4. a message dropped on "Clients" moves there; Delete says it holds 1 message', async () => {
    const href = await inbox.row('Seeded message 2').getAttribute('href');
    const id = new URL(href!, page.url()).searchParams.get('message');
    // Rows may not be draggable yet: the drop carries exactly what they will (the contract type).
    const dataTransfer = await page.evaluateHandle(
      (ids) => {
        const data = new DataTransfer();
        data.setData('application/x-crm-message-ids', JSON.stringify(ids));
        return data;
      },
      [id],
    );
    await folderButton('Clients').dispatchEvent('dragenter', { dataTransfer });
    await folderButton('Clients').dispatchEvent('dragover', { dataTransfer });
    await expect(folderButton('Clients')).toHaveClass(/drop-target/);
    await folderButton('Clients').dispatchEvent('drop', { dataTransfer });
    await expect(page.getByRole('status').filter({ hasText: 'Moved to Clients.' })).toBeVisible();
    await expect(inbox.row('Seeded message 2')).toHaveCount(0);
    await expect.poll(() => serverSubjects('Clients'), { timeout: 15_000 }).toEqual(['Seeded message 2']);
    expect(await serverSubjects('INBOX')).toEqual(['Seeded message 1']);

    // The pane learns the folder's count from the sync; then Delete names it.
    await expect(async () => {
      await (await menuOf('Clients')).getByRole('menuitem', { name: 'Delete' }).click();
      const question = pane.getByRole('alertdialog');
      try {
        await expect(question).toContainText('holds 1 message', { timeout: 1000 });
      } finally {
        await question.getByRole('button', { name: 'Keep it' }).click();
      }
    }).toPass({ timeout: 15_000 });
  });

  await test.step('5. Undo, then the empty folder is deleted, on the server too', async () => {
    await page.getByRole('status').filter({ hasText: 'Moved to Clients.' }).getByRole('button', { name: 'Undo' }).click();
    await expect(inbox.row('Seeded message 2')).toBeVisible({ timeout: 15_000 });
    await expect.poll(() => serverSubjects('INBOX'), { timeout: 15_000 }).toHaveLength(2);
    await expect(async () => {
      await (await menuOf('Clients')).getByRole('menuitem', { name: 'Delete' }).click();
      const question = pane.getByRole('alertdialog');
      await expect(question)
        .toContainText('It is empty', { timeout: 1000 })
        .catch(async (error: unknown) => {
          await question.getByRole('button', { name: 'Keep it' }).click();
          throw error;
        });
    }).toPass({ timeout: 15_000 });
    await pane.getByRole('alertdialog').getByRole('button', { name: 'Delete folder' }).click();
    await expect(folderButton('Clients')).toHaveCount(0, { timeout: 15_000 });
    await expect.poll(serverFolders, { timeout: 15_000 }).not.toContain('Clients');
  });
});

/*
 * The folder pane shows every account of the user (issue 10, "Layout"): a group per account,
 * headed by its address, that can be folded; a folder of another account opens that account.
 */
test('the folders of all accounts, one foldable group each', async ({ page, mailStack, mailboxSetup, inbox }) => {
  const home = { email: `home@${SRV_DOMAIN}`, password: 'home-mail-pw' };
  const work = { email: `work@${SRV_DOMAIN}`, password: 'work-mail-pw' };
  for (const m of [home, work]) await mailStack.addUser(m.email, m.password);
  await appendMessage(mailStack, home.email, home.password, sampleMessage(21, home.email, new Date()));
  await appendMessage(mailStack, work.email, work.password, sampleMessage(22, work.email, new Date()));
  await signInAsNewUser(page, 'two-accounts@acme.test');
  await page.goto('/inbox');
  await mailboxSetup.logIn(home.email, home.password);
  await expect(inbox.row('Seeded message 21')).toBeVisible({ timeout: 30_000 });
  await page.goto('/inbox?setup=new');
  await mailboxSetup.logIn(work.email, work.password);

  const nav = page.getByRole('navigation', { name: 'Folders' });
  const group = (email: string) => nav.getByRole('list', { name: new RegExp(`^${email}`) });
  const toggle = (email: string) => nav.getByRole('button', { name: new RegExp(`^${email}`) });
  await expect(group(home.email)).toBeVisible({ timeout: 30_000 });
  await expect(group(work.email)).toBeVisible({ timeout: 30_000 });

  await group(work.email)
    .getByRole('button', { name: /^Inbox/ })
    .click();
  await expect(inbox.row('Seeded message 22')).toBeVisible({ timeout: 30_000 });
  await expect(group(work.email).getByRole('button', { name: /^Inbox/ })).toHaveAttribute('aria-current', 'true');
  await group(home.email)
    .getByRole('button', { name: /^Inbox/ })
    .click();
  await expect(inbox.row('Seeded message 21')).toBeVisible();
  await expect(group(work.email).getByRole('button', { name: /^Inbox/ })).not.toHaveAttribute('aria-current', 'true');

  await toggle(work.email).click();
  await expect(toggle(work.email)).toHaveAttribute('aria-expanded', 'false');
  await expect(group(work.email)).toHaveCount(0);
  await toggle(work.email).click();
  await expect(group(work.email)).toBeVisible();
});
