import { defineConfig } from '@playwright/test';

// One app process, one fresh PostgreSQL database and one mail stack for the whole run,
// started by e2e/global-setup.ts; one worker (2-core CI). Needs `next build` first.
process.env.E2E_PORT ??= String(20_000 + Math.floor(Math.random() * 20_000));

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL: `http://127.0.0.1:${process.env.E2E_PORT}`,
    // English unless a journey asks for another language (e2e/languages.spec.ts): the journeys
    // find pages by their English names, and the UI follows the browser's Accept-Language.
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium: no browser download is possible here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  // foundation.spec.ts walks the first-run setup, so it must meet a fresh installation: it is its
  // own project, and every other journey depends on it (order by dependency, not by file name).
  projects: [
    { name: 'first-run', testMatch: 'foundation.spec.ts', use: { browserName: 'chromium' } },
    {
      name: 'chromium',
      testIgnore: 'foundation.spec.ts',
      dependencies: ['first-run'],
      use: { browserName: 'chromium' },
    },
  ],
});
