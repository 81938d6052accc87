import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../config.ts';
import { oauthProvidersForConfig } from './oauth-providers-for-config.ts';

test('only configured providers are offered, with the providers’ own issuers and mail servers', () => {
  assert.deepEqual(oauthProvidersForConfig(loadConfig({})), {});
  const providers = oauthProvidersForConfig(
    loadConfig({
      GOOGLE_OAUTH_CLIENT_ID: 'g',
      GOOGLE_OAUTH_CLIENT_SECRET: 'gs',
      MICROSOFT_OAUTH_CLIENT_ID: 'm',
      MICROSOFT_OAUTH_CLIENT_SECRET: 'ms',
      MICROSOFT_OAUTH_TENANT: 'contoso.onmicrosoft.com',
    }),
  );
  assert.equal(providers.google?.client.provider.issuer, 'https://accounts.google.com');
  assert.deepEqual(providers.google?.imap, { host: 'imap.gmail.com', port: 993, ssl: true });
  assert.equal(providers.microsoft?.client.provider.issuer, 'https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0');
  assert.deepEqual(providers.microsoft?.smtp, { host: 'smtp.office365.com', port: 587, ssl: false, starttls: true });
  assert.equal(providers.microsoft?.client.clientSecret, 'ms');
  assert.ok(!providers.google?.client.provider.allowHttp);
});

test('tests point a provider at a local issuer and mail servers', () => {
  const { google } = oauthProvidersForConfig(
    loadConfig({
      GOOGLE_OAUTH_CLIENT_ID: 'g',
      GOOGLE_OAUTH_CLIENT_SECRET: 'gs',
      OAUTH_GOOGLE_ISSUER: 'http://127.0.0.1:4455',
      OAUTH_GOOGLE_IMAP_URL: 'imaps://localhost:10993',
      OAUTH_GOOGLE_SMTP_URL: 'smtp://localhost:10587',
    }),
  );
  assert.equal(google?.client.provider.issuer, 'http://127.0.0.1:4455');
  assert.equal(google?.client.provider.allowHttp, true);
  assert.deepEqual(google?.client.provider.mailScopes, ['https://mail.google.com/']);
  assert.deepEqual(google?.imap, { host: 'localhost', port: 10993, ssl: true });
  assert.deepEqual(google?.smtp, { host: 'localhost', port: 10587, ssl: false, starttls: true });
});
