import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attachmentLimit, MAX_FILES_BYTES } from './attachment-limit.ts';

test('no SIZE announced (or SIZE 0, "no fixed limit"): 25 MiB', () => {
  assert.equal(attachmentLimit(null), MAX_FILES_BYTES);
  assert.equal(attachmentLimit(undefined), MAX_FILES_BYTES);
  assert.equal(attachmentLimit(0), MAX_FILES_BYTES);
});

test('a server that takes more than 25 MiB of files once encoded: still 25 MiB', () => {
  assert.equal(attachmentLimit(52_428_800), MAX_FILES_BYTES); // Outlook.com-style 50 MiB
  assert.equal(attachmentLimit(Math.ceil((MAX_FILES_BYTES * 78) / 57) + 64 * 1024 + 78), MAX_FILES_BYTES);
});

test('a smaller SIZE: the files fit once base64 encoded (57 bytes → 78 on the wire), 64 KiB kept for the rest', () => {
  assert.equal(attachmentLimit(10_485_760), 7_614_744); // SIZE 10 MiB → ≈ 7.3 MiB of files
  for (const size of [1_000_000, 10_485_760, 20_000_001, 65_536 + 77, 65_536 + 78]) {
    const limit = attachmentLimit(size);
    const encoded = Math.ceil(limit / 57) * 78;
    assert.ok(encoded + 64 * 1024 <= size, `${limit} bytes of files encode to ${encoded} for SIZE ${size}`);
    assert.ok(limit > 0 || size < 65_536 + 78);
  }
  assert.equal(attachmentLimit(1000), 0, 'a server that takes less than the headroom takes no files');
});
