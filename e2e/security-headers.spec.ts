/*
 * Journey: the app under its Content Security Policy (issue 8, items 5 and 6).
 * 1. A link `/sign-in?next=/%5Cevil.test` (which the browser reads as `//evil.test`): signing in
 *    through the form (JavaScript: the page is hydrated) stays on this site, in the inbox.
 * 2. The admin walks the signed-in pages: each is sent with a nonce CSP and `private, no-store`,
 *    the user menu opens (a click that needs JavaScript), the admin console's live socket connects.
 * 3. A user who is not an admin gets the 403 page, and a missing page its 404, under the same policy.
 * 4. Another site that frames the sign-in page gets nothing: the browser refuses to show it.
 * Throughout steps 1–3 the browser reports no CSP violation at all.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page, Response } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { ADMIN, signInAsNewUser } from './support/session.ts';

/** Every CSP violation the pages report, from the DOM event and from the console. */
async function watchCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('__reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
      void report(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} in ${event.documentURI}`);
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  return violations;
}

function expectStrictPage(response: Response | null, what: string) {
  expect(response, what).not.toBeNull();
  const headers = response!.headers();
  expect(headers['content-security-policy'], what).toMatch(/script-src 'nonce-[A-Za-z0-9+/]+={0,2}' 'strict-dynamic'/);
  expect(headers['content-security-policy'], what).toContain("frame-ancestors 'none'");
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['cache-control'], what).toMatch(/\bprivate\b.*\bno-store\b/);
}

test('signed-in pages work under a strict CSP; next= stays on the site; framing is refused', async ({
  page,
  baseURL,
  shell,
  adminConsole,
  signInPage,
}) => {
  const violations = await watchCspViolations(page);
  const user = { email: 'csp-user@acme.test', password: 'csp-password-1' };
  // The organisation and a plain user exist (whichever journey ran first); then start signed out.
  await signInAsNewUser(page, user.email, user.password);
  await page.context().clearCookies();

  await test.step('1. signing in with next=/%5Cevil.test lands in the inbox, on this site', async () => {
    const response = await page.goto('/sign-in?next=/%5Cevil.test');
    expectStrictPage(response, '/sign-in');
    await signInPage.signIn(ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(`${baseURL}/inbox`);
    await expect(shell.inboxButton).toBeVisible();
  });

  await test.step('2. the signed-in pages, under the policy, still work', async () => {
    for (const [path, heading] of [
      ['/inbox', null],
      ['/settings/local', 'Local settings'],
      ['/settings/email', 'E-mail options'],
    ] as const) {
      const response = await page.goto(path);
      expectStrictPage(response, path);
      if (heading) await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    }
    await shell.openUserMenu();
    await expect(shell.menuItem('Admin console')).toBeVisible();
    // graphql-ws answers connection_init with connection_ack: connect-src lets the socket through.
    const acknowledged = new Promise<void>((resolve) =>
      page.on('websocket', (socket) =>
        socket.on('framereceived', (frame) => String(frame.payload).includes('connection_ack') && resolve()),
      ),
    );
    await shell.menuItem('Admin console').click();
    await expect(page).toHaveURL(`${baseURL}/admin`);
    await expect(page.getByRole('heading', { name: 'Admin console' })).toBeVisible();
    await acknowledged;
    expectStrictPage(await page.reload(), '/admin');
    await expect(adminConsole.userRow(ADMIN.email)).toBeVisible();
  });

  await test.step('3. the 403 page for a user who is not an admin, and the 404 page, under the same policy', async () => {
    await shell.signOut();
    await signInPage.signIn(user.email, user.password);
    await expect(page).toHaveURL(`${baseURL}/inbox`);
    const response = await page.goto('/admin');
    expect(response?.status()).toBe(403);
    expectStrictPage(response, '403');
    await expect(page.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible();
    await page.getByRole('link', { name: 'Back to the inbox' }).click();
    await expect(page).toHaveURL(`${baseURL}/inbox`);
    const missing = await page.goto('/no-such-page');
    expect(missing?.status()).toBe(404);
    expectStrictPage(missing, '404');
    await expect(page.getByRole('heading', { name: 'This page does not exist' })).toBeVisible();
  });

  expect(violations, 'no CSP violation while using the app').toEqual([]);

  await test.step('4. another origin framing the sign-in page gets nothing', async () => {
    // A real site on another loopback port (another origin): a page the test intercepts counts as
    // public to Chromium, which then refuses any loopback frame for its own reason (Local Network
    // Access), whatever our headers say.
    const framingSite = http.createServer((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(`<!doctype html><title>other site</title><iframe id="victim" src="${baseURL}/sign-in"></iframe>`),
    );
    await new Promise<void>((resolve) => framingSite.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = framingSite.address() as AddressInfo;
      await page.goto(`http://127.0.0.1:${port}/`);
      // Chromium replaces a refused frame by its error page: the sign-in form never shows there.
      await expect
        .poll(() =>
          page
            .frames()
            .find((f) => f !== page.mainFrame())
            ?.url(),
        )
        .toBe('chrome-error://chromewebdata/');
      await expect(page.frameLocator('#victim').getByRole('heading', { name: 'Sign in to CRM Inbox' })).toHaveCount(0);
    } finally {
      await new Promise((resolve) => framingSite.close(resolve));
    }
  });
});
