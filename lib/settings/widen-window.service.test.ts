// The download window widened through the API, followed through the real app process: the
// sync backfills the older mail with BACKFILLING progress on the syncProgress subscription.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { ImapFlow } from 'imapflow';
import { startMailStack } from '../../e2e/mail-stack/index.ts';
import { startAppProcess } from '../../e2e/support/app-process.ts';
import { GraphQLHttpClient, subscribe } from '../../e2e/support/graphql-client.ts';
import { createTestDatabase } from '../../e2e/support/test-database.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);
const message = (subject: string) =>
  `From: Client <client@example.com>\r\nTo: sam@widen.test\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@example.com>\r\n\r\n${subject}\r\n`;

type Account = { id: string; folders: Array<{ path: string; totalCount: number }> };
const ACCOUNTS = `{ mailAccounts { id folders { path totalCount } } }`;

test('widening the organisation’s window 10 → 60 days backfills the older mail, with progress', async () => {
  const stack = await startMailStack();
  const testDb = await createTestDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-widen-'));
  fs.writeFileSync(path.join(dir, 'ca.pem'), stack.certPem);
  const app = await startAppProcess({
    DATABASE_URL: testDb.url,
    DATA_DIR: dir,
    DEPLOYMENT_MODE: 'onsite',
    NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem'),
  });
  try {
    await stack.addUser('sam@widen.test', 'sam-mail-pw');
    const imap = new ImapFlow({
      host: stack.host,
      port: stack.ports.imaps,
      secure: true,
      auth: { user: 'sam@widen.test', pass: 'sam-mail-pw' },
      tls: { ca: [stack.certPem], servername: 'localhost' },
      logger: false,
    });
    await imap.connect();
    try {
      for (const [subject, days] of [
        ['recent 5 days', 5],
        ['older 40 days', 40],
        ['ancient 100 days', 100],
      ] as const) {
        await imap.append('INBOX', message(subject), [], daysAgo(days));
      }
    } finally {
      await imap.logout();
    }

    const sam = new GraphQLHttpClient(app.url);
    await sam.data(`mutation($i: CompleteSetupInput!) { completeSetup(input: $i) { user { id } } }`, {
      i: { tenantName: 'Widen', name: 'Sam', email: 'sam@acme.test', password: 'sam-password' },
    });
    const { downloadDaysSettings } = await sam.data<{ downloadDaysSettings: { tenantId: string } }>(
      `{ downloadDaysSettings { tenantId } }`,
    );
    const tenantId = downloadDaysSettings.tenantId;
    const SET_TENANT = `mutation($t: ID!, $d: Int) { setTenantDownloadDays(tenantId: $t, days: $d) { effective } }`;
    assert.deepEqual(await sam.data(SET_TENANT, { t: tenantId, d: 10 }), { setTenantDownloadDays: { effective: 10 } });

    const server = (port: number) => ({ server: `localhost:${port}`, username: 'sam@widen.test', ssl: true });
    await sam.data(`mutation($i: ConnectMailAccountInput!) { connectMailAccount(input: $i) { id } }`, {
      i: { email: 'sam@widen.test', password: 'sam-mail-pw', imap: server(stack.ports.imaps), smtp: server(stack.ports.smtps) },
    });
    const inboxCount = async () => {
      const { mailAccounts } = await sam.data<{ mailAccounts: Account[] }>(ACCOUNTS);
      return { id: mailAccounts[0]!.id, count: mailAccounts[0]!.folders.find((f) => f.path === 'INBOX')?.totalCount ?? 0 };
    };
    const waitForCount = async (expected: number) => {
      for (let i = 0; i < 600; i++) {
        const now = await inboxCount();
        if (now.count === expected) return now;
        await sleep(100);
      }
      throw new Error(`INBOX never had ${expected} messages (last: ${(await inboxCount()).count})`);
    };
    const { id: accountId } = await waitForCount(1);
    // The first import is done with every folder (INBOX can be complete while Sent still imports).
    for (let i = 0; ; i++) {
      const { mailAccounts } = await sam.data<{ mailAccounts: Array<{ syncState: string }> }>(`{ mailAccounts { syncState } }`);
      if (mailAccounts[0]!.syncState === 'live') break;
      if (i === 600) throw new Error(`the account never became live: ${mailAccounts[0]!.syncState}`);
      await sleep(100);
    }

    const ws = sam.ws();
    try {
      const progress = subscribe<{ syncProgress: { phase: string; path: string | null } }>(
        ws,
        `subscription { syncProgress(accountId: "${accountId}") { phase path } }`,
      );
      // The first event is the current state: from then on the subscription surely sees every change.
      // A live account may still be indexing what it imported (INDEXING, then LIVE): wait for LIVE.
      let phase = (await progress.next()).data?.syncProgress.phase;
      while (phase !== 'LIVE') {
        assert.equal(phase, 'INDEXING', 'a live account is LIVE or still indexing');
        phase = (await progress.next(60_000)).data?.syncProgress.phase;
      }
      assert.deepEqual(await sam.data(SET_TENANT, { t: tenantId, d: 60 }), { setTenantDownloadDays: { effective: 60 } });
      const phases: string[] = [];
      for (;;) {
        const event = await progress.next(60_000);
        phases.push(event.data!.syncProgress.phase);
        if (phases.includes('BACKFILLING') && event.data!.syncProgress.phase === 'LIVE') break;
      }
      assert.ok(phases.includes('BACKFILLING'), `phases seen: ${phases.join(', ')}`);
      await waitForCount(2);
      // Only the window: the 100-day-old message stays on the server.
      await sleep(500);
      assert.equal((await inboxCount()).count, 2);
      progress.dispose();
    } finally {
      await ws.dispose();
    }
  } finally {
    await app.stop();
    await testDb.drop();
    await stack.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
