import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, forwardedHtml, quotePlainText, quotedReplyHtml } from './quote-original';

test('plain text is quoted line by line, nested quotes without growing spaces', () => {
  assert.deepEqual(quotePlainText('Hi,\r\n\r\nsee below.\n> earlier\n\n'), ['> Hi,', '>', '> see below.', '>> earlier']);
});

test('a plain-text original is escaped and quoted under the intro', () => {
  assert.equal(
    quotedReplyHtml('On Monday, Ann wrote:', { text: '<b>hi</b> & bye\nAnn' }),
    '<p></p><p>On Monday, Ann wrote:</p><p>&#62; &#60;b&#62;hi&#60;/b&#62; &#38; bye<br>&#62; Ann</p>',
  );
});

test('an HTML original (already sanitized) goes into a blockquote; the intro is escaped', () => {
  assert.equal(
    quotedReplyHtml('On Monday, <Ann> wrote:', { html: '<p>Hello</p>' }),
    '<p></p><p>On Monday, &#60;Ann&#62; wrote:</p><blockquote><p>Hello</p></blockquote>',
  );
});

test('a forward carries a header block without empty rows, then the original inline', () => {
  assert.equal(
    forwardedHtml(
      '---------- Forwarded message ----------',
      [
        ['From', 'Ann <ann@x.nl>'],
        ['Cc', ''],
        ['Subject', 'Offer'],
      ],
      { text: 'Body' },
    ),
    '<p></p><p>---------- Forwarded message ----------<br>From: Ann &#60;ann@x.nl&#62;<br>Subject: Offer</p><p>Body</p>',
  );
  assert.equal(escapeHtml(`"'`), '&#34;&#39;');
});
