// HighlightedText: the API's UTF-16 ranges become <mark> around text, and mail text stays text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { HighlightedText } from './highlighted-text';

const render = (text: string, matches: Array<{ start: number; length: number }>) =>
  renderToStaticMarkup(createElement(HighlightedText, { value: { text, matches } }));

test('ranges count UTF-16 code units: a word after an emoji (two units) is marked whole', () => {
  assert.equal(render('😀 offerte maart', [{ start: 3, length: 7 }]), '😀 <mark>offerte</mark> maart');
});

test('markup in the mail stays text', () => {
  assert.equal(render('<b>offerte</b>', [{ start: 3, length: 7 }]), '&lt;b&gt;<mark>offerte</mark>&lt;/b&gt;');
});

test('unsorted, overlapping and out-of-range ranges are clipped, never duplicated', () => {
  assert.equal(
    render('abcdef', [
      { start: 4, length: 10 },
      { start: 0, length: 3 },
      { start: 1, length: 1 },
    ]),
    '<mark>abc</mark>d<mark>ef</mark>',
  );
});
