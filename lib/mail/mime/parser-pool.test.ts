import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createParserPool } from './parser-pool.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../e2e/fixtures/mail/${name}`, import.meta.url));

test('two worker threads parse concurrently and give the same result as the calling thread', async () => {
  const pool = createParserPool({ size: 2 });
  const inline = createParserPool({ size: 0 });
  try {
    const sources = ['01-plain-text.eml', '03-inline-image.eml', '04-attachment.eml', '06-broken-mime.eml'].map(fixture);
    const [threaded, direct] = await Promise.all([
      Promise.all(sources.map((s) => pool.parse(s))),
      Promise.all(sources.map((s) => inline.parse(s))),
    ]);
    assert.equal(threaded.length, 4);
    for (let i = 0; i < sources.length; i++) {
      assert.equal(threaded[i]!.contentHash, direct[i]!.contentHash);
      assert.equal(threaded[i]!.snippet, direct[i]!.snippet);
      assert.equal(threaded[i]!.parseError, direct[i]!.parseError);
      assert.deepEqual(
        threaded[i]!.attachments.map((a) => [a.ordinal, a.hash, a.size]),
        direct[i]!.attachments.map((a) => [a.ordinal, a.hash, a.size]),
      );
    }
    assert.match(threaded[3]!.parseError ?? '', /closing boundary/);
    // The caller's buffers are untouched (the pool transfers a copy).
    assert.deepEqual(sources[0], fixture('01-plain-text.eml'));
  } finally {
    await pool.close();
    await inline.close();
  }
});

test('after close, parse rejects', async () => {
  const pool = createParserPool({ size: 1 });
  await pool.close();
  await assert.rejects(pool.parse(Buffer.from('Subject: x\r\n\r\n')), /closed/);
});
