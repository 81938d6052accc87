import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isRasterImageType, sniffImageType } from './sniff-image-type.ts';

test('raster images are known by their bytes; SVG, HTML and junk are not images', () => {
  const bytes = (...parts: Array<string | number[]>) =>
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
  assert.equal(sniffImageType(bytes('\x89PNG\r\n\x1a\n', [0, 0, 0, 13])), 'image/png');
  assert.equal(sniffImageType(bytes([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
  assert.equal(sniffImageType(bytes('GIF89a', [1, 0, 1, 0])), 'image/gif');
  assert.equal(sniffImageType(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')), 'image/webp');
  assert.equal(sniffImageType(bytes([0, 0, 0, 28], 'ftypmif1', [0, 0, 0, 0], 'mif1avif')), 'image/avif');
  assert.equal(sniffImageType(bytes([0, 0, 0, 24], 'ftypmp42', [0, 0, 0, 0], 'isom')), null, 'an MP4 is not an image');
  assert.equal(sniffImageType(bytes('BM', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])), 'image/bmp');
  for (const junk of ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', '<!doctype html><script>', '', 'GIF8']) {
    assert.equal(sniffImageType(bytes(junk)), null, junk);
  }
  assert.ok(isRasterImageType('image/PNG; name=a.png') && isRasterImageType('image/jpg'));
  assert.ok(!isRasterImageType('image/svg+xml') && !isRasterImageType('text/html'));
});
