import assert from 'node:assert/strict';
import { test } from 'node:test';
import { draftFromStored } from './compose-draft.ts';
import { htmlWithCids, htmlWithUploadUrls } from './html-with-cids.ts';

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

test('a resumed draft shows its cid: images from their uploads, and saving names them cid: again', () => {
  const stored = {
    accountId: 'acc',
    to: [],
    cc: [],
    bcc: [],
    subject: 'Met plaatje',
    text: '',
    html: '<p>Zie:</p><p><img src="cid:plak-1@inline"><img src="cid:unknown@x"></p>',
    draftId: 'd-1',
    attachments: [],
    inlineImages: [
      { contentId: 'plak-1@inline', upload: { id: 'u-9', filename: 'plak.png', contentType: 'image/png', size: 68 } },
    ],
  };
  const draft = draftFromStored(stored);
  assert.equal(draft.html, '<p>Zie:</p><p><img src="/api/uploads/u-9"><img src="cid:unknown@x"></p>');
  assert.deepEqual(draft.inlineUploads, [{ ...stored.inlineImages[0], src: '/api/uploads/u-9' }]);
  const saved = htmlWithCids(draft.html, [{ src: '/api/uploads/u-9', uploadId: 'u-9', contentId: 'plak-1@inline' }]);
  assert.equal(saved.html, stored.html);
  assert.deepEqual(saved.inlineImages, [{ uploadId: 'u-9', contentId: 'plak-1@inline' }]);
  assert.equal(htmlWithUploadUrls('<img src="cid:a@b">', []), '<img src="cid:a@b">');
  // An upload's URL that is none of the images (removed) means nothing outside this tab.
  assert.equal(htmlWithCids('<p>a<img src="/api/uploads/u-0">b</p>', []).html, '<p>ab</p>');
});
