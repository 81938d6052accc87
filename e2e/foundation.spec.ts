/*
 * Journey: the first day of a CRM Inbox installation.
 * 1. A fresh installation sends the first visitor to the setup page; they create the organisation and its admin.
 * 2. The admin lands in the app shell: the navigator's Inbox button and the user menu are there.
 * 3. The admin console lists the admin; another admin's new user appears live (subscription), without reload.
 * 4. The admin creates a second user from the form, then signs out.
 * 5. The second user signs in with a wrong password first: a clear error, and the e-mail is kept.
 * 6. With the right password they get in, and /admin answers 403 for them.
 */
import { expect, test } from './fixtures.ts';

import { ADMIN as admin } from './support/session.ts';
const bob = { name: 'Bob Seller', email: 'bob@acme.test', password: 'bob-password-1' };

test('first-run setup → admin console → second user → 403 for non-admins', async ({
  page,
  setupPage,
  signInPage,
  shell,
  adminConsole,
}) => {
  await test.step('1. first visit goes to setup; create the organisation', async () => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/setup$/);
    await setupPage.complete(admin);
    await expect(page).toHaveURL(/\/inbox$/);
  });

  await test.step('2. the shell: Inbox button and user menu entries', async () => {
    await expect(shell.inboxButton).toBeVisible();
    await shell.openUserMenu();
    await expect(shell.menuItem('Local settings')).toBeVisible();
    await expect(shell.menuItem('E-mail options')).toBeVisible();
    await shell.menuItem('Admin console').click();
    await expect(page).toHaveURL(/\/admin$/);
  });

  await test.step('3. the admin console lists the admin and updates live', async () => {
    await adminConsole.goto();
    await expect(adminConsole.userRow(admin.email)).toContainText('Admin');
    // Another admin (an integrator over plain HTTP) creates a user; the open page hears of it.
    const created = await page.request.post('/api/graphql', {
      headers: { 'content-type': 'application/json' },
      data: {
        query: 'mutation($i: CreateUserInput!) { createUser(input: $i) { email } }',
        variables: { i: { name: 'Carol Live', email: 'carol@acme.test', password: 'carol-password-1' } },
      },
    });
    expect((await created.json()).data.createUser.email).toBe('carol@acme.test');
    await expect(adminConsole.userRow('carol@acme.test')).toBeVisible();
  });

  await test.step('4. create a second user, sign out', async () => {
    await adminConsole.createUser(bob);
    await expect(adminConsole.userRow(bob.email)).toContainText('User');
    await shell.signOut();
  });

  await test.step('5. a wrong password shows an error and keeps the e-mail', async () => {
    await signInPage.signIn(bob.email, 'not-the-password');
    await signInPage.expectError('E-mail or password is incorrect');
    await expect(page.getByLabel('E-mail')).toHaveValue(bob.email);
  });

  await test.step('6. the second user signs in and gets 403 at /admin', async () => {
    await page.getByLabel('Password').fill(bob.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/inbox$/);
    await shell.openUserMenu();
    await expect(shell.menuItem('Admin console')).toHaveCount(0);
    const response = await page.goto('/admin');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible();
  });
});
