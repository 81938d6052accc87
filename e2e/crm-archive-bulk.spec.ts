/*
 * Journey: bulk archive, and the archive dialog in Dutch (issue 12).
 * 1. A mailbox with 100 messages; the company Umbrella BV is in the CRM (no sender matches it).
 * 2. Select all 100, Archive: the dialog asks for 100 messages; Umbrella is found by searching the
 *    company picker; Archive shows progress and ends with "100 messages archived to Umbrella BV".
 *    Every row then says "Archived to Umbrella BV", and Umbrella's timeline has 20 with
 *    "Load more" for the next 20; the API counts 100.
 * 3. With 40 rows shown, the newest document is unarchived over the API (another tab): the live
 *    update drops it and keeps 40 rows, the older ones "Load more" brought in included.
 * 4. In Dutch: the dialog, its fields and its keyboard (Escape closes it, focus returns to the
 *    Archive button); axe finds no violation in it.
 * (Runs after foundation.spec.ts, which sets the installation up first: playwright.config.ts.)
 */
import { SRV_DOMAIN } from './global-setup.ts';
import { expect, test } from './fixtures.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { seedMailbox } from './support/seed-mailbox.ts';
import { signInAsNewUser } from './support/session.ts';

test('bulk archive of 100 with progress and result; the dialog in Dutch', async ({
  page,
  browser,
  mailStack,
  mailboxSetup,
  inbox,
}) => {
  test.setTimeout(180_000);
  const mailbox = { email: `archive-bulk@${SRV_DOMAIN}`, password: 'archive-bulk-pw' };
  await mailStack.addUser(mailbox.email, mailbox.password);
  await seedMailbox(mailStack, mailbox.email, mailbox.password, 100, 10);
  await signInAsNewUser(page, 'archive-bulk@acme.test');
  const created = await page.request.post('/api/graphql', {
    data: { query: 'mutation { createCompany(input: { name: "Umbrella BV" }) { id } }' },
  });
  const companyId = ((await created.json()) as { data: { createCompany: { id: string } } }).data.createCompany.id;

  await test.step('1. the 100 messages are in the inbox, their sources stored', async () => {
    await page.goto('/inbox');
    await mailboxSetup.logIn(mailbox.email, mailbox.password);
    await expect(inbox.row('Seeded message 100')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('checkbox', { name: 'Select all 100 loaded messages' })).toBeVisible({ timeout: 60_000 });
  });

  const dialog = page.getByRole('dialog', { name: 'Archive 100 messages to the CRM' });
  await test.step('2. select all, Archive to Umbrella BV: progress, then the result line', async () => {
    await page.getByRole('checkbox', { name: 'Select all 100 loaded messages' }).check();
    await page.getByRole('toolbar', { name: 'Selected messages' }).getByRole('button', { name: 'Archive to CRM' }).click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole('searchbox', { name: 'Search companies' }).fill('Umbrel');
    await dialog.getByRole('combobox', { name: 'Company' }).selectOption({ label: 'Umbrella BV' });
    // The bodies (and so the sources) of fresh mail are fetched behind the list: retry until stored.
    await expect(async () => {
      await dialog.getByRole('button', { name: 'Archive', exact: true }).click();
      await expect(dialog.getByRole('status')).toHaveText('100 messages archived to Umbrella BV', { timeout: 5_000 });
    }).toPass({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(inbox.list().getByRole('link', { name: 'Archived to Umbrella BV' }).first()).toBeVisible();
    const total = await page.request.post('/api/graphql', {
      data: {
        query: 'query($t: ArchiveTargetInput!) { archivedDocuments(target: $t, first: 100) { edges { cursor } } }',
        variables: { t: { kind: 'COMPANY', id: companyId } },
      },
    });
    expect(
      ((await total.json()) as { data: { archivedDocuments: { edges: unknown[] } } }).data.archivedDocuments.edges,
    ).toHaveLength(100);
    await page.goto(`/crm/companies/${companyId}`);
    const timeline = page.getByRole('region', { name: 'Archived e-mail' });
    await expect(timeline.getByRole('listitem')).toHaveCount(20);
    await timeline.getByRole('button', { name: 'Load more' }).click();
    await expect(timeline.getByRole('listitem')).toHaveCount(40);
  });

  await test.step('3. a live change keeps the rows "Load more" brought in', async () => {
    const timeline = page.getByRole('region', { name: 'Archived e-mail' });
    const rows = timeline.getByRole('listitem');
    const oldest = (await rows.nth(39).getAttribute('aria-label'))!;
    const newest = await page.request.post('/api/graphql', {
      data: {
        query: 'query($t: ArchiveTargetInput!) { archivedDocuments(target: $t, first: 1) { edges { node { id subject } } } }',
        variables: { t: { kind: 'COMPANY', id: companyId } },
      },
    });
    const [edge] = (
      (await newest.json()) as { data: { archivedDocuments: { edges: Array<{ node: { id: string; subject: string } }> } } }
    ).data.archivedDocuments.edges;
    await expect(rows.first()).toHaveAccessibleName(edge!.node.subject);
    const removed = await page.request.post('/api/graphql', {
      data: {
        query: 'mutation($id: ID!, $t: ArchiveTargetInput) { unarchive(documentId: $id, target: $t) }',
        variables: { id: edge!.node.id, t: { kind: 'COMPANY', id: companyId } },
      },
    });
    expect(((await removed.json()) as { data: { unarchive: boolean } }).data.unarchive).toBe(true);
    await expect(timeline.getByRole('listitem', { name: edge!.node.subject, exact: true })).toHaveCount(0);
    await expect(rows).toHaveCount(40);
    await expect(timeline.getByRole('listitem', { name: oldest, exact: true })).toBeVisible();
  });

  await test.step('4. the dialog in Dutch: labelled fields, Escape closes it and focus returns', async () => {
    const dutch = await browser.newContext({ locale: 'nl-NL', storageState: await page.context().storageState() });
    const nl = await dutch.newPage();
    await nl.goto('/inbox');
    const row = nl.getByRole('list').getByRole('link', { name: /: Seeded message 100, / });
    await row.click();
    const button = nl
      .getByRole('toolbar', { name: 'Acties voor dit bericht' })
      .getByRole('button', { name: 'Archiveren in CRM' });
    await button.click();
    const nlDialog = nl.getByRole('dialog', { name: 'Archiveren in het CRM' });
    await expect(nlDialog).toBeVisible();
    await expect(nlDialog.getByRole('combobox', { name: 'Persoon' })).toBeVisible();
    await expect(nlDialog.getByRole('combobox', { name: 'Bedrijf' })).toBeVisible();
    await expect(nlDialog.getByRole('searchbox', { name: 'Bedrijven zoeken' })).toBeVisible();
    await expect(nlDialog.getByLabel('Categorie')).toBeVisible();
    await expect(nlDialog.getByRole('radio', { name: 'Alleen ik' })).toBeVisible();
    await expect(nlDialog.getByRole('radio', { name: 'Iedereen in mijn organisatie' })).toBeChecked();
    await expectNoAxeViolations(nl, 'the archive dialog in Dutch');
    await nlDialog.getByRole('button', { name: 'Archiveren', exact: true }).click();
    await expect(nlDialog.getByRole('alert')).toHaveText('Kies een persoon, bedrijf, project of verkoop.');
    await nl.keyboard.press('Escape');
    await expect(nlDialog).toBeHidden();
    await expect(button).toBeFocused();
    await dutch.close();
  });
});
