/*
 * Journey: archiving received mail to the CRM (issue 12), with a colleague watching.
 * 1. Ann has a mail from Piet (a CRM person at Initech, by address) with a PDF attached. Bob, a
 *    colleague in the same organisation, has Initech's page open in his own browser.
 * 2. Ann opens the mail and presses `e`: the archive dialog opens with Piet and Initech chosen
 *    from the suggestions; Archive says "1 message archived to Initech". The reader and the row
 *    then say "Archived to Initech", and that links to Initech's page.
 * 3. Without reloading, Bob's Initech timeline shows the mail; he opens it in the safe reader.
 *    Piet's page shows it too.
 * 4. Ann archives only the PDF, visible to her only: her timeline shows it, Bob's does not — not
 *    on the page, not through the API, not in archive search.
 * 5. Ann removes her mail account: the archived mail still opens, and its .eml is the original
 *    source byte for byte (read back through the API's download URL).
 * 6. Bob unarchives the mail from Initech's timeline: it leaves Ann's page live.
 * (Runs after foundation.spec.ts, which sets the installation up first: playwright.config.ts.)
 */
import type { APIRequestContext } from '@playwright/test';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { SRV_DOMAIN } from './global-setup.ts';
import { expect, test } from './fixtures.ts';
import { appendMessage } from './support/seed-mailbox.ts';
import { signInAsNewUser } from './support/session.ts';

const DOMAIN = 'initech-archive.test';
const SUBJECT = 'Signed quote for Initech';

async function gql<T = Record<string, unknown>>(request: APIRequestContext, query: string, variables = {}): Promise<T> {
  const response = await request.post('/api/graphql', { data: { query, variables } });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

const TIMELINE = `query($t: ArchiveTargetInput!) { archivedDocuments(target: $t, first: 50) { edges { node { id kind subject downloadUrl } } } }`;

test('archive to the suggested person: a colleague sees it live; attachment only, private; survives the account', async ({
  page,
  browser,
  mailStack,
  mailboxSetup,
  inbox,
}) => {
  const mailbox = { email: `archive-ann@${SRV_DOMAIN}`, password: 'archive-mail-pw' };
  await mailStack.addUser(mailbox.email, mailbox.password);
  const pdf = Buffer.from('%PDF-1.4\n% signed quote\n');
  const source = await new MailComposer({
    from: `Piet Initech <piet@${DOMAIN}>`,
    to: mailbox.email,
    subject: SUBJECT,
    text: 'Here is the signed quote, 40 licences.',
    messageId: `<signed-quote@${DOMAIN}>`,
    attachments: [{ filename: 'signed-quote.pdf', content: pdf, contentType: 'application/pdf' }],
  })
    .compile()
    .build();
  await appendMessage(mailStack, mailbox.email, mailbox.password, source);
  await signInAsNewUser(page, 'archive-ann@acme.test');
  const { createCompany: company } = await gql<{ createCompany: { id: string } }>(
    page.request,
    'mutation($i: CreateCompanyInput!) { createCompany(input: $i) { id } }',
    { i: { name: 'Initech', domains: [DOMAIN] } },
  );
  const { createPerson: person } = await gql<{ createPerson: { id: string } }>(
    page.request,
    'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }',
    { i: { name: 'Piet Initech', emails: [`piet@${DOMAIN}`], companyId: company.id } },
  );

  const bobContext = await browser.newContext();
  const bob = await bobContext.newPage();
  await signInAsNewUser(bob, 'archive-bob@acme.test');
  const bobTimeline = bob.getByRole('region', { name: 'Archived e-mail' });

  await test.step('1. Bob has Initech open; its timeline is empty', async () => {
    await bob.goto(`/crm/companies/${company.id}`);
    await expect(bob.getByRole('heading', { name: 'Initech', level: 1 })).toBeVisible();
    await expect(bobTimeline.getByText('No archived e-mail yet.')).toBeVisible();
  });

  const dialog = page.getByRole('dialog', { name: 'Archive to the CRM' });
  await test.step('2. Ann presses e on the mail: Piet and Initech are suggested; Archive', async () => {
    await page.goto('/inbox');
    await mailboxSetup.logIn(mailbox.email, mailbox.password);
    await expect(inbox.row(SUBJECT)).toBeVisible({ timeout: 30_000 });
    await inbox.open(SUBJECT);
    // The source is stored once the body is: "Download .eml" says so (ARCHIVE_SOURCE_NOT_STORED before).
    await expect(inbox.reader.getByRole('link', { name: 'Download .eml' })).toBeVisible();
    await inbox.row(SUBJECT).focus();
    await page.keyboard.press('e');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('combobox', { name: 'Person' })).toHaveValue(person.id);
    await expect(dialog.getByRole('combobox', { name: 'Company' })).toHaveValue(company.id);
    await dialog.getByLabel('Category').fill('Quote');
    await dialog.getByRole('button', { name: 'Archive', exact: true }).click();
    await expect(dialog.getByRole('status')).toHaveText('1 message archived to Initech');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await expect(inbox.reader.getByRole('link', { name: 'Archived to Initech' })).toBeVisible();
    await expect(inbox.list().getByRole('link', { name: 'Archived to Initech' })).toBeVisible();
  });

  await test.step('3. Bob sees it on Initech’s timeline without reloading, and opens it', async () => {
    const item = bobTimeline.getByRole('listitem', { name: SUBJECT });
    await expect(item).toBeVisible();
    await expect(item).toContainText('Quote');
    await item.getByRole('button', { name: 'Open' }).click();
    await expect(item.getByRole('article', { name: `Archived e-mail: ${SUBJECT}` })).toContainText('40 licences');
    await bob.goto(`/crm/persons/${person.id}`);
    await expect(bobTimeline.getByRole('listitem', { name: SUBJECT })).toBeVisible();
  });

  await test.step('4. only the PDF, only for Ann: hidden from Bob in the page, the API and search', async () => {
    await inbox.reader.getByRole('toolbar').getByRole('button', { name: 'Archive to CRM' }).click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole('radio', { name: 'Only me' }).check();
    await dialog.getByRole('radio', { name: 'Only these attachments' }).check();
    await dialog.getByRole('checkbox', { name: 'signed-quote.pdf' }).check();
    await dialog.getByRole('button', { name: 'Archive', exact: true }).click();
    await expect(dialog.getByRole('status')).toHaveText(/^1 attachment archived to (Initech|Piet Initech)$/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.goto(`/crm/persons/${person.id}`);
    const annTimeline = page.getByRole('region', { name: 'Archived e-mail' });
    await expect(annTimeline.getByRole('listitem', { name: 'Attachment: signed-quote.pdf' })).toContainText('Only me');
    await expect(annTimeline.getByRole('listitem')).toHaveCount(2);
    await bob.reload();
    await expect(bobTimeline.getByRole('listitem', { name: SUBJECT })).toHaveCount(1);
    await expect(bobTimeline.getByRole('listitem', { name: 'Attachment: signed-quote.pdf' })).toHaveCount(0);
    const kinds = async (request: APIRequestContext) =>
      (
        await gql<{ archivedDocuments: { edges: Array<{ node: { kind: string } }> } }>(request, TIMELINE, {
          t: { kind: 'PERSON', id: person.id },
        })
      ).archivedDocuments.edges
        .map((e) => e.node.kind)
        .sort();
    expect(await kinds(page.request)).toEqual(['ATTACHMENT', 'MESSAGE']);
    expect(await kinds(bob.request)).toEqual(['MESSAGE']);
    const search = async (request: APIRequestContext) =>
      (
        await gql<{ searchArchive: { nodes: Array<{ kind: string }> } }>(
          request,
          'query($q: String!) { searchArchive(query: $q) { nodes { kind } } }',
          { q: 'signed' },
        )
      ).searchArchive.nodes
        .map((n) => n.kind)
        .sort();
    expect(await search(page.request)).toEqual(['ATTACHMENT', 'MESSAGE']);
    expect(await search(bob.request)).toEqual(['MESSAGE']);
  });

  await test.step('5. the mail account is removed: the archived mail opens, its .eml byte for byte', async () => {
    const { mailAccounts } = await gql<{ mailAccounts: Array<{ id: string }> }>(page.request, '{ mailAccounts { id } }');
    for (const account of mailAccounts)
      await gql(page.request, 'mutation($id: ID!) { removeMailAccount(id: $id) }', { id: account.id });
    const { archivedDocuments } = await gql<{
      archivedDocuments: { edges: Array<{ node: { kind: string; downloadUrl: string } }> };
    }>(page.request, TIMELINE, { t: { kind: 'COMPANY', id: company.id } });
    const message = archivedDocuments.edges.find((e) => e.node.kind === 'MESSAGE')!.node;
    const eml = await page.request.get(message.downloadUrl);
    expect(eml.ok()).toBe(true);
    expect(Buffer.compare(await eml.body(), source)).toBe(0);
    await page.goto(`/crm/companies/${company.id}`);
    const item = page.getByRole('region', { name: 'Archived e-mail' }).getByRole('listitem', { name: SUBJECT });
    await item.getByRole('button', { name: 'Open' }).click();
    await expect(item.getByRole('article', { name: `Archived e-mail: ${SUBJECT}` })).toContainText('40 licences');
  });

  await test.step('6. Bob unarchives it from Initech: it leaves Ann’s open page live', async () => {
    await bob.goto(`/crm/companies/${company.id}`);
    await bobTimeline.getByRole('listitem', { name: SUBJECT }).getByRole('button', { name: 'Unarchive' }).click();
    await expect(bobTimeline.getByText(`“${SUBJECT}” was unarchived.`)).toBeVisible();
    await expect(bobTimeline.getByRole('listitem', { name: SUBJECT })).toHaveCount(0);
    const annTimeline = page.getByRole('region', { name: 'Archived e-mail' });
    await expect(annTimeline.getByRole('listitem', { name: SUBJECT })).toHaveCount(0);
    await expect(annTimeline.getByRole('listitem', { name: 'Attachment: signed-quote.pdf' })).toBeVisible();
  });
  await bobContext.close();
});
