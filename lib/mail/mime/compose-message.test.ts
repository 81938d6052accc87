import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simpleParser } from 'mailparser';
import { composeMessage, newMessageId, type OutgoingMessage } from './compose-message.ts';

const base: OutgoingMessage = {
  from: { name: 'Sam Seller', address: 'sam@acme.test' },
  to: ['Ann Smit <ann@example.nl>'],
  cc: ['bob@example.com'],
  bcc: ['boss@acme.test'],
  subject: 'Offerte – week 49 ✓',
  text: 'Hallo Ann,\n\nzie bijlage.\n',
  html: '<p>Hallo Ann,</p><p>zie bijlage. <img src="cid:logo@acme"></p>',
  inReplyTo: '<parent@example.nl>',
  references: ['<root@example.nl>', '<parent@example.nl>'],
  attachments: [
    { filename: 'offerte week 49.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 test') },
    { filename: 'logo.png', contentType: 'image/png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47]), contentId: 'logo@acme' },
  ],
  messageId: '<fixed-id@acme.test>',
  date: new Date('2026-12-02T10:00:00Z'),
};

test('the composed message reads back with every field, Bcc only in the envelope', async () => {
  const { raw, envelope } = await composeMessage(base);
  const parsed = await simpleParser(raw);
  assert.equal(parsed.subject, base.subject);
  assert.equal(parsed.messageId, '<fixed-id@acme.test>');
  assert.equal(parsed.inReplyTo, '<parent@example.nl>');
  assert.deepEqual(parsed.references, ['<root@example.nl>', '<parent@example.nl>']);
  assert.equal(parsed.text, base.text);
  assert.match(String(parsed.html), /zie bijlage/);
  assert.equal(parsed.headers.get('bcc'), undefined);
  assert.doesNotMatch(raw.toString(), /boss@acme\.test/);
  assert.deepEqual(envelope, { from: 'sam@acme.test', to: ['ann@example.nl', 'bob@example.com', 'boss@acme.test'] });
  const pdf = parsed.attachments.find((a) => a.filename === 'offerte week 49.pdf');
  assert.deepEqual(pdf?.content, base.attachments[0]!.content);
  const logo = parsed.attachments.find((a) => a.contentId === '<logo@acme>');
  assert.equal(logo?.related, true);
});

test('no References header without a parent; Message-IDs are on the sender domain and unique', async () => {
  const { raw } = await composeMessage({ ...base, inReplyTo: null, references: [], attachments: [], html: null });
  assert.doesNotMatch(raw.toString(), /^(References|In-Reply-To):/im);
  const a = newMessageId('Sam@Acme.test');
  assert.match(a, /^<[0-9a-f-]{36}@acme\.test>$/);
  assert.notEqual(a, newMessageId('sam@acme.test'));
});

test('a header value cannot inject another header', async () => {
  const { raw } = await composeMessage({ ...base, subject: 'hi\r\nBcc: victim@example.com', attachments: [] });
  const head = raw.toString().split('\r\n\r\n')[0]!;
  assert.doesNotMatch(head, /^Bcc:/im);
});
