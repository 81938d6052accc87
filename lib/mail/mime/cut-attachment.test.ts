// cutAttachment on real MIME: every transfer encoding comes out as the exact decoded bytes (checked
// against bytes known independently of mailparser), the hash decides which part, and a hash the
// source does not hold is the typed error, never other bytes.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { test } from 'node:test';
import { isAppError } from '../../errors.ts';
import { cutAttachment } from './cut-attachment.ts';
import { EVERY_ENCODING, everyEncodingSource } from './fixtures/every-encoding.ts';

const fixture = (name: string) => fs.readFileSync(new URL(name, import.meta.url));
const source = everyEncodingSource();
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

test('each attachment cut at its ordinal is byte-identical to what was encoded', async () => {
  for (const [ordinal, { name, bytes }] of EVERY_ENCODING.entries()) {
    const cut = await cutAttachment(source, { ordinal, contentHash: sha256(bytes) });
    assert.ok(cut.equals(bytes), name);
  }
});

test('a wrong ordinal with the right hash still gives the right bytes (the hash decides)', async () => {
  const notes = EVERY_ENCODING[2]!.bytes;
  assert.ok((await cutAttachment(source, { ordinal: 0, contentHash: sha256(notes) })).equals(notes));
  assert.ok((await cutAttachment(source, { ordinal: 9, contentHash: sha256(notes) })).equals(notes));
});

test('a hash the source does not hold is ATTACHMENT_NOT_IN_SOURCE, not the bytes at the ordinal', async () => {
  await assert.rejects(
    cutAttachment(source, { ordinal: 1, contentHash: sha256(Buffer.from('something else')) }),
    (error) => isAppError(error) && error.code === 'ATTACHMENT_NOT_IN_SOURCE' && error.details?.ordinal === 1,
  );
  // A source cut off in the middle of its only attachment: the part decodes short, so its hash
  // differs from the whole file's.
  const truncated = fixture('../../sync/fixtures/broken-mime/17-cut-off-base64-single-part.eml');
  await assert.rejects(
    cutAttachment(truncated, { ordinal: 0, contentHash: sha256(Buffer.from('the whole file')) }),
    (error) => isAppError(error) && error.code === 'ATTACHMENT_NOT_IN_SOURCE',
  );
  await assert.rejects(
    cutAttachment(Buffer.from('Subject: no attachments\r\n\r\nJust text.\r\n'), {
      ordinal: 0,
      contentHash: sha256(Buffer.from('x')),
    }),
    (error) => isAppError(error) && error.code === 'ATTACHMENT_NOT_IN_SOURCE',
  );
});
