import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseServerAddress } from './parse-server-address.ts';

const ok = (host: string, port: number, ssl: boolean) => ({ ok: true, host, port, ssl });

test('a bare host gets the default port for its kind and TLS mode', () => {
  assert.deepEqual(parseServerAddress('imap.example.com', 'imap', true), ok('imap.example.com', 993, true));
  assert.deepEqual(parseServerAddress('imap.example.com', 'imap', false), ok('imap.example.com', 143, false));
  assert.deepEqual(parseServerAddress('smtp.example.com', 'smtp', true), ok('smtp.example.com', 465, true));
  assert.deepEqual(parseServerAddress('smtp.example.com', 'smtp', false), ok('smtp.example.com', 587, false));
});

test('host:port, spaces around and case', () => {
  assert.deepEqual(parseServerAddress('  My.Mail.Server:80 ', 'imap', false), ok('my.mail.server', 80, false));
  assert.deepEqual(parseServerAddress('mail.example.com:2525', 'smtp', false), ok('mail.example.com', 2525, false));
  assert.deepEqual(
    parseServerAddress('mail.example.com:', 'smtp', false),
    ok('mail.example.com', 587, false),
    'empty port = default',
  );
});

test('IPv4 and IPv6 addresses', () => {
  assert.deepEqual(parseServerAddress('127.0.0.1:1143', 'imap', false), ok('127.0.0.1', 1143, false));
  assert.deepEqual(parseServerAddress('[::1]:1143', 'imap', false), ok('::1', 1143, false));
  assert.deepEqual(parseServerAddress('[2001:db8::5]', 'smtp', true), ok('2001:db8::5', 465, true));
  assert.deepEqual(parseServerAddress('::1', 'imap', true), ok('::1', 993, true));
  assert.deepEqual(parseServerAddress('2001:DB8::5', 'imap', true), ok('2001:db8::5', 993, true));
});

test('pasted URLs: the scheme is dropped and imaps/smtps/ssl turn TLS on', () => {
  assert.deepEqual(parseServerAddress('imaps://imap.example.com:993/', 'imap', false), ok('imap.example.com', 993, true));
  assert.deepEqual(parseServerAddress('imaps://imap.example.com', 'imap', false), ok('imap.example.com', 993, true));
  assert.deepEqual(parseServerAddress('imap://imap.example.com', 'imap', false), ok('imap.example.com', 143, false));
  assert.deepEqual(parseServerAddress('IMAP://imap.example.com/INBOX', 'imap', true), ok('imap.example.com', 993, true));
  assert.deepEqual(parseServerAddress('smtp://smtp.example.com', 'smtp', false), ok('smtp.example.com', 587, false));
  assert.deepEqual(parseServerAddress('smtps://smtp.example.com', 'smtp', false), ok('smtp.example.com', 465, true));
  assert.deepEqual(parseServerAddress('ssl://smtp.example.com:465', 'smtp', false), ok('smtp.example.com', 465, true));
  assert.deepEqual(parseServerAddress('imaps://[::1]:10993/', 'imap', false), ok('::1', 10993, true));
});

test('trailing dots and slashes are tolerated', () => {
  assert.deepEqual(parseServerAddress('imap.example.com.', 'imap', true), ok('imap.example.com', 993, true));
  assert.deepEqual(parseServerAddress('imap.example.com./', 'imap', true), ok('imap.example.com', 993, true));
  assert.deepEqual(parseServerAddress('imap.example.com.:993//', 'imap', true), ok('imap.example.com', 993, true));
});

test('international names come back in ASCII (punycode)', () => {
  assert.deepEqual(parseServerAddress('mail.bücher.de', 'imap', true), ok('mail.xn--bcher-kva.de', 993, true));
});

function problem(input: string, kind: 'imap' | 'smtp' = 'imap'): string {
  const result = parseServerAddress(input, kind, true);
  assert.equal(result.ok, false, `${JSON.stringify(input)} should be refused`);
  if (result.ok) throw new Error('unreachable');
  assert.equal(result.code, 'BAD_SERVER_ADDRESS');
  return result.message;
}

test('bad ports say what is allowed', () => {
  for (const input of ['host:0', 'host:65536', 'host:99999', 'host:abc', 'host:-1', 'host:12 3', '[::1]:0'])
    assert.match(problem(input), /port .* not valid.*1 to 65535/i);
});

test('empty hosts, spaces inside, and other junk get a clear message', () => {
  assert.match(problem(''), /Enter the IMAP server address/);
  assert.match(problem('   ', 'smtp'), /Enter the SMTP server address/);
  assert.match(problem(':993'), /empty/);
  assert.match(problem('imaps://'), /empty/);
  assert.match(problem('my mail.server'), /cannot contain spaces/);
  assert.match(problem('alice@example.com'), /e-mail address/);
  assert.match(problem('http://example.com'), /not an IMAP address/);
  assert.match(problem('constructor://example.com'), /not an IMAP address/);
  assert.match(problem('smtp://smtp.example.com', 'imap'), /not an IMAP address/);
  assert.match(problem('imap://imap.example.com', 'smtp'), /not an SMTP address/);
  assert.match(problem('[::1'), /closing/);
  assert.match(problem('[::1]993'), /\[address\]:port/);
  assert.match(problem('[example.com]:993'), /not a valid IPv6/);
  assert.match(problem('1:2:3'), /not a valid address/);
  assert.match(problem('bad..name'), /not a valid server name/);
  assert.match(problem('-bad.example.com'), /not a valid server name/);
  assert.match(problem('a'.repeat(64) + '.com'), /not a valid server name/);
  assert.match(problem('imap.exa$mple.com'), /not a valid server name/);
});
