import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OutboxEditView } from './compose-queries';
import { draftFromOutboxEdit } from './outbox-edit-draft';

const EDIT: OutboxEditView = {
  outboxId: 'o1',
  accountId: 'a1',
  to: ['Bob <bob@x.nl>'],
  cc: [],
  bcc: ['boss@x.nl'],
  subject: 'Re: A question',
  text: 'Line 1\nLine <2>',
  html: null,
  replyToMessageId: 'm1',
  attachments: [{ id: 'u1', filename: 'offer.pdf', contentType: 'application/pdf', size: 14 }],
  archive: null,
};

test('an edited outbox message keeps its thread, its files and its place in the outbox', () => {
  const draft = draftFromOutboxEdit(EDIT);
  assert.equal(draft.replyToMessageId, 'm1');
  assert.deepEqual(draft.uploads, EDIT.attachments);
  assert.equal(draft.outboxId, 'o1');
  assert.deepEqual([draft.accountId, draft.to, draft.bcc, draft.subject], ['a1', EDIT.to, EDIT.bcc, 'Re: A question']);
  assert.equal(draft.forwardMessageId, null, 'a forward’s files are already among the uploads');
});

test('a plain-text message becomes escaped paragraphs; HTML is taken as it is', () => {
  assert.equal(draftFromOutboxEdit(EDIT).html, '<p>Line 1</p><p>Line &#60;2&#62;</p>');
  assert.equal(draftFromOutboxEdit({ ...EDIT, html: '<p>Hi</p>' }).html, '<p>Hi</p>');
});

test('Send and archive comes back as the message had it', () => {
  const archive = {
    targets: [{ kind: 'PERSON' as const, id: 'p1', name: 'Piet' }],
    category: 'Quote',
    visibility: 'PRIVATE' as const,
  };
  assert.deepEqual(draftFromOutboxEdit({ ...EDIT, archive }).archive, archive);
  assert.equal(draftFromOutboxEdit(EDIT).archive, null);
});
