import assert from 'node:assert/strict';
import { test } from 'node:test';
import { htmlWithCids } from './html-with-cids.ts';

const logo = { src: 'blob:http://localhost:3000/1f0c', uploadId: 'u-1', contentId: 'a1@inline' };
const chart = { src: 'blob:http://localhost:3000/9e2d', uploadId: 'u-2', contentId: 'b2@inline' };

test('pasted images are named by cid and listed once, in the order the text shows them', () => {
  const html = `<p>Hi <img src="${chart.src}" alt="">, and <img class="x" src="${logo.src}"> again <img src="${chart.src}"></p>`;
  const sent = htmlWithCids(html, [logo, chart]);
  assert.equal(
    sent.html,
    '<p>Hi <img src="cid:b2@inline" alt="">, and <img class="x" src="cid:a1@inline"> again <img src="cid:b2@inline"></p>',
  );
  assert.deepEqual(sent.inlineImages, [
    { uploadId: 'u-2', contentId: 'b2@inline' },
    { uploadId: 'u-1', contentId: 'a1@inline' },
  ]);
});

test('an object URL that is no uploaded image is dropped', () => {
  const sent = htmlWithCids('<p>a<img src="blob:http://localhost:3000/dead" alt="x">b</p>', [logo]);
  assert.equal(sent.html, '<p>ab</p>');
  assert.deepEqual(sent.inlineImages, []);
});

test('an image removed from the text is not sent; other images and text stay as they are', () => {
  const html =
    '<p>src="blob:http://localhost:3000/1f0c"</p><img src="https://example.com/pic.png"><img data-src="x" src="cid:old@x">';
  const sent = htmlWithCids(html, [logo]);
  assert.equal(sent.html, html);
  assert.deepEqual(sent.inlineImages, []);
});
