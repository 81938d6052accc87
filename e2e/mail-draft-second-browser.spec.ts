/*
 * Journey: a draft begun in one browser is finished and sent from another (issue 11, "draft
 * autosaved and resumed in a second browser"). Two browser contexts signed in as the same user
 * (two computers, no shared storage); the draft lives in the account's Drafts folder on the test
 * Dovecot, which is read back over IMAP.
 * 1. Browser A connects the mailbox and writes a message; autosave puts it in Drafts on the
 *    server; A closes the composer and looks at its Drafts folder, which lists the draft.
 * 2. Browser B (the same user, signed in separately) opens Drafts, the draft, Edit draft: the
 *    recipient, subject and text are there; B adds a line and sends it.
 * 3. It arrives once (by Message-ID) with B's line; the draft is gone from Drafts on the server,
 *    and from A's list without a reload.
 */
import type { Page } from '@playwright/test';
import { SRV_DOMAIN } from './global-setup.ts';
import { expect, test } from './fixtures.ts';
import { InboxPage } from './pages/inbox-page.ts';
import { countMessageId, outboxOf, setUndoSend } from './support/outbox-api.ts';
import { signInAsNewUser } from './support/session.ts';

const USER = { email: 'drew@acme.test', password: 'drew-password-1' };

async function openDrafts(page: Page) {
  await page
    .getByRole('navigation', { name: 'Folders' })
    .getByRole('button', { name: /^Drafts( |$)/ })
    .click();
}

test('a draft written in browser A is resumed and sent from browser B', async ({
  page,
  browser,
  baseURL,
  mailStack,
  mailboxSetup,
  inbox,
}) => {
  const sender = { email: `drew@${SRV_DOMAIN}`, password: 'drew-mail-pw' };
  const recipient = { email: `gail@${SRV_DOMAIN}`, password: 'gail-mail-pw' };
  const subject = 'Proposal for the spring';
  await mailStack.addUser(sender.email, sender.password);
  await mailStack.addUser(recipient.email, recipient.password);
  const draftsOnServer = async () => (await mailStack.readMailbox(sender.email, sender.password, 'Drafts')).map((m) => m.subject);

  await test.step('1. browser A writes; autosave puts the draft in Drafts on the server', async () => {
    await signInAsNewUser(page, USER.email, USER.password);
    await page.goto('/inbox');
    await mailboxSetup.logIn(sender.email, sender.password);
    await mailboxSetup.expectConnected(sender.email);
    const composer = page.getByRole('dialog', { name: 'New message' });
    await page.getByRole('button', { name: 'New message' }).click();
    await composer.getByLabel('To', { exact: true }).fill(recipient.email);
    await composer.getByLabel('Subject').fill(subject);
    await composer.getByRole('textbox', { name: 'Message' }).focus();
    await page.keyboard.type('Three options, priced.');
    await expect(composer.getByRole('status').filter({ hasText: 'Draft saved' })).toBeVisible({ timeout: 20_000 });
    await expect.poll(draftsOnServer, { timeout: 30_000 }).toContain(subject);
    await composer.getByRole('button', { name: 'Close' }).click();
    await expect(composer).toHaveCount(0);
    await openDrafts(page);
    await expect(inbox.row(subject, 'Drafts')).toBeVisible({ timeout: 30_000 });
  });

  const contextB = await browser.newContext({ baseURL });
  try {
    const pageB = await contextB.newPage();
    const inboxB = new InboxPage(pageB);
    const resumed = pageB.getByRole('dialog', { name: 'Draft' });

    await test.step('2. browser B, the same user: Drafts → Edit draft, the content is there; send', async () => {
      const signedIn = await pageB.request.post('/api/graphql', {
        headers: { 'content-type': 'application/json' },
        data: {
          query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { user { id } } }',
          variables: { e: USER.email, p: USER.password },
        },
      });
      expect(((await signedIn.json()) as { errors?: unknown }).errors).toBeUndefined();
      await pageB.goto('/inbox');
      await setUndoSend(pageB, 0);
      await openDrafts(pageB);
      await inboxB.row(subject, 'Drafts').click({ timeout: 30_000 });
      await expect(inboxB.subject(subject)).toBeVisible();
      await inboxB.reader.getByRole('button', { name: 'Edit draft' }).click();
      await expect(resumed.getByLabel('Subject')).toHaveValue(subject);
      await expect(resumed.getByRole('list', { name: 'To recipients', exact: true })).toContainText(recipient.email);
      const body = resumed.getByRole('textbox', { name: 'Message' });
      await expect(body).toContainText('Three options, priced.');
      await body.click();
      await pageB.keyboard.press('Control+End');
      await pageB.keyboard.press('Enter');
      await pageB.keyboard.type('Sent from my other computer.');
      await resumed.getByRole('button', { name: 'Send', exact: true }).click();
      await expect(resumed).toHaveCount(0);
    });

    await test.step('3. delivered once; the draft is gone on the server and from A’s list', async () => {
      await expect
        .poll(async () => (await outboxOf(pageB)).find((m) => m.subject === subject)?.state, { timeout: 30_000 })
        .toBe('SENT');
      const { messageId } = (await outboxOf(pageB)).find((m) => m.subject === subject)!;
      const received = await mailStack.readMailbox(recipient.email, recipient.password);
      expect(countMessageId(received, messageId)).toBe(1);
      const source = received.find((m) => m.subject === subject)!.source.toString('utf8');
      expect(source).toContain('Three options, priced.');
      expect(source).toContain('Sent from my other computer.');
      await expect.poll(draftsOnServer, { timeout: 30_000 }).not.toContain(subject);
      // A did not reload: its Drafts list hears of it.
      await expect(inbox.row(subject, 'Drafts')).toHaveCount(0, { timeout: 30_000 });
      expect(countMessageId(await mailStack.readMailbox(recipient.email, recipient.password), messageId)).toBe(1);
    });
  } finally {
    await contextB.close();
  }
});
