import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simpleParser } from 'mailparser';
import { composeMessage, type OutgoingMessage } from './compose-message.ts';
import { withBccHeader } from './with-bcc-header.ts';

const message: OutgoingMessage = {
  from: { name: 'Sam', address: 'sam@acme.test' },
  to: ['ann@example.nl'],
  cc: [],
  bcc: ['"Baas, De" <boss@acme.test>', 'Jörg Müller <jorg@example.de>'],
  subject: 'Offerte',
  text: 'Hallo Ann,\n',
  html: '<p>Hallo Ann,</p>',
  inReplyTo: null,
  references: [],
  attachments: [{ filename: 'a.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4') }],
  messageId: '<fixed@acme.test>',
  date: new Date('2026-12-02T10:00:00Z'),
};

test('the Sent copy: the sent bytes with a Bcc header, nothing else changed', async () => {
  const { raw } = await composeMessage(message);
  assert.doesNotMatch(raw.toString(), /boss@acme\.test/, 'what goes over SMTP has no Bcc');
  const copy = withBccHeader(raw, message.bcc);
  const parsed = await simpleParser(copy);
  assert.deepEqual(parsed.bcc && !Array.isArray(parsed.bcc) ? parsed.bcc.value.map((a) => [a.name, a.address]) : null, [
    ['Baas, De', 'boss@acme.test'],
    ['Jörg Müller', 'jorg@example.de'],
  ]);
  const head = raw.indexOf('\r\n\r\n');
  const bccField = copy.subarray(head + 2, copy.length - (raw.length - head - 2)).toString();
  assert.match(bccField, /^Bcc: .*\r\n$/s, 'one header field inserted at the end of the header block');
  assert.ok(Buffer.concat([raw.subarray(0, head + 2), Buffer.from(bccField), raw.subarray(head + 2)]).equals(copy));
});

test('no Bcc: the very bytes; a draft composed with keepBcc already carries it and is left alone', async () => {
  const { raw } = await composeMessage({ ...message, bcc: [] });
  assert.equal(withBccHeader(raw, []), raw);
  const { raw: draft } = await composeMessage({ ...message, keepBcc: true });
  assert.match(draft.toString(), /^Bcc: .*boss@acme\.test/m);
  assert.equal(withBccHeader(draft, message.bcc), draft);
});
