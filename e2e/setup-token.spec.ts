// Journey (issue 8, item 22): a server started on all interfaces, not yet set up, opened from
// another computer on the network.
//   1. the setup page without the printed token: the form says to open the printed link; nobody is created;
//   2. the printed link (/setup?token=…): setup completes and lands in the inbox.
// Its own app process (HOST=0.0.0.0, a fresh database): the shared one is set up by other journeys.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAppProcess, type AppProcess } from './support/app-process.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';
import { expect, test } from './fixtures.ts';

/** This machine's first non-loopback IPv4 address: what another computer on the network opens. */
const networkAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((info) => info && info.family === 'IPv4' && !info.internal)?.address;

const admin = { organisation: 'Remote BV', name: 'Rita Remote', email: 'rita@remote.test', password: 'rita-password' };

let testDb: TestDatabase;
let app: AppProcess;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-setup-journey-'));

test.beforeAll(async () => {
  testDb = await createTestDatabase();
  app = await startAppProcess({ DATABASE_URL: testDb.url, DATA_DIR: dataDir, HOST: '0.0.0.0' });
});
test.afterAll(async () => {
  await app?.stop();
  await testDb?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('setup from another computer needs the link the server printed', async ({ page, setupPage }) => {
  test.skip(!networkAddress, 'this machine has no non-loopback IPv4 address');
  const remote = `http://${networkAddress}:${app.port}`;
  const token = /\/setup\?token=([A-Za-z0-9_-]+)/.exec(app.output())?.[1];
  expect(token, 'the server printed the setup link').toBeTruthy();

  await test.step('1. without the token the form says what to do, and nobody is created', async () => {
    await page.goto(`${remote}/setup`);
    await setupPage.complete(admin);
    await expect(
      page.getByRole('alert').filter({ hasText: 'Open the setup link printed in the server’s console' }),
    ).toBeVisible();
    await expect(page).toHaveURL(/\/setup$/);
  });

  await test.step('2. the printed link: setup completes and lands in the inbox', async () => {
    await page.goto(`${remote}/setup?token=${token}`);
    await setupPage.complete(admin);
    await expect(page).toHaveURL(/\/inbox$/);
  });
});
