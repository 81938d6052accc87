// The mail-accounts API as an integrator uses it: real server process, real Dovecot, real PostgreSQL.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import postgres from 'postgres';
import { startMailStack, type MailStack } from '../../e2e/mail-stack/index.ts';
import { startAppProcess, type AppProcess } from '../../e2e/support/app-process.ts';
import { GraphQLHttpClient, subscribe } from '../../e2e/support/graphql-client.ts';
import { createTestDatabase, type TestDatabase } from '../../e2e/support/test-database.ts';
import { loadCredentialsKey } from '../crypto/mail-credentials-key.ts';
import { seal } from '../crypto/secret-box.ts';
import { startDnsFixtureServer, type DnsFixtureServer } from '../mail/discovery/fixtures/dns-fixture-server.ts';

const SETUP = `mutation($i: CompleteSetupInput!) { completeSetup(input: $i) { user { id } } }`;
const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { user { id } } }`;
const CONNECT = `mutation($i: ConnectMailAccountInput!) { connectMailAccount(input: $i) { id email settingsSource isDefault maxMessageSize imap { host port ssl username passwordSet } folders { path specialUse } } }`;

describe('mail accounts API', () => {
  let stack: MailStack;
  let dns: DnsFixtureServer;
  let testDb: TestDatabase;
  let app: AppProcess;
  let dir: string;
  const ann = new GraphQLHttpClient('');
  const bob = new GraphQLHttpClient('');

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-accounts-'));
    stack = await startMailStack();
    await stack.addUser('ann@srv.test', 'ann-mail-pw');
    dns = await startDnsFixtureServer({
      '_imaps._tcp.srv.test': { SRV: [{ priority: 0, weight: 1, port: stack.ports.imaps, target: 'localhost' }] },
      '_submissions._tcp.srv.test': { SRV: [{ priority: 0, weight: 1, port: stack.ports.smtps, target: 'localhost' }] },
    });
    fs.writeFileSync(path.join(dir, 'ca.pem'), stack.certPem);
    testDb = await createTestDatabase();
    app = await startAppProcess({
      DATABASE_URL: testDb.url,
      DATA_DIR: dir,
      MAIL_DISCOVERY_DNS_SERVERS: `127.0.0.1:${dns.port}`,
      NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem'),
    });
    Object.assign(ann, { baseUrl: app.url });
    Object.assign(bob, { baseUrl: app.url });
    await ann.data(SETUP, { i: { tenantName: 'Acme', name: 'Ann', email: 'ann@acme.test', password: 'ann-password' } });
    await ann.data(`mutation { createUser(input: { name: "Bob", email: "bob@acme.test", password: "bob-password" }) { id } }`);
    await bob.data(SIGN_IN, { e: 'bob@acme.test', p: 'bob-password' });
  });
  after(async () => {
    await app?.stop();
    await testDb?.drop();
    await dns?.close();
    await stack?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  let accountId = '';

  test('discovery finds the SRV settings; connect with e-mail and password alone discovers and verifies', async () => {
    const found = await ann.data<{
      discoverMailSettings: { source: string; imap: { host: string; port: number; ssl: boolean } };
    }>(`{ discoverMailSettings(email: "ann@srv.test") { source imap { host port ssl } } }`);
    assert.deepEqual(found.discoverMailSettings, {
      source: 'srv',
      imap: { host: 'localhost', port: stack.ports.imaps, ssl: true },
    });
    const { connectMailAccount: account } = await ann.data<{ connectMailAccount: Record<string, unknown> & { id: string } }>(
      CONNECT,
      {
        i: { email: 'ann@srv.test', password: 'ann-mail-pw' },
      },
    );
    accountId = account.id;
    assert.equal(account.settingsSource, 'srv');
    assert.equal(account.isDefault, true, 'the first account is the default for sending');
    // RFC 1870: the test submission server announces SIZE 25 MiB in its EHLO; verification keeps it.
    assert.equal(account.maxMessageSize, 25 * 1024 * 1024);
    assert.deepEqual(account.imap, {
      host: 'localhost',
      port: stack.ports.imaps,
      ssl: true,
      username: 'ann@srv.test',
      passwordSet: true,
    });
    assert.ok((account.folders as Array<{ specialUse: string | null }>).some((f) => f.specialUse === '\\Sent'));
  });

  test('connecting the same mailbox twice is refused', async () => {
    const again = await ann.request(CONNECT, { i: { email: 'ann@srv.test', password: 'ann-mail-pw' } });
    assert.equal(again.errors?.[0]?.extensions?.code, 'MAIL_ACCOUNT_EXISTS');
  });

  test('passwords are sealed at rest and never part of the API', async () => {
    const sql = postgres(testDb.url, { max: 1, onnotice: () => {} });
    try {
      const [row] =
        await sql`select imap_secret_sealed, smtp_secret_sealed, imap_secret_key_id from mail_accounts where id = ${accountId}`;
      assert.ok(row);
      assert.ok(!String(row.imap_secret_sealed).includes('ann-mail-pw'));
      assert.ok(!Buffer.from(String(row.imap_secret_sealed), 'base64').toString('latin1').includes('ann-mail-pw'));
      assert.match(String(row.imap_secret_key_id), /^[0-9a-f]{8}$/);
    } finally {
      await sql.end();
    }
    const schema = await ann.data<{ __type: { fields: Array<{ name: string }> } }>(
      `{ __type(name: "MailServer") { fields { name } } }`,
    );
    assert.deepEqual(
      schema.__type.fields.map((f) => f.name).filter((n) => /password/i.test(n)),
      ['passwordSet'],
    );
  });

  test('another user can neither see, change, remove nor subscribe to the account', async () => {
    assert.deepEqual(await bob.data(`{ mailAccounts { id } }`), { mailAccounts: [] });
    const update = await bob.request(`mutation($id: ID!) { updateMailAccount(id: $id, input: { makeDefault: true }) { id } }`, {
      id: accountId,
    });
    assert.equal(update.errors?.[0]?.extensions?.code, 'NOT_FOUND');
    const remove = await bob.request(`mutation($id: ID!) { removeMailAccount(id: $id) }`, { id: accountId });
    assert.equal(remove.errors?.[0]?.extensions?.code, 'NOT_FOUND');
    const ws = bob.ws();
    try {
      const events = subscribe(ws, `subscription { mailboxChanged(accountId: "${accountId}") { kind } }`);
      const first = await events.next().catch((errors: Array<{ extensions?: { code?: string } }>) => ({ errors }));
      assert.equal(first.errors?.[0]?.extensions?.code, 'NOT_FOUND');
    } finally {
      await ws.dispose();
    }
  });

  test('a wrong password is reported for the incoming side, with the field', async () => {
    await stack.addUser('ann2@srv.test', 'right-pw');
    const wrong = await ann.request(CONNECT, { i: { email: 'ann2@srv.test', password: 'wrong-pw' } });
    assert.equal(wrong.errors?.[0]?.extensions?.code, 'MAIL_AUTH_FAILED');
    assert.equal(wrong.errors?.[0]?.extensions?.field, 'imap.password');
    assert.match(wrong.errors?.[0]?.message ?? '', /^Incoming mail server \(IMAP\)/);
  });

  test('a saved password the server can no longer read (key replaced): an edit asks for it, entering it again re-seals it', async () => {
    const sql = postgres(testDb.url, { max: 1, onnotice: () => {} });
    try {
      const [before] = await sql`select imap_secret_key_id from mail_accounts where id = ${accountId}`;
      // Sealed under a key this deployment does not have, as after MAIL_CREDENTIALS_KEY was replaced.
      const sealed = seal('ann-mail-pw', loadCredentialsKey(randomBytes(32).toString('base64'), '/nonexistent'));
      await sql`update mail_accounts set imap_secret_sealed = ${sealed.data}, imap_secret_key_id = ${sealed.keyId},
        smtp_secret_sealed = ${sealed.data}, smtp_secret_key_id = ${sealed.keyId} where id = ${accountId}`;

      const PASSWORDS = `{ mailAccounts { id imap { passwordSet } smtp { passwordSet } } }`;
      const passwordSet = async () => {
        const { mailAccounts } = await ann.data<{
          mailAccounts: Array<{ id: string; imap: { passwordSet: boolean }; smtp: { passwordSet: boolean } }>;
        }>(PASSWORDS);
        const account = mailAccounts.find((a) => a.id === accountId)!;
        return { imap: account.imap.passwordSet, smtp: account.smtp.passwordSet };
      };
      assert.deepEqual(await passwordSet(), { imap: false, smtp: false }, 'a password the key cannot open is not set');

      const UPDATE = `mutation($id: ID!, $i: UpdateMailAccountInput!) { updateMailAccount(id: $id, input: $i) { id status } }`;
      const withoutPassword = await ann.request(UPDATE, {
        id: accountId,
        i: { imap: { server: `localhost:${stack.ports.imaps}`, username: 'ann@srv.test', ssl: true } },
      });
      assert.equal(withoutPassword.errors?.[0]?.extensions?.code, 'MAIL_PASSWORD_UNREADABLE');
      assert.equal(withoutPassword.errors?.[0]?.extensions?.field, 'imap.password');
      assert.match(withoutPassword.errors?.[0]?.message ?? '', /Enter the password again/);

      const withPassword = await ann.data<{ updateMailAccount: { status: string } }>(UPDATE, {
        id: accountId,
        i: { password: 'ann-mail-pw' },
      });
      assert.equal(withPassword.updateMailAccount.status, 'CONNECTED');
      assert.deepEqual(await passwordSet(), { imap: true, smtp: true });
      const [after] = await sql`select imap_secret_key_id, smtp_secret_key_id from mail_accounts where id = ${accountId}`;
      assert.deepEqual(
        [after!.imap_secret_key_id, after!.smtp_secret_key_id],
        [before!.imap_secret_key_id, before!.imap_secret_key_id],
      );
    } finally {
      await sql.end();
    }
  });

  test('servers the page took from discovery keep its source; edited ones are manual, in connect and in edit', async () => {
    const DISCOVER = `query($e: String!) { discoverMailSettings(email: $e) { discoveryId source imap { host port ssl username } smtp { host port ssl username } } }`;
    type Found = { discoveryId: string; source: string; imap: ServerView; smtp: ServerView };
    type ServerView = { host: string; port: number; ssl: boolean; username: string };
    const asInput = (s: ServerView, server = `${s.host}:${s.port}`) => ({ server, username: s.username, ssl: s.ssl });
    const connected: string[] = [];
    const connect = async (email: string, edit?: string) => {
      await stack.addUser(email, 'pw-' + email);
      const { discoverMailSettings: found } = await ann.data<{ discoverMailSettings: Found }>(DISCOVER, { e: email });
      assert.equal(found.source, 'srv');
      const { connectMailAccount: account } = await ann.data<{ connectMailAccount: { id: string; settingsSource: string } }>(
        CONNECT,
        {
          i: {
            email,
            password: 'pw-' + email,
            imap: asInput(found.imap, edit),
            smtp: asInput(found.smtp),
            discoveryId: found.discoveryId,
          },
        },
      );
      connected.push(account.id);
      return account;
    };

    try {
      // 1. As the page sends them: the discovered servers, typed out, with the discovery id.
      const discovered = await connect('ann3@srv.test');
      assert.equal(discovered.settingsSource, 'srv');
      // 2. The same, with the incoming server changed under More settings: the user's own settings.
      const edited = await connect('ann4@srv.test', `127.0.0.1:${stack.ports.imaps}`);
      assert.equal(edited.settingsSource, 'manual');

      // 3. The edit form sends both servers with every save: unchanged servers keep the source,
      //    a changed one makes it manual.
      const UPDATE = `mutation($id: ID!, $i: UpdateMailAccountInput!) { updateMailAccount(id: $id, input: $i) { settingsSource } }`;
      const same = { server: `localhost:${stack.ports.imaps}`, username: 'ann3@srv.test', ssl: true };
      const smtp = { server: `localhost:${stack.ports.smtps}`, username: 'ann3@srv.test', ssl: true };
      const kept = await ann.data<{ updateMailAccount: { settingsSource: string } }>(UPDATE, {
        id: discovered.id,
        i: { password: 'pw-ann3@srv.test', imap: same, smtp },
      });
      assert.equal(kept.updateMailAccount.settingsSource, 'srv');
      const changed = await ann.data<{ updateMailAccount: { settingsSource: string } }>(UPDATE, {
        id: discovered.id,
        i: { imap: { ...same, server: `127.0.0.1:${stack.ports.imaps}` }, smtp },
      });
      assert.equal(changed.updateMailAccount.settingsSource, 'manual');
    } finally {
      for (const id of connected) await ann.data(`mutation($id: ID!) { removeMailAccount(id: $id) }`, { id });
    }
  });

  test('removing the account deletes it, its mail and the attachment bytes only it used; the owner sees none left', async () => {
    const sql = postgres(testDb.url, { max: 1, onnotice: () => {} });
    try {
      // A stored message with an attachment, as the sync would have left it.
      const [folder] = await sql`select id from mail_folders where account_id = ${accountId} and path = 'INBOX'`;
      const [message] = await sql`insert into messages (account_id, folder_id, uid_validity, uid, internal_date)
        values (${accountId}, ${folder!.id}, 1, 1, now()) returning id`;
      await sql`insert into attachment_blobs (hash, size, data) values ('only-this-account', 3, '\\x010203')`;
      await sql`insert into attachments (message_id, content_type, size, blob_hash)
        values (${message!.id}, 'application/pdf', 3, 'only-this-account')`;

      assert.deepEqual(await ann.data(`mutation($id: ID!) { removeMailAccount(id: $id) }`, { id: accountId }), {
        removeMailAccount: true,
      });
      assert.deepEqual(await ann.data(`{ mailAccounts { id } }`), { mailAccounts: [] });
      assert.equal((await sql`select id from messages where account_id = ${accountId}`).length, 0);
      assert.equal((await sql`select hash from attachment_blobs where hash = 'only-this-account'`).length, 0);
    } finally {
      await sql.end();
    }
  });
});

describe('online mode SSRF guard', () => {
  test('a mail server on a private address is refused before any connection', async () => {
    const testDb = await createTestDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-online-'));
    const app = await startAppProcess({ DATABASE_URL: testDb.url, DATA_DIR: dir, DEPLOYMENT_MODE: 'online' });
    try {
      const client = new GraphQLHttpClient(app.url);
      await client.data(SETUP, { i: { tenantName: 'Acme', name: 'Ann', email: 'ann@acme.test', password: 'ann-password' } });
      const result = await client.request(CONNECT, {
        i: {
          email: 'x@corp.test',
          password: 'pw',
          imap: { server: '127.0.0.1:993', username: 'x', ssl: true },
          smtp: { server: '169.254.169.254:465', username: 'x', ssl: true },
        },
      });
      assert.equal(result.errors?.[0]?.extensions?.code, 'MAIL_ADDRESS_BLOCKED');
    } finally {
      await app.stop();
      await testDb.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
