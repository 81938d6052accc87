import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCidr } from './ip-address.ts';
import { parseAllowlistEntry, STANDARD_MAIL_PORTS } from './parse-allowlist-entry.ts';

test('networks and addresses, with and without a port', () => {
  assert.deepEqual(parseAllowlistEntry('10.1.0.0/16'), { network: parseCidr('10.1.0.0/16'), port: null });
  assert.deepEqual(parseAllowlistEntry(' 10.1.0.0/16:1143 '), { network: parseCidr('10.1.0.0/16'), port: 1143 });
  assert.deepEqual(parseAllowlistEntry('192.0.2.7:993'), { network: parseCidr('192.0.2.7'), port: 993 });
  assert.deepEqual(parseAllowlistEntry('fd00::/8'), { network: parseCidr('fd00::/8'), port: null });
  assert.deepEqual(parseAllowlistEntry('[fd00::/8]:993'), { network: parseCidr('fd00::/8'), port: 993 });
  assert.deepEqual(parseAllowlistEntry('::1'), { network: parseCidr('::1'), port: null }, 'a bare IPv6 address has no port');
  assert.deepEqual(parseAllowlistEntry('[::1]'), { network: parseCidr('::1'), port: null });
  assert.deepEqual(parseAllowlistEntry('[::1]:25'), { network: parseCidr('::1'), port: 25 });
});

test('host names, with and without a port; numeric spellings of IPv4 are addresses', () => {
  assert.deepEqual(parseAllowlistEntry('Mail.Corp.Example.'), { name: 'mail.corp.example', port: null });
  assert.deepEqual(parseAllowlistEntry('mail.corp.example:587'), { name: 'mail.corp.example', port: 587 });
  assert.deepEqual(parseAllowlistEntry('bücher.example'), { name: 'xn--bcher-kva.example', port: null });
  assert.deepEqual(parseAllowlistEntry('2130706433:993'), { network: parseCidr('127.0.0.1'), port: 993 });
  assert.deepEqual(parseAllowlistEntry('0x7f.1'), { network: parseCidr('127.0.0.1'), port: null });
});

test('malformed entries are refused', () => {
  for (const text of [
    '',
    '10.0.0.0/33',
    '10.0.0.0/8/1',
    '10.0.0.0/8:0',
    '10.0.0.0/8:65536',
    '10.0.0.0/8:imap',
    'mail.corp:',
    'fd00::/8:993',
    '[10.0.0.1]:993',
    '[::1',
    '[::1]x',
    'exa mple.com',
    'mail/corp',
    'http://mail.corp',
    '-mail.corp',
  ])
    assert.equal(parseAllowlistEntry(text), null, JSON.stringify(text));
});

test('the standard mail ports: IMAP and SMTP, no POP3, no HTTP', () => {
  assert.deepEqual(
    [...STANDARD_MAIL_PORTS].sort((a, b) => a - b),
    [25, 143, 465, 587, 993],
  );
});
