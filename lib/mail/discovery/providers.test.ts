import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseServerAddress } from '../server-address/parse-server-address.ts';
import { findProviderByDomain, findProviderByMx, PROVIDERS, providerSettings } from './providers.ts';

test('finds providers by the exact domain of the address', () => {
  const cases: Record<string, string> = {
    'gmail.com': 'google',
    'GoogleMail.com.': 'google',
    'hotmail.co.uk': 'outlook',
    'live.com': 'outlook',
    'yahoo.com': 'yahoo',
    'aol.com': 'aol',
    'me.com': 'icloud',
    'mac.com': 'icloud',
    'icloud.com': 'icloud',
    'fastmail.com': 'fastmail',
    'gmx.de': 'gmx',
    'gmx.com': 'gmx-com',
    'web.de': 'webde',
    'zoho.com': 'zoho',
    'yandex.ru': 'yandex',
    'mail.ru': 'mailru',
    'proton.me': 'proton',
    'comcast.net': 'comcast',
  };
  for (const [domain, id] of Object.entries(cases)) assert.equal(findProviderByDomain(domain)?.id, id, domain);
  assert.equal(findProviderByDomain('example.com'), undefined);
  assert.equal(findProviderByDomain('mail.gmail.com'), undefined, 'subdomains are not the provider');
});

test('finds providers by MX host suffix, the most specific rule winning', () => {
  const cases: Record<string, string> = {
    'aspmx.l.google.com': 'google',
    'alt1.aspmx.l.google.com.': 'google',
    'smtp.google.com': 'google',
    'gmail-smtp-in.l.googlemail.com': 'google',
    'contoso-com.mail.protection.outlook.com': 'microsoft365',
    'hotmail-com.olc.protection.outlook.com': 'outlook',
    'mta5.am0.yahoodns.net': 'yahoo',
    'mx-aol.mail.gm0.yahoodns.net': 'aol',
    'mx01.mail.icloud.com': 'icloud',
    'in1-smtp.messagingengine.com': 'fastmail',
    'mx.zoho.com': 'zoho',
    'mx.zoho.eu': 'zoho-eu',
    'mx.yandex.net': 'yandex',
    'mail.protonmail.ch': 'proton',
    'mx00.emig.gmx.net': 'gmx',
  };
  for (const [mx, id] of Object.entries(cases)) assert.equal(findProviderByMx([mx])?.id, id, mx);
  assert.equal(findProviderByMx(['mx.example.com']), undefined);
  assert.equal(findProviderByMx(['notgoogle.com']), undefined, 'a suffix matches whole labels only');
  assert.equal(findProviderByMx(['mx.example.com', 'aspmx.l.google.com'])?.id, 'google', 'later MX hosts count too');
  assert.equal(findProviderByMx([]), undefined);
});

test('every table row is well formed', () => {
  const ids = new Set<string>();
  const domains = new Set<string>();
  for (const provider of PROVIDERS) {
    assert.ok(!ids.has(provider.id), `duplicate id ${provider.id}`);
    ids.add(provider.id);
    for (const domain of provider.domains) {
      assert.ok(!domains.has(domain), `${domain} listed twice`);
      domains.add(domain);
      assert.equal(domain, domain.toLowerCase());
    }
    assert.ok(provider.hints.length > 0, `${provider.id} has hints`);
    for (const [kind, server] of [
      ['imap', provider.imap],
      ['smtp', provider.smtp],
    ] as const) {
      const parsed = parseServerAddress(`${server.host}:${server.port}`, kind, server.ssl);
      assert.ok(parsed.ok, `${provider.id} ${kind}`);
      assert.ok(server.ssl || server.starttls, `${provider.id} ${kind} never sends a password in the clear`);
    }
  }
});

test('settings for an address use the full address as user name and carry the hints', () => {
  const google = findProviderByDomain('gmail.com');
  assert.ok(google);
  const settings = providerSettings(google, 'Alice@gmail.com', 'provider');
  assert.deepEqual(settings.imap, { host: 'imap.gmail.com', port: 993, ssl: true, username: 'Alice@gmail.com' });
  assert.deepEqual(settings.smtp, { host: 'smtp.gmail.com', port: 465, ssl: true, username: 'Alice@gmail.com' });
  assert.equal(settings.source, 'provider');
  assert.equal(settings.provider?.id, 'google');
  assert.ok(settings.provider?.hints.some((hint) => /app password/i.test(hint)));
  settings.provider?.hints.push('mutated');
  assert.ok(!google.hints.includes('mutated'), 'the table is not shared with callers');
});
