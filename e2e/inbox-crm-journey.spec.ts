/*
 * Journey: the CRM core and the sender card (issue 12).
 * 1. From the navigator's CRM, a salesperson adds the company Globex Trading with its e-mail
 *    domain; its page says it was added and has focus on its heading.
 * 2. They add Hanna, with an address and Globex as her company.
 * 3. The lists find Hanna by part of her address and Globex by its domain.
 * 4. A mail from an unknown sender at Globex's domain arrives. Clicking the sender opens the card:
 *    not in the CRM yet, the company matched by domain; "Add to CRM" adds Piet, linked to Globex,
 *    and the card then shows him. Opened again (by keyboard), it shows him at once.
 * 4b. The composer's To suggests Hanna (a CRM person, never written to) by her name.
 * 4c. A mouse resting on the sender shows the card (no focus taken); it stays while the pointer is
 *     over it, and goes when the pointer leaves or on Escape; a click opens it as before.
 * 5. Piet's page shows his company; Globex's page lists him and Hanna, and a project and a sale
 *    added for it (the amount in euros). Deleting Hanna returns to the list, which says so.
 * 5b. A long list shows 25 and "Load more" shows the rest.
 * 6. The same person page in Dutch.
 * 7. On a phone-sized screen the list, a record and the new-record form fit without sideways
 *    scrolling. axe finds no WCAG 2.1 A/AA violation on the pages and the card along the way.
 * (Runs after foundation.spec.ts, which sets the installation up first: playwright.config.ts.)
 */
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { SRV_DOMAIN } from './global-setup.ts';
import { expect, test } from './fixtures.ts';
import { CrmPages } from './pages/crm-pages.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { appendMessage } from './support/seed-mailbox.ts';
import { signInAsNewUser } from './support/session.ts';

const DOMAIN = 'globex-crm.test';
const SENDER = `piet@${DOMAIN}`;

test('CRM: company by domain, person, search; the sender card adds an unknown sender; Dutch', async ({
  page,
  mailStack,
  mailboxSetup,
  inbox,
}) => {
  const crm = new CrmPages(page);
  const mailbox = { email: `crm-reader@${SRV_DOMAIN}`, password: 'crm-mail-pw' };
  await mailStack.addUser(mailbox.email, mailbox.password);
  const mail = await new MailComposer({
    from: `Piet Pieters <${SENDER}>`,
    to: mailbox.email,
    subject: 'Quote for 40 licences',
    text: 'Could you send us a quote?',
  })
    .compile()
    .build();
  await appendMessage(mailStack, mailbox.email, mailbox.password, mail);
  await signInAsNewUser(page, 'crm-seller@acme.test');

  await test.step('1. add the company Globex Trading with its domain', async () => {
    await page.goto('/inbox');
    await crm.navButton.click();
    await expect(page).toHaveTitle('Persons · CRM Inbox');
    await crm.tab('Companies').click();
    await expect(crm.heading('Companies')).toBeVisible();
    await crm.create('New company', {
      Name: 'Globex Trading',
      'E-mail domains': `@${DOMAIN.toUpperCase()}`,
      Phone: '+31 20 555 0100',
    });
    await expect(crm.heading('Globex Trading')).toBeFocused();
    await expect(page.getByRole('status')).toHaveText('Globex Trading was added.');
    await expect(crm.fact('E-mail domains')).toHaveText(DOMAIN);
    await expectNoAxeViolations(page, 'a company page');
  });

  await test.step('2. add Hanna, at Globex', async () => {
    await crm.tab('Persons').click();
    await crm.create(
      'New person',
      { Name: 'Hanna Known', 'E-mail addresses': `Hanna@${DOMAIN}`, 'Job title': 'Buyer' },
      { Company: 'Globex Trading' },
    );
    await expect(crm.heading('Hanna Known')).toBeFocused();
    await expect(crm.fact('Company')).toHaveText('Globex Trading');
    await expect(crm.fact('E-mail addresses')).toHaveText(`hanna@${DOMAIN}`);
  });

  await test.step('3. search finds Hanna by address, Globex by domain', async () => {
    await crm.tab('Persons').click();
    await page.getByRole('searchbox', { name: 'Search persons' }).fill('HANNA@GLOBEX');
    await expect(crm.list('Persons').getByRole('link')).toHaveText([/Hanna Known/]);
    await page.getByRole('searchbox', { name: 'Search persons' }).fill('nobody-by-that-name');
    await expect(page.getByText('No persons match “nobody-by-that-name”.')).toBeVisible();
    await crm.tab('Companies').click();
    await page.getByRole('searchbox', { name: 'Search companies' }).fill('x-crm.te');
    await expect(crm.list('Companies').getByRole('link')).toHaveText([/Globex Trading/]);
    await expectNoAxeViolations(page, 'the companies list');
  });

  const card = page.getByRole('dialog', { name: `Contact card for ${SENDER}` });
  await test.step('4. the unknown sender: Add to CRM links the company matched by domain', async () => {
    await page.goto('/inbox');
    await mailboxSetup.logIn(mailbox.email, mailbox.password);
    await expect(inbox.row('Quote for 40 licences')).toBeVisible({ timeout: 30_000 });
    await inbox.open('Quote for 40 licences');
    const from = inbox.reader.getByRole('button', { name: `Contact card for Piet Pieters <${SENDER}>` });
    await from.click();
    await expect(card.getByText(`${SENDER} is not in the CRM yet.`)).toBeVisible();
    await expect(card.getByText(`Will be linked to Globex Trading (matched by the domain ${DOMAIN}).`)).toBeVisible();
    await expect(card.getByRole('link', { name: 'Write e-mail' })).toHaveAttribute('href', `mailto:${SENDER}`);
    await expectNoAxeViolations(page, 'the sender card of an unknown sender');
    await card.getByRole('button', { name: 'Add to CRM' }).click();
    await expect(card.getByRole('status')).toHaveText('Piet Pieters was added to the CRM.');
    await expect(card.getByRole('link', { name: 'Open Piet Pieters in the CRM' })).toBeFocused();
    await expect(card.getByRole('link', { name: 'Globex Trading' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(card).toHaveCount(0);
    await expect(from).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(card.getByRole('link', { name: 'Open Piet Pieters in the CRM' })).toBeVisible();
    await expect(card.getByRole('button', { name: 'Add to CRM' })).toHaveCount(0);
    await expectNoAxeViolations(page, 'the sender card of a known sender');
  });

  await test.step('4b. the composer suggests Hanna from the CRM, though no mail was ever exchanged with her', async () => {
    await page.goto('/inbox?compose=new');
    const composer = page.getByRole('dialog', { name: 'New message' });
    await expect(composer.getByLabel('To', { exact: true })).toBeFocused();
    await page.keyboard.type('hanna');
    const suggestion = composer
      .getByRole('listbox', { name: 'Suggested addresses' })
      .getByRole('option', { name: new RegExp(`Hanna Known.*hanna@${DOMAIN.replace(/\./g, '\\.')}`) });
    await expect(suggestion).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(composer.getByRole('list', { name: 'To recipients', exact: true })).toContainText(`hanna@${DOMAIN}`);
    await composer.getByRole('button', { name: 'Discard' }).click();
    await expect(composer).toHaveCount(0);
    // Back to where step 5 starts: Piet's card open over his message.
    await inbox.open('Quote for 40 licences');
    await inbox.reader.getByRole('button', { name: `Contact card for Piet Pieters <${SENDER}>` }).click();
    await expect(card.getByRole('link', { name: 'Open Piet Pieters in the CRM' })).toBeVisible();
  });

  await test.step('4c. a mouse resting on the address shows the card; it stays over the card, leaves with the pointer or Escape', async () => {
    await page.keyboard.press('Escape');
    await expect(card).toHaveCount(0);
    const from = inbox.reader.getByRole('button', { name: `Contact card for Piet Pieters <${SENDER}>` });
    await page.mouse.move(0, 0);
    await from.hover();
    await expect(card.getByRole('link', { name: 'Open Piet Pieters in the CRM' })).toBeVisible();
    // Focus stays where it was (on the address, given back when the modal card closed).
    await expect(from).toBeFocused();
    await card.getByRole('link', { name: 'Globex Trading' }).hover();
    await expect(card).toBeVisible();
    await page.mouse.move(0, 0);
    await expect(card).toHaveCount(0);
    await from.hover();
    await expect(card).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(card).toHaveCount(0);
    // A click opens the card as before (the state step 5 starts from).
    await from.click();
    await expect(card.getByRole('link', { name: 'Open Piet Pieters in the CRM' })).toBeVisible();
  });

  await test.step("5. Piet's page shows Globex; Globex lists both; deleting Hanna says so", async () => {
    await card.getByRole('link', { name: 'Open Piet Pieters in the CRM' }).click();
    await expect(crm.heading('Piet Pieters')).toBeVisible();
    await expect(page).toHaveTitle('Person · CRM Inbox');
    await expect(crm.fact('E-mail addresses')).toHaveText(SENDER);
    await crm.fact('Company').getByRole('link', { name: 'Globex Trading' }).click();
    await expect(crm.heading('Globex Trading')).toBeVisible();
    const persons = page.getByRole('region', { name: 'Persons at this company' });
    await expect(persons.getByRole('link')).toHaveText([/Hanna Known/, /Piet Pieters/]);
    await test.step('a project and a sale of Globex show on its page, the amount in euros', async () => {
      await crm.tab('Sales').click();
      await crm.create('New sale', { Name: '40 licences', Amount: '1234.50' }, { Company: 'Globex Trading', Status: 'Won' });
      await expect(crm.heading('40 licences')).toBeFocused();
      await expect(crm.fact('Amount')).toHaveText('€1,234.50');
      await expect(crm.fact('Status')).toHaveText('Won');
      await crm.tab('Projects').click();
      await crm.create('New project', { Name: 'Roll-out' }, { Company: 'Globex Trading' });
      await expect(crm.fact('Status')).toHaveText('Active');
      await crm.fact('Company').getByRole('link', { name: 'Globex Trading' }).click();
      await expect(page.getByRole('region', { name: 'Sales' }).getByRole('link')).toHaveText([/40 licences.*Won.*€1,234\.50/]);
      await expect(page.getByRole('region', { name: 'Projects' }).getByRole('link')).toHaveText([/Roll-out.*Active/]);
    });
    await persons.getByRole('link', { name: /Hanna Known/ }).click();
    await expect(crm.heading('Hanna Known')).toBeVisible();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('group').getByRole('button', { name: 'Delete' }).click();
    await expect(crm.heading('Persons')).toBeFocused();
    await expect(page.getByRole('status')).toHaveText('Hanna Known was deleted.');
    await expect(crm.list('Persons').getByRole('link', { name: /Hanna Known/ })).toHaveCount(0);
    await expect(crm.list('Persons').getByRole('link', { name: /Piet Pieters/ })).toBeVisible();
  });

  await test.step('5b. a long list shows 25 and loads the rest on request', async () => {
    for (let i = 1; i <= 30; i++) {
      const response = await page.request.post('/api/graphql', {
        data: { query: 'mutation($n: String!) { createSale(input: { name: $n }) { id } }', variables: { n: `Bulk sale ${i}` } },
      });
      expect((await response.json()).errors).toBeUndefined();
    }
    await crm.tab('Sales').click();
    await page.getByRole('searchbox', { name: 'Search sales' }).fill('bulk sale');
    const rows = crm.list('Sales').getByRole('link');
    await expect(rows).toHaveCount(25);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect(rows).toHaveCount(30);
    await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);
    await crm.tab('Persons').click();
  });

  await test.step('6. the same person page in Dutch', async () => {
    await crm
      .list('Persons')
      .getByRole('link', { name: /Piet Pieters/ })
      .click();
    await expect(crm.heading('Piet Pieters')).toBeVisible();
    await page.context().addCookies([{ name: 'locale', value: 'nl', url: page.url() }]);
    await page.reload();
    await expect(page).toHaveTitle('Persoon · CRM Inbox');
    await expect(page.getByRole('navigation', { name: 'CRM-onderdelen' }).getByRole('link', { name: 'Personen' })).toBeVisible();
    await expect(page.locator('.crm-facts dt', { hasText: 'Bedrijf' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Bewerken' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Terug naar Personen' })).toBeVisible();
    await expectNoAxeViolations(page, 'a person page in Dutch');
    await page.context().addCookies([{ name: 'locale', value: 'en', url: page.url() }]);
  });

  await test.step('7. phone-sized: list, record and form fit the screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    for (const [path, heading] of [
      ['/crm/persons', 'Persons'],
      ['/crm/companies/new', 'New company'],
    ] as const) {
      await page.goto(path);
      await expect(crm.heading(heading)).toBeVisible();
      expect(await fits(), `${path} fits a phone`).toBe(true);
      await expectNoAxeViolations(page, `${path} on a phone`);
    }
    await crm.tab('Persons').click();
    await crm
      .list('Persons')
      .getByRole('link', { name: /Piet Pieters/ })
      .click();
    await expect(crm.heading('Piet Pieters')).toBeVisible();
    expect(await fits(), 'a person page fits a phone').toBe(true);
  });
});
