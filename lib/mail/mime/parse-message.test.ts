import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { clean, cleanWellFormed, parseMessage } from './parse-message.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../e2e/fixtures/mail/${name}`, import.meta.url));

test('plain text: body, snippet without the signature, content hash of the raw bytes', async () => {
  const raw = fixture('01-plain-text.eml');
  const parsed = await parseMessage(raw);
  assert.equal(parsed.contentHash, createHash('sha256').update(raw).digest('hex'));
  assert.match(parsed.text ?? '', /contract runs out/);
  assert.match(parsed.snippet, /^Hi, our contract runs out at the end of the month\./);
  assert.ok(parsed.snippet.length <= 200);
  assert.equal(parsed.parseError, null);
  assert.equal(parsed.hasAttachments, false);
});

test('threading headers: References without angle brackets', async () => {
  const parsed = await parseMessage(fixture('02-multipart-alternative.eml'));
  assert.deepEqual(parsed.references, ['20251104081244.4F2A1@mail.example.com']);
  assert.match(parsed.html ?? '', /<html|<p/i);
});

test('an inline cid: image is an inline part, not an attachment', async () => {
  const parsed = await parseMessage(fixture('03-inline-image.eml'));
  assert.equal(parsed.attachments.length, 1);
  const [image] = parsed.attachments;
  assert.equal(image!.inline, true);
  assert.equal(image!.contentId, 'logo-16@shop.example.net');
  assert.equal(image!.ordinal, 0, 'its position among the parsed attachments: how the download finds it');
  assert.match(image!.hash, /^[0-9a-f]{64}$/);
  assert.equal(parsed.hasAttachments, false);
});

test('an RFC 2231 named attachment keeps its decoded name', async () => {
  const parsed = await parseMessage(fixture('04-attachment.eml'));
  assert.equal(parsed.hasAttachments, true);
  assert.equal(parsed.attachments[0]!.filename, 'Ansprechpartner Müller.csv');
  assert.equal(parsed.attachments[0]!.contentType, 'text/csv');
});

test('broken MIME: what can be read is kept, the damage is named', async () => {
  const parsed = await parseMessage(fixture('06-broken-mime.eml'));
  assert.match(parsed.text ?? '', /invoice 2025-1187 attached/);
  assert.match(parsed.parseError ?? '', /closing boundary is missing/);
  assert.match(parsed.parseError ?? '', /base64 data is cut off/);
});

test('NUL characters are dropped (PostgreSQL text cannot hold them)', async () => {
  const parsed = await parseMessage(Buffer.from('Subject: x\r\nContent-Type: text/plain\r\n\r\nnul\u0000here\r\n'));
  assert.equal(parsed.text?.includes('\u0000'), false);
  assert.match(parsed.snippet, /nulhere/);
});

test('cleanWellFormed: NULs go and lone surrogates become U+FFFD, so a batch sent as JSON is never refused', () => {
  assert.equal(clean('a\u0000b'), 'ab');
  assert.equal(cleanWellFormed('a\u0000b'), 'ab');
  assert.equal(cleanWellFormed('A\ud800B'), 'A\ufffdB');
  assert.equal(cleanWellFormed('\udc00'), '\ufffd');
  assert.equal(cleanWellFormed('emoji 😀 stays'), 'emoji 😀 stays');
  // JSON.stringify escapes a lone surrogate as \ud800, which PostgreSQL's JSON parser refuses.
  assert.equal(JSON.stringify(cleanWellFormed('A\ud800B')), '"A\ufffdB"');
});

test('a message damaged the same way twice says it once; what could be read is kept', async () => {
  const raw = readFileSync(new URL('../../sync/fixtures/broken-mime/15-nested-same-type-truncated.eml', import.meta.url));
  const parsed = await parseMessage(raw);
  assert.equal(parsed.parseError, 'multipart/mixed: the closing boundary is missing (the message is cut off)');
  assert.match(parsed.text ?? '', /Forwarded text\./);
});
