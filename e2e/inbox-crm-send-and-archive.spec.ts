/*
 * Journey: Send and archive (issue 12).
 * 1. A salesperson connects her mailbox; the CRM has Piet (his address on the test mail server).
 * 2. She writes to Piet and switches on "Send and archive to the CRM": the archive dialog's picker
 *    shows, Piet pre-selected as the person from the recipient's address; she adds the category
 *    Quote and sends (undo off).
 * 3. Piet's timeline (archivedDocuments over the API, with her session) lists the message with
 *    its category; the archived .eml and the copy Piet received over IMAP are the same bytes but
 *    for the transport headers Dovecot puts on top (Return-Path, Delivered-To, Received).
 * 4. "Send and archive" on with no target blocks Send with a clear message.
 * 5. Its copy in Sent (the same bytes, so marked archived): Reply starts with Send and archive on
 *    and Piet chosen ("Suggest archiving replies and forwards of an archived thread").
 * 6. E-mail options, Archiving: both preferences switched off are kept on the server (reload);
 *    then the reply starts with Send and archive off, and switched on, Piet is offered, not chosen.
 * 7. The search box sends person:"Piet Archief" to the CRM archive: the archived e-mail is listed,
 *    its subject downloads the .eml and Piet's name links to his page; the help names the operators.
 * 8. Piet's contact card (a recipient of the Sent copy) lists it under "Recent archived e-mail";
 *    while it is open, a message sent and archived to Piet over the API joins the list, newest first.
 * 9. A message sent and archived to a company, one of its projects and one of its sales (chosen in
 *    the composer's picker): the three timelines list it, the project's page too.
 * 10. With an undo delay she sends and archives to Piet (chosen by hand: suggestions are off since
 *    6), then clicks Undo: the composer reopens on the saved draft with Send and archive still on,
 *    Piet chosen and the category kept; sent again, it is archived to Piet.
 * axe finds no WCAG 2.1 A/AA violation in the composer (2), E-mail options (6) and the results (7).
 * (Runs after foundation.spec.ts, which sets the installation up first: playwright.config.ts.)
 */
import type { Page } from '@playwright/test';
import { SRV_DOMAIN } from './global-setup.ts';
import { expect, test } from './fixtures.ts';
import { SearchPage } from './pages/search-page.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { seedMailbox } from './support/seed-mailbox.ts';
import { setUndoSend } from './support/outbox-api.ts';
import { signInAsNewUser } from './support/session.ts';

async function api<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await page.request.post('/api/graphql', {
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
    data: { query, variables },
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data;
}

interface TimelineEntry {
  subject: string;
  category: string | null;
  downloadUrl: string;
}

/** The header names a delivery adds above the message (RFC 5321 §4.4 trace fields, Dovecot's Delivered-To). */
const TRANSPORT_HEADERS = /^(return-path|delivered-to|received|x-original-to):/i;

test('send and archive: the sent message is archived to the suggested person, byte for byte', async ({
  page,
  mailStack,
  mailboxSetup,
  inbox,
}) => {
  // Ten steps, several waiting for mail to travel SMTP → Dovecot → the sync and for the archiving.
  test.setTimeout(150_000);
  const sender = { email: `archiver@${SRV_DOMAIN}`, password: 'archiver-mail-pw' };
  const piet = { email: `piet-archive@${SRV_DOMAIN}`, password: 'piet-archive-pw' };
  await mailStack.addUser(sender.email, sender.password);
  await mailStack.addUser(piet.email, piet.password);
  await seedMailbox(mailStack, sender.email, sender.password, 1, 1);
  await signInAsNewUser(page, 'archiver@acme.test');
  await page.goto('/inbox');
  const composer = page.getByRole('dialog', { name: 'New message' });
  let pietId = '';

  await test.step('1. connect the mailbox; Piet is in the CRM', async () => {
    await mailboxSetup.logIn(sender.email, sender.password);
    await expect(inbox.row('Seeded message 1')).toBeVisible({ timeout: 30_000 });
    const url = new URL(page.url());
    await page.context().addCookies([{ name: 'undo-send', value: '0', domain: url.hostname, path: '/' }]);
    const created = await api<{ createPerson: { id: string } }>(
      page,
      'mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }',
      { input: { name: 'Piet Archief', emails: [piet.email] } },
    );
    pietId = created.createPerson.id;
  });

  await test.step('2. Send and archive pre-selects Piet; category Quote; send', async () => {
    await page.getByRole('button', { name: 'New message' }).click();
    await composer.getByLabel('To', { exact: true }).fill(`${piet.email},`);
    await composer.getByLabel('Subject').fill('Offer for Piet');
    await composer.getByRole('textbox', { name: 'Message' }).fill('The offer is 4,200 euros.');
    await composer.getByRole('checkbox', { name: 'Send and archive to the CRM' }).check();
    await expect(composer.getByRole('combobox', { name: 'Person', exact: true })).toHaveValue(pietId);
    await expect(composer.getByRole('combobox', { name: 'Company', exact: true })).toHaveValue('');
    await composer.getByLabel('Category').fill('Quote');
    await expectNoAxeViolations(page, 'the composer with Send and archive');
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(composer).toHaveCount(0);
  });

  await test.step("3. Piet's timeline has it; the .eml is what Piet received, less the transport headers", async () => {
    const timeline = async () =>
      (
        await api<{ archivedDocuments: { edges: Array<{ node: TimelineEntry }> } }>(
          page,
          'query($id: ID!) { archivedDocuments(target: { kind: PERSON, id: $id }) { edges { node { subject category downloadUrl } } } }',
          { id: pietId },
        )
      ).archivedDocuments.edges.map((e) => e.node);
    await expect.poll(async () => (await timeline()).map((d) => d.subject), { timeout: 30_000 }).toEqual(['Offer for Piet']);
    const [document] = await timeline();
    expect(document!.category).toBe('Quote');
    const eml = Buffer.from(await (await page.request.get(document!.downloadUrl)).body());
    await expect
      .poll(async () => (await mailStack.readMailbox(piet.email, piet.password)).map((m) => m.subject), { timeout: 30_000 })
      .toContain('Offer for Piet');
    const [received] = (await mailStack.readMailbox(piet.email, piet.password)).filter((m) => m.subject === 'Offer for Piet');
    const source = received!.source;
    expect(source.length).toBeGreaterThan(eml.length);
    expect(source.subarray(source.length - eml.length).equals(eml), 'the received copy ends with the archived bytes').toBe(true);
    const added = source
      .subarray(0, source.length - eml.length)
      .toString('utf8')
      .split('\r\n')
      .filter((line) => line && !/^[ \t]/.test(line));
    expect(added.length).toBeGreaterThan(0);
    for (const line of added) expect(line).toMatch(TRANSPORT_HEADERS);
  });

  await test.step('4. switched on without a target, Send says what is missing', async () => {
    await page.getByRole('button', { name: 'New message' }).click();
    await composer.getByLabel('To', { exact: true }).fill('nobody-in-crm@elsewhere.test,');
    await composer.getByLabel('Subject').fill('Not archived');
    await composer.getByRole('checkbox', { name: 'Send and archive to the CRM' }).check();
    await expect(composer.getByText('No person or company matches the recipients: search for one below.')).toBeVisible();
    await expect(composer.getByRole('combobox', { name: 'Person', exact: true })).toHaveValue('');
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(composer.getByRole('alert')).toHaveText(
      'Choose a person, company, project or sale to archive to, or switch off Send and archive.',
    );
    await composer.getByRole('button', { name: 'Discard' }).click();
    await expect(composer).toHaveCount(0);
  });

  const nav = page.getByRole('navigation', { name: 'Folders' });
  const replyToSentCopy = async () => {
    await page.goto('/inbox');
    await nav.getByRole('button', { name: /^Sent( |$)/ }).click();
    await expect(inbox.row('Offer for Piet', 'Sent')).toBeVisible({ timeout: 30_000 });
    await inbox.row('Offer for Piet', 'Sent').click();
    await expect(inbox.subject('Offer for Piet')).toBeVisible();
    await inbox.reader.getByRole('button', { name: 'Reply', exact: true }).click();
    const reply = page.getByRole('dialog', { name: 'Reply' });
    await expect(reply).toBeVisible();
    return reply;
  };

  await test.step('5. a reply to the archived message starts with Send and archive to Piet', async () => {
    const reply = await replyToSentCopy();
    await expect(reply.getByRole('checkbox', { name: 'Send and archive to the CRM' })).toBeChecked();
    await expect(reply.getByRole('combobox', { name: 'Person', exact: true })).toHaveValue(pietId);
    await reply.getByRole('button', { name: 'Discard' }).click();
    await expect(reply).toHaveCount(0);
  });

  await test.step('6. both preferences off, kept after a reload; the reply starts without archiving', async () => {
    await page.goto('/settings/email');
    const section = page.getByRole('region', { name: 'Archiving' });
    const replies = section.getByRole('checkbox', { name: 'Suggest archiving replies and forwards of an archived thread' });
    const links = section.getByRole('checkbox', { name: 'Suggest links automatically' });
    await expect(replies).toBeChecked();
    await expect(links).toBeChecked();
    await replies.uncheck();
    await expect(replies).not.toBeChecked();
    await links.uncheck();
    await expect(links).not.toBeChecked();
    await expect
      .poll(
        async () =>
          (
            await api<{ viewer: { settings: Record<string, boolean> } }>(
              page,
              '{ viewer { settings { archiveSuggestReplies archiveAutoSuggest } } }',
            )
          ).viewer.settings,
      )
      .toEqual({ archiveSuggestReplies: false, archiveAutoSuggest: false });
    await page.reload();
    await expect(replies).not.toBeChecked();
    await expect(links).not.toBeChecked();
    await expectNoAxeViolations(page, 'E-mail options with the archive preferences');
    const reply = await replyToSentCopy();
    const toggle = reply.getByRole('checkbox', { name: 'Send and archive to the CRM' });
    await expect(toggle).not.toBeChecked();
    await toggle.check();
    const person = reply.getByRole('combobox', { name: 'Person', exact: true });
    await expect(person.getByRole('option', { name: 'Piet Archief' })).toBeAttached();
    await expect(person).toHaveValue('');
    await reply.getByRole('button', { name: 'Discard' }).click();
  });

  await test.step('7. person: searches the CRM archive', async () => {
    const search = new SearchPage(page);
    await page.goto('/inbox');
    await search.openHelp();
    await expect(search.help.getByText('person:"Piet Jansen" company:acme.nl')).toBeVisible();
    await search.search('person:"Piet Archief"');
    const results = page.getByRole('list', { name: 'Archived e-mails matching person:"Piet Archief"' });
    const download = results.getByRole('link', { name: /Offer for Piet .*\(download \.eml\)$/ });
    await expect(download).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: '1 archived e-mail' })).toBeVisible();
    const eml = await page.request.get((await download.getAttribute('href'))!);
    expect((await eml.body()).toString('utf8')).toContain('Subject: Offer for Piet');
    await expect(results.getByRole('link', { name: 'Piet Archief' })).toHaveAttribute('href', `/crm/persons/${pietId}`);
    await expectNoAxeViolations(page, 'archive search results');
  });

  await test.step("8. Piet's contact card lists the archived e-mail", async () => {
    await page.goto('/inbox');
    await nav.getByRole('button', { name: /^Sent( |$)/ }).click();
    await inbox.row('Offer for Piet', 'Sent').click();
    await expect(inbox.subject('Offer for Piet')).toBeVisible();
    await inbox.reader.getByRole('button', { name: new RegExp(`^Contact card for .*${piet.email}`) }).click();
    const recent = page.getByRole('dialog', { name: `Contact card for ${piet.email}` }).getByRole('region', {
      name: 'Recent archived e-mail',
    });
    await expect(recent.getByRole('listitem')).toHaveCount(1);
    await expect(recent.getByRole('listitem')).toContainText('Offer for Piet');
    await expect(recent.getByRole('link', { name: 'in Piet Archief' })).toHaveAttribute('href', `/crm/persons/${pietId}`);
    const { mailAccounts } = await api<{ mailAccounts: Array<{ id: string }> }>(page, '{ mailAccounts { id } }');
    await api(page, 'mutation($input: ComposeInput!) { sendMessage(input: $input, undoSeconds: 0) { id } }', {
      input: {
        accountId: mailAccounts[0]!.id,
        to: [piet.email],
        cc: [],
        bcc: [],
        subject: 'Signed contract',
        text: 'Attached.',
        archive: { targets: [{ kind: 'PERSON', id: pietId }] },
      },
    });
    await expect(recent.getByRole('listitem')).toHaveCount(2, { timeout: 30_000 });
    await expect(recent.getByRole('listitem').first()).toContainText('Signed contract');
  });

  await test.step("9. archived to a company's project and sale from the composer's picker", async () => {
    const create = async (type: 'Company' | 'Project' | 'Sale', input: Record<string, unknown>) =>
      (
        await api<{ created: { id: string } }>(
          page,
          `mutation($input: Create${type}Input!) { created: create${type}(input: $input) { id } }`,
          { input },
        )
      ).created.id;
    const companyId = await create('Company', { name: 'Archief Bouw BV' });
    const projectId = await create('Project', { name: 'Roof renovation', companyId });
    const saleId = await create('Sale', { name: 'Roof tiles', companyId });
    await page.goto('/inbox');
    await page.getByRole('button', { name: 'New message' }).click();
    await composer.getByLabel('To', { exact: true }).fill(`${piet.email},`);
    await composer.getByLabel('Subject').fill('Roof plan for Piet');
    await composer.getByRole('textbox', { name: 'Message' }).fill('The roof plan.');
    await composer.getByRole('checkbox', { name: 'Send and archive to the CRM' }).check();
    await composer.getByRole('searchbox', { name: 'Search companies' }).fill('Archief Bouw');
    await composer.getByRole('combobox', { name: 'Company', exact: true }).selectOption({ label: 'Archief Bouw BV' });
    await composer.getByRole('combobox', { name: 'Project (optional)' }).selectOption({ label: 'Roof renovation' });
    await composer.getByRole('combobox', { name: 'Sale (optional)' }).selectOption({ label: 'Roof tiles' });
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(composer).toHaveCount(0);
    const subjects = async (kind: string, id: string) =>
      (
        await api<{ archivedDocuments: { edges: Array<{ node: { subject: string } }> } }>(
          page,
          'query($t: ArchiveTargetInput!) { archivedDocuments(target: $t) { edges { node { subject } } } }',
          { t: { kind, id } },
        )
      ).archivedDocuments.edges.map((e) => e.node.subject);
    await expect.poll(() => subjects('PROJECT', projectId), { timeout: 30_000 }).toEqual(['Roof plan for Piet']);
    expect(await subjects('SALE', saleId)).toEqual(['Roof plan for Piet']);
    expect(await subjects('COMPANY', companyId)).toEqual(['Roof plan for Piet']);
    await page.goto(`/crm/projects/${projectId}`);
    const timeline = page.getByRole('region', { name: 'Archived e-mail' });
    await expect(timeline.getByRole('listitem', { name: 'Roof plan for Piet' })).toBeVisible();
  });

  await test.step('10. Undo keeps Send and archive: the reopened composer still archives to Piet', async () => {
    await page.goto('/inbox');
    await setUndoSend(page, 30);
    await page.getByRole('button', { name: 'New message' }).click();
    await composer.getByLabel('To', { exact: true }).fill(`${piet.email},`);
    await composer.getByLabel('Subject').fill('Contract for Piet');
    await composer.getByRole('textbox', { name: 'Message' }).fill('The contract.');
    await composer.getByRole('checkbox', { name: 'Send and archive to the CRM' }).check();
    const person = composer.getByRole('combobox', { name: 'Person', exact: true });
    // Suggestions are offered, not chosen (step 6): she chooses Piet herself.
    await expect(person.getByRole('option', { name: 'Piet Archief' })).toBeAttached();
    await person.selectOption({ label: 'Piet Archief' });
    await composer.getByLabel('Category').fill('Contract');
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(composer).toHaveCount(0);
    await page.getByRole('status').filter({ hasText: 'Sending…' }).getByRole('button', { name: 'Undo' }).click();
    await expect(composer).toBeVisible();
    await expect(composer.getByLabel('Subject')).toHaveValue('Contract for Piet');
    await expect(composer.getByRole('checkbox', { name: 'Send and archive to the CRM' })).toBeChecked();
    await expect(person).toHaveValue(pietId);
    await expect(composer.getByLabel('Category')).toHaveValue('Contract');
    await setUndoSend(page, 0);
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(composer).toHaveCount(0);
    const archived = async () =>
      (
        await api<{ archivedDocuments: { edges: Array<{ node: TimelineEntry }> } }>(
          page,
          'query($id: ID!) { archivedDocuments(target: { kind: PERSON, id: $id }) { edges { node { subject category downloadUrl } } } }',
          { id: pietId },
        )
      ).archivedDocuments.edges.map((e) => `${e.node.subject}: ${e.node.category}`);
    await expect.poll(archived, { timeout: 30_000 }).toContain('Contract for Piet: Contract');
  });
});
