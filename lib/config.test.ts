import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

test('defaults: onsite, PGlite in ./.data, port 3000', () => {
  const config = loadConfig({});
  assert.equal(config.deploymentMode, 'onsite');
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.dataDir, path.resolve('./.data'));
  assert.equal(config.port, 3000);
  assert.equal(config.numberOfDaysToDownload, undefined);
  assert.equal(config.cookieSecure, false);
  assert.equal(config.outboxLeaseSeconds, 120);
});

test('reads every variable', () => {
  const key = Buffer.alloc(32, 7).toString('base64');
  const config = loadConfig({
    DEPLOYMENT_MODE: 'online',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x',
    DATA_DIR: '/tmp/crm',
    PORT: '8080',
    MAIL_CREDENTIALS_KEY: key,
    NUMBER_OF_DAYS_TO_DOWNLOAD: '45',
    COOKIE_SECURE: 'true',
    OUTBOX_LEASE_SECONDS: '5',
  });
  assert.equal(config.deploymentMode, 'online');
  assert.equal(config.databaseUrl, 'postgres://postgres@127.0.0.1:5432/x');
  assert.equal(config.dataDir, '/tmp/crm');
  assert.equal(config.port, 8080);
  assert.equal(config.mailCredentialsKey, key);
  assert.equal(config.numberOfDaysToDownload, 45);
  assert.equal(config.cookieSecure, true);
  assert.equal(config.outboxLeaseSeconds, 5);
});

test('mail connection settings: lists, and plaintext auth only onsite', () => {
  const config = loadConfig({ MAIL_CONNECT_ALLOWLIST: '10.0.0.0/8, mail.corp ', MAIL_DISCOVERY_DNS_SERVERS: '127.0.0.1:5353' });
  assert.deepEqual(config.mailConnectAllowlist, ['10.0.0.0/8', 'mail.corp']);
  assert.deepEqual(config.mailDiscoveryDnsServers, ['127.0.0.1:5353']);
  assert.equal(config.mailAllowPlaintextAuth, false);
  assert.equal(loadConfig({ MAIL_ALLOW_PLAINTEXT_AUTH: 'true' }).mailAllowPlaintextAuth, true);
  assert.throws(
    () => loadConfig({ DEPLOYMENT_MODE: 'online', MAIL_ALLOW_PLAINTEXT_AUTH: 'true' }),
    /MAIL_ALLOW_PLAINTEXT_AUTH may only be true when DEPLOYMENT_MODE=onsite/,
  );
});

test('MAIL_CONNECT_ALLOWLIST entries may name a port; a malformed entry stops the start, naming it', () => {
  const allowlist = '10.0.0.0/8:1143, [fd00::/8]:993, mail.corp:587, 192.0.2.7, ::1';
  assert.deepEqual(loadConfig({ MAIL_CONNECT_ALLOWLIST: allowlist }).mailConnectAllowlist, [
    '10.0.0.0/8:1143',
    '[fd00::/8]:993',
    'mail.corp:587',
    '192.0.2.7',
    '::1',
  ]);
  for (const bad of ['10.0.0.0/33', 'mail.corp:99999', 'fd00::/8:993', 'http://mail.corp'])
    assert.throws(
      () => loadConfig({ MAIL_CONNECT_ALLOWLIST: `10.0.0.0/8, ${bad}` }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.variable === 'MAIL_CONNECT_ALLOWLIST' &&
        error.message.includes(JSON.stringify(bad)) &&
        !error.message.includes('\n'),
      bad,
    );
});

test('TRUST_PROXY: trust nothing by default, hops or CIDRs, a clear line otherwise', () => {
  assert.deepEqual(loadConfig({}).trustProxy, { hops: 0 });
  assert.deepEqual(loadConfig({ TRUST_PROXY: '1' }).trustProxy, { hops: 1 });
  assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }).trustProxy, { cidrs: ['10.0.0.0/8', '127.0.0.1'] });
  assert.throws(() => loadConfig({ TRUST_PROXY: 'yes' }), /^ConfigError: Invalid configuration: TRUST_PROXY must be a number/);
});

test('an empty variable counts as unset', () => {
  assert.equal(loadConfig({ DATABASE_URL: '' }).databaseUrl, undefined);
});

for (const [name, value, expected] of [
  ['DEPLOYMENT_MODE', 'cloud', /DEPLOYMENT_MODE must be "online" or "onsite" \(got "cloud"\)/],
  ['PORT', 'abc', /PORT must be an integer between 1 and 65535/],
  ['PORT', '70000', /PORT must be an integer/],
  ['DATABASE_URL', 'mysql://x', /DATABASE_URL must start with postgres:\/\//],
  ['NUMBER_OF_DAYS_TO_DOWNLOAD', '0', /NUMBER_OF_DAYS_TO_DOWNLOAD must be an integer between 1 and 3650/],
  ['NUMBER_OF_DAYS_TO_DOWNLOAD', '1.5', /NUMBER_OF_DAYS_TO_DOWNLOAD/],
  ['OUTBOX_LEASE_SECONDS', '2', /OUTBOX_LEASE_SECONDS must be an integer between 3 and 3600/],
  ['MAIL_CREDENTIALS_KEY', 'short', /MAIL_CREDENTIALS_KEY must be 32 bytes/],
] as const) {
  test(`${name}=${value} is rejected with one line naming the variable`, () => {
    assert.throws(
      () => loadConfig({ [name]: value }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.variable, name);
        assert.match(error.message, expected);
        assert.ok(!error.message.includes('\n'));
        return true;
      },
    );
  });
}

test('Google and Microsoft sign-in: a client per provider, both halves or neither; test overrides checked', () => {
  assert.deepEqual(loadConfig({}).oauth, { google: undefined, microsoft: undefined });
  const config = loadConfig({
    GOOGLE_OAUTH_CLIENT_ID: 'g-id.apps.googleusercontent.com',
    GOOGLE_OAUTH_CLIENT_SECRET: 'g-secret',
    MICROSOFT_OAUTH_CLIENT_ID: '00000000-0000-0000-0000-000000000001',
    MICROSOFT_OAUTH_CLIENT_SECRET: 'm-secret',
  });
  assert.deepEqual(config.oauth.google, { clientId: 'g-id.apps.googleusercontent.com', clientSecret: 'g-secret' });
  assert.deepEqual(config.oauth.microsoft, {
    clientId: '00000000-0000-0000-0000-000000000001',
    clientSecret: 'm-secret',
    tenant: 'common',
  });
  assert.throws(
    () => loadConfig({ GOOGLE_OAUTH_CLIENT_ID: 'g-id' }),
    (e: unknown) => e instanceof ConfigError && e.variable === 'GOOGLE_OAUTH_CLIENT_SECRET',
  );
  assert.throws(
    () => loadConfig({ MICROSOFT_OAUTH_CLIENT_SECRET: 's' }),
    (e: unknown) => e instanceof ConfigError && e.variable === 'MICROSOFT_OAUTH_CLIENT_ID',
  );
  const local = loadConfig({
    GOOGLE_OAUTH_CLIENT_ID: 'g',
    GOOGLE_OAUTH_CLIENT_SECRET: 's',
    OAUTH_GOOGLE_ISSUER: 'http://127.0.0.1:4455',
    OAUTH_GOOGLE_IMAP_URL: 'imaps://localhost:10993',
    OAUTH_GOOGLE_SMTP_URL: 'smtp://localhost:10587',
  });
  assert.equal(local.oauth.google?.issuer, 'http://127.0.0.1:4455');
  assert.equal(local.oauth.google?.imapUrl, 'imaps://localhost:10993');
  // Plain HTTP only to this machine: a token endpoint across a network must be HTTPS.
  for (const [name, value] of [
    ['OAUTH_GOOGLE_ISSUER', 'http://login.example.com'],
    ['OAUTH_GOOGLE_IMAP_URL', 'imap.gmail.com:993'],
    ['OAUTH_GOOGLE_SMTP_URL', 'imaps://localhost:465'],
    ['MICROSOFT_OAUTH_TENANT', 'contoso/../x'],
  ] as const) {
    assert.throws(
      () => loadConfig({ GOOGLE_OAUTH_CLIENT_ID: 'g', GOOGLE_OAUTH_CLIENT_SECRET: 's', [name]: value }),
      (e: unknown) => e instanceof ConfigError && e.variable === name,
      name,
    );
  }
});

test('PUBLIC_URL: an http(s) origin, a trailing slash dropped; unset by default; anything else stops the start', () => {
  assert.equal(loadConfig({}).publicUrl, undefined);
  assert.equal(loadConfig({ PUBLIC_URL: 'https://crm.example.com' }).publicUrl, 'https://crm.example.com');
  assert.equal(loadConfig({ PUBLIC_URL: ' https://CRM.example.com/ ' }).publicUrl, 'https://crm.example.com');
  assert.equal(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:8080/' }).publicUrl, 'http://127.0.0.1:8080');
  assert.equal(loadConfig({ PUBLIC_URL: 'https://crm.example.com:443' }).publicUrl, 'https://crm.example.com');
  for (const bad of [
    'crm.example.com',
    'ftp://crm.example.com',
    'https://crm.example.com/crm',
    'https://crm.example.com//',
    'https://crm.example.com/?x=1',
    'https://crm.example.com/#top',
    'https://user:pw@crm.example.com',
    'https://',
  ])
    assert.throws(
      () => loadConfig({ PUBLIC_URL: bad }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.variable === 'PUBLIC_URL' &&
        /must be an http:\/\/ or https:\/\/ origin/.test(error.message) &&
        !error.message.includes('\n'),
      bad,
    );
});
