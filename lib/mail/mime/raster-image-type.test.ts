import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rasterImageType } from './raster-image-type.ts';

test('PNG, JPEG, GIF and WebP are told by their first bytes', () => {
  assert.equal(rasterImageType(Buffer.from('89504e470d0a1a0a0000', 'hex')), 'image/png');
  assert.equal(rasterImageType(Buffer.from('ffd8ffe000104a46', 'hex')), 'image/jpeg');
  assert.equal(rasterImageType(Buffer.from('GIF89a\x01\x00', 'latin1')), 'image/gif');
  assert.equal(rasterImageType(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1')), 'image/webp');
});

test('anything else is no raster image, whatever its name or claimed type', () => {
  assert.equal(rasterImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')), null);
  assert.equal(rasterImageType(Buffer.from('<html><img src=x onerror=alert(1)>')), null);
  assert.equal(rasterImageType(Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt ', 'latin1')), null);
  assert.equal(rasterImageType(Buffer.alloc(0)), null);
});
