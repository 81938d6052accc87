import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_PREVIEW_BYTES, previewable } from './previewable.ts';

test('png, jpeg, gif and webp up to the size limit are previewed', () => {
  for (const contentType of ['image/png', 'IMAGE/JPEG; name="a.jpg"', 'image/jpg', 'image/gif', 'image/webp'])
    assert.equal(previewable({ contentType, size: 1000 }), true, contentType);
  assert.equal(previewable({ contentType: 'image/png', size: MAX_PREVIEW_BYTES }), true);
  assert.equal(previewable({ contentType: 'image/png', size: MAX_PREVIEW_BYTES + 1 }), false);
  assert.equal(previewable({ contentType: 'image/png', size: 0 }), false);
});

test('never SVG, HTML or anything else', () => {
  for (const contentType of ['image/svg+xml', 'text/html', 'application/pdf', 'image/bmp', 'application/octet-stream', ''])
    assert.equal(previewable({ contentType, size: 1000 }), false, contentType);
});
