import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseAutoconfig } from './parse-autoconfig.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/autoconfig/${name}`, import.meta.url), 'utf8');

const config = (incoming: string, outgoing: string) =>
  `<clientConfig version="1.1"><emailProvider id="x.test">${incoming}${outgoing}</emailProvider></clientConfig>`;
const server = (tag: string, type: string, host: string, port: string, socket: string) =>
  `<${tag} type="${type}"><hostname>${host}</hostname><port>${port}</port><socketType>${socket}</socketType></${tag}>`;
const SMTP_OK = server('outgoingServer', 'smtp', 'smtp.x.test', '465', 'SSL');

test('picks IMAP over POP3 and SSL over STARTTLS, for both directions', () => {
  assert.deepEqual(parseAutoconfig(fixture('several-servers.xml'), 'alice@example.test'), {
    imap: { host: 'imap.example.test', port: 993, ssl: true, starttls: false, username: 'alice@example.test' },
    smtp: { host: 'smtp.example.test', port: 465, ssl: true, starttls: false, username: 'alice@example.test' },
  });
});

test('fills %EMAILLOCALPART% and %EMAILDOMAIN%, trims values, reads STARTTLS and plain', () => {
  assert.deepEqual(parseAutoconfig(fixture('placeholders.xml'), 'Bob.Smith@Hoster.test'), {
    imap: { host: 'mail.hoster.test', port: 143, ssl: false, starttls: true, username: 'Bob.Smith' },
    smtp: { host: 'mail.hoster.test', port: 25, ssl: false, starttls: false, username: 'Bob.Smith' },
  });
});

test('STARTTLS beats plain, whatever the order in the file', () => {
  const xml = config(
    server('incomingServer', 'imap', 'plain.x.test', '143', 'plain') +
      server('incomingServer', 'imap', 'tls.x.test', '143', 'STARTTLS'),
    SMTP_OK,
  );
  assert.equal(parseAutoconfig(xml, 'a@x.test')?.imap.host, 'tls.x.test');
});

test('a missing username means the full address; a missing port the default for the socket type', () => {
  const xml = config(
    '<incomingServer type="imap"><hostname>imap.x.test</hostname><socketType>SSL</socketType></incomingServer>',
    '<outgoingServer type="smtp"><hostname>smtp.x.test</hostname><socketType>STARTTLS</socketType></outgoingServer>',
  );
  const result = parseAutoconfig(xml, 'a@x.test');
  assert.deepEqual(result?.imap, { host: 'imap.x.test', port: 993, ssl: true, starttls: false, username: 'a@x.test' });
  assert.deepEqual(result?.smtp, { host: 'smtp.x.test', port: 587, ssl: false, starttls: true, username: 'a@x.test' });
});

test('unusable entries are skipped, and the next one is taken', () => {
  const xml = config(
    server('incomingServer', 'imap', 'bad host.x.test', '993', 'SSL') +
      server('incomingServer', 'imap', 'imap.x.test', '99999', 'SSL') +
      server('incomingServer', 'imap', 'imap.x.test', '993', 'carrier-pigeon') +
      server('incomingServer', 'imap', '%REALNAME%.x.test', '993', 'SSL') +
      server('incomingServer', 'imap', 'good.x.test', '143', 'STARTTLS'),
    SMTP_OK,
  );
  assert.equal(parseAutoconfig(xml, 'a@x.test')?.imap.host, 'good.x.test');
});

test('no result, and no throw, for documents this product cannot use', () => {
  const cases: Record<string, string> = {
    'POP3 only': fixture('pop3-only.xml'),
    'malformed XML': fixture('malformed.xml'),
    'a DOCTYPE with nested entities': fixture('entity-expansion.xml'),
    'an HTML error page': fixture('html-error-page.xml'),
    'no outgoing server': config(server('incomingServer', 'imap', 'imap.x.test', '993', 'SSL'), ''),
    'no emailProvider': '<clientConfig version="1.1"></clientConfig>',
    'another root element': '<config><incomingServer type="imap"/></config>',
    'empty text': '',
    'plain text': 'Not Found',
    JSON: '{"imap":"imap.x.test"}',
    'too big': `<clientConfig>${' '.repeat(300_000)}</clientConfig>`,
  };
  for (const [name, xml] of Object.entries(cases)) assert.equal(parseAutoconfig(xml, 'a@x.test'), null, name);
});

test('a user name longer than an address or with control characters is not a setting: that server is skipped', () => {
  const imap = (username: string) =>
    `<incomingServer type="imap"><hostname>imap.x.test</hostname><port>993</port><socketType>SSL</socketType><username>${username}</username></incomingServer>`;
  assert.equal(parseAutoconfig(config(imap('a'.repeat(255)), SMTP_OK), 'a@x.test'), null);
  assert.equal(parseAutoconfig(config(imap('root\nadmin'), SMTP_OK), 'a@x.test'), null, 'a line break');
  assert.equal(parseAutoconfig(config(imap('a'.repeat(254)), SMTP_OK), 'a@x.test')?.imap.username, 'a'.repeat(254));
});
