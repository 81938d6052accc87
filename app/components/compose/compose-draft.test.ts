import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMailto } from '../../../lib/compose/parse-mailto';
import { draftFromMailto, draftFromMessage, draftFromStored, type OriginalMessage, type QuoteWords } from './compose-draft';

const original: OriginalMessage = {
  id: 'm1',
  accountId: 'acc2',
  subject: 'Re: Offer',
  from: [{ name: 'Ann', address: 'ann@x.nl' }],
  replyTo: [],
  to: [{ name: '', address: 'me@crm.test' }],
  cc: [{ name: '', address: 'bob@y.com' }],
  attachments: [{ filename: 'a.pdf', size: 10 }],
};
const words: QuoteWords = {
  intro: 'On 1 Dec, Ann wrote:',
  forwardTitle: 'Forwarded message',
  labels: { from: 'From', date: 'Date', subject: 'Subject', to: 'To', cc: 'Cc' },
  date: '1 Dec',
};

test('a reply answers from the receiving account, quotes, and names the message it answers', () => {
  const draft = draftFromMessage(original, 'reply', ['me@crm.test'], words, { text: 'Hi' });
  assert.equal(draft.accountId, 'acc2');
  assert.deepEqual([draft.to, draft.cc], [['Ann <ann@x.nl>'], []]);
  assert.equal(draft.subject, 'Re: Offer');
  assert.equal(draft.replyToMessageId, 'm1');
  assert.equal(draft.html, '<p></p><p>On 1 Dec, Ann wrote:</p><p>&#62; Hi</p>');
  assert.deepEqual(draftFromMessage(original, 'replyAll', ['me@crm.test'], words, { text: 'Hi' }).cc, ['bob@y.com']);
});

test('a forward has no recipients, carries the attachments and the header block', () => {
  const draft = draftFromMessage(original, 'forward', ['me@crm.test'], words, { html: '<p>Hi</p>' });
  assert.deepEqual([draft.to, draft.cc, draft.replyToMessageId], [[], [], null]);
  assert.equal(draft.subject, 'Fwd: Re: Offer');
  assert.equal(draft.forwardMessageId, 'm1');
  assert.deepEqual(draft.forwardedAttachments, original.attachments);
  assert.match(
    draft.html,
    /Forwarded message<br>From: Ann &#60;ann@x.nl&#62;<br>Date: 1 Dec<br>Subject: Re: Offer<br>To: me@crm.test<br>Cc: bob@y.com<\/p><p>Hi<\/p>$/,
  );
});

test('a mailto link fills every field; unreadable addresses come along to be flagged', () => {
  const draft = draftFromMailto(
    parseMailto('mailto:ann@x.nl,nope?cc=bob@y.com&bcc=c@z.org&subject=Hi%20there&body=a%0D%0A%3Cb%3E')!,
  );
  assert.deepEqual(
    [draft.to, draft.cc, draft.bcc, draft.subject],
    [['ann@x.nl', 'nope'], ['bob@y.com'], ['c@z.org'], 'Hi there'],
  );
  assert.equal(draft.html, '<p>a</p><p>&#60;b&#62;</p>');
});

test('a stored draft keeps its id and uploads; plain text becomes paragraphs', () => {
  const upload = { id: 'u1', filename: 'a.pdf', contentType: 'application/pdf', size: 3 };
  const draft = draftFromStored({
    accountId: 'acc',
    to: ['ann@x.nl'],
    cc: [],
    bcc: ['b@y.com'],
    subject: 'Half',
    html: null,
    text: 'one\n<two>',
    draftId: 'd1',
    attachments: [upload],
  });
  assert.deepEqual(
    [draft.accountId, draft.to, draft.bcc, draft.subject, draft.draftId],
    ['acc', ['ann@x.nl'], ['b@y.com'], 'Half', 'd1'],
  );
  assert.equal(draft.html, '<p>one</p><p>&#60;two&#62;</p>');
  assert.deepEqual(draft.uploads, [upload]);
});
