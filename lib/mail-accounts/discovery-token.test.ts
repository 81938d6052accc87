import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { loadCredentialsKey } from '../crypto/mail-credentials-key.ts';
import { providerSettings, PROVIDERS } from '../mail/discovery/providers.ts';
import type { MailSettings } from '../mail/discovery/types.ts';
import { DISCOVERY_TOKEN_TTL_MS, issueDiscoveryToken, readDiscoveryToken } from './discovery-token.ts';

const key = loadCredentialsKey(randomBytes(32).toString('base64'), '/nonexistent');
const ann = { userId: '3f1c0e1e-0000-4000-8000-000000000001', email: 'ann@srv.test' };
const found: MailSettings = {
  imap: { host: 'imap.srv.test', port: 993, ssl: true, username: 'ann@srv.test' },
  smtp: { host: 'smtp.srv.test', port: 587, ssl: false, starttls: true, username: 'ann@srv.test' },
  source: 'srv',
};
const now = Date.parse('2026-12-02T10:00:00Z');

test('a token vouches for the servers and source discovery found, for the user and address it was issued to', () => {
  const token = issueDiscoveryToken(found, ann, key, now);
  assert.deepEqual(readDiscoveryToken(token, { ...ann, email: ' Ann@SRV.test ' }, key, now + 1000), {
    imap: { host: 'imap.srv.test', port: 993, ssl: true, username: 'ann@srv.test' },
    smtp: { host: 'smtp.srv.test', port: 587, ssl: false, username: 'ann@srv.test' },
    source: 'srv',
  });
});

test('a provider comes back with its hints from the provider table, not from the token', () => {
  const google = PROVIDERS.find((p) => p.id === 'google')!;
  const token = issueDiscoveryToken(
    providerSettings(google, 'ann@gmail.com', 'provider'),
    { ...ann, email: 'ann@gmail.com' },
    key,
    now,
  );
  const read = readDiscoveryToken(token, { ...ann, email: 'ann@gmail.com' }, key, now);
  assert.equal(read?.source, 'provider');
  assert.deepEqual(read?.provider, { id: 'google', name: google.name, hints: google.hints });
  assert.ok(token.length < 600, `a token stays small (${token.length} characters)`);
});

test('another user, another address, another key, an expired or altered token vouch for nothing', () => {
  const token = issueDiscoveryToken(found, ann, key, now);
  const otherKey = loadCredentialsKey(randomBytes(32).toString('base64'), '/nonexistent');
  assert.equal(readDiscoveryToken(token, { ...ann, userId: '3f1c0e1e-0000-4000-8000-000000000002' }, key, now), null);
  assert.equal(readDiscoveryToken(token, { ...ann, email: 'bob@srv.test' }, key, now), null);
  assert.equal(readDiscoveryToken(token, ann, otherKey, now), null);
  assert.equal(readDiscoveryToken(token, ann, key, now + DISCOVERY_TOKEN_TTL_MS), null);

  // The page rewriting the servers inside the token (to pass typed ones off as discovered).
  const [body, signature] = token.split('.') as [string, string];
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  claims.i[0] = 'evil.example';
  const forged = `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
  assert.equal(readDiscoveryToken(forged, ann, key, now), null);

  for (const junk of ['', '.', 'abc', `${body}.`, `${token}.x`, `${body}.${'A'.repeat(43)}`, 'x'.repeat(5000)])
    assert.equal(readDiscoveryToken(junk, ann, key, now), null, JSON.stringify(junk.slice(0, 40)));
});
