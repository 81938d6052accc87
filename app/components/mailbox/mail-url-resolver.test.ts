import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeMailUrlResolver } from './mail-url-resolver.ts';

const appOrigin = 'https://crm.test';
const resources = {
  inlineImages: [
    { contentId: '<Logo@Shop>', url: '/api/inline/7?e=1&s=a' },
    { contentId: 'foreign@x', url: 'https://elsewhere.example/api/inline/8' },
  ],
  remoteImages: [{ original: 'https://Tracker.example/p.gif?u=1', proxied: '/api/image-proxy?m=1&u=x&e=1&s=b' }],
  appOrigin,
};

test('cid: parts map to their signed inline URL, absolute, on the app origin only', () => {
  const urls = makeMailUrlResolver({ ...resources, showRemote: false });
  assert.equal(urls.resolve('cid:logo%40shop'), 'https://crm.test/api/inline/7?e=1&s=a');
  assert.equal(urls.resolve('cid:foreign@x'), null, 'a signed URL pointing elsewhere is refused');
  assert.equal(urls.resolve('cid:unknown@x'), null);
});

test('remote URLs are dropped and counted until shown, then only proxied ones load', () => {
  const hidden = makeMailUrlResolver({ ...resources, showRemote: false });
  assert.equal(hidden.resolve('https://tracker.example/p.gif?u=1'), null);
  assert.equal(hidden.resolve('//tracker.example/x.gif'), null);
  assert.equal(hidden.blockedCount(), 2);
  const shown = makeMailUrlResolver({ ...resources, showRemote: true });
  assert.equal(shown.resolve('https://tracker.example/p.gif?u=1'), 'https://crm.test/api/image-proxy?m=1&u=x&e=1&s=b');
  assert.equal(shown.resolve('https://unlisted.example/a.png'), null, 'no signature, no request');
});

test('raster data: images stay; relative, javascript: and SVG data: URLs go', () => {
  const urls = makeMailUrlResolver({ ...resources, showRemote: true });
  assert.equal(urls.resolve('data:image/png;base64,AAAA'), 'data:image/png;base64,AAAA');
  for (const raw of ['/api/graphql', 'logo.png', 'javascript:alert(1)', 'data:image/svg+xml,<svg/>', 'data:text/html,x']) {
    assert.equal(urls.resolve(raw), null, raw);
  }
});
