import assert from 'node:assert/strict';
import { test } from 'node:test';
import { absoluteRemoteUrl, findRemoteContent } from './find-remote-content.ts';

test('every way HTML loads a remote resource is found, with the absolute URL it loads', () => {
  const html = `<html><head>
    <link rel="stylesheet" href="https://cdn.example/news.css">
    <link rel="icon" href="https://cdn.example/favicon.ico">
    <style>/* url(https://comment.example/x.png) */
      @import "https://fonts.example/a.css";
      @import url('https://fonts.example/b.css');
      body { background: url( "https://img.example/bg.png" ) }
    </style></head>
    <body background="http://img.example/old-bg.gif">
    <table><td background="//img.example/cell.png"></td></table>
    <img src=" https://track.example/pixel.gif?u=1&amp;m=2 ">
    <img srcset="https://img.example/a,1.png 1x, https://img.example/b.png 2x,https://img.example/c.png 3x">
    <picture><source srcset="https://img.example/d.webp"></picture>
    <video poster="https://img.example/poster.jpg"></video>
    <div style="background-image:url(https://img.example/div.png)">x</div>
    <svg><image href="https://img.example/svg.png"/></svg>
    <img src="cid:logo@example.test"><img src="CID:%3Cphoto@x%3E">
    <img src="data:image/png;base64,AAAA"><img src="/relative.png"><img src="javascript:alert(1)">
    <img src="https://user:pw@img.example/creds.png">
    <a href="https://link.example/not-loaded">link</a>
  </body></html>`;
  const found = findRemoteContent(html);
  assert.deepEqual(found.remote.map((r) => r.url).sort(), [
    'http://img.example/old-bg.gif',
    'https://cdn.example/news.css',
    'https://fonts.example/a.css',
    'https://fonts.example/b.css',
    'https://img.example/a,1.png',
    'https://img.example/b.png',
    'https://img.example/bg.png',
    'https://img.example/c.png',
    'https://img.example/cell.png',
    'https://img.example/d.webp',
    'https://img.example/div.png',
    'https://img.example/poster.jpg',
    'https://img.example/svg.png',
    'https://track.example/pixel.gif?u=1&m=2',
  ]);
  const pixel = found.remote.find((r) => r.url.includes('pixel'));
  assert.equal(pixel?.original, 'https://track.example/pixel.gif?u=1&m=2', 'as the DOM reads the attribute, trimmed');
  assert.equal(found.remote.find((r) => r.url.includes('cell'))?.original, '//img.example/cell.png');
  assert.deepEqual(found.cids, ['logo@example.test', 'photo@x']);
});

test('the same reference is listed once, and the list is bounded', () => {
  const many = Array.from(
    { length: 600 },
    (_, i) => `<img src="https://img.example/${i}.png"><img src="https://img.example/0.png">`,
  );
  const found = findRemoteContent(many.join(''));
  assert.equal(found.remote.length, 500);
  assert.equal(new Set(found.remote.map((r) => r.original)).size, 500);
});

test('absoluteRemoteUrl: http(s) only, protocol-relative as https', () => {
  assert.equal(absoluteRemoteUrl('//a.example/x'), 'https://a.example/x');
  assert.equal(absoluteRemoteUrl('HTTP://A.example/x'), 'http://a.example/x');
  for (const bad of ['ftp://a.example/x', 'x.png', 'https://', 'mailto:a@b']) assert.equal(absoluteRemoteUrl(bad), null, bad);
});
