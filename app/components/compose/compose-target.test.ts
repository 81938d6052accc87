import assert from 'node:assert/strict';
import { test } from 'node:test';
import { composeHref, parseComposeParam } from './compose-target';

test('each target survives the URL', () => {
  for (const target of [
    { mode: 'new' },
    { mode: 'restore' },
    { mode: 'reply', messageId: 'a1-b2' },
    { mode: 'replyAll', messageId: '42' },
    { mode: 'forward', messageId: '7' },
    { mode: 'draft', messageId: 'd-1' },
    { mode: 'saved', messageId: '0b5e3c1a-2f4d-4e6b-9a7c-1d2e3f4a5b6c' },
  ] as const) {
    const href = composeHref('/inbox', 'folder=3', target);
    assert.deepEqual(parseComposeParam(new URL(href, 'http://x').searchParams.get('compose')), target);
  }
});

test('junk is no target', () => {
  for (const value of [null, '', 'reply', 'reply:', 'send:1', 'reply:a b', `fwd:${'x'.repeat(65)}`]) {
    assert.equal(parseComposeParam(value), null, String(value));
  }
});

test('the rest of the selection stays; closing drops compose and mailto', () => {
  assert.equal(
    composeHref('/inbox', 'folder=3&message=9', { mode: 'reply', messageId: '9' }),
    '/inbox?folder=3&message=9&compose=reply%3A9',
  );
  assert.equal(composeHref('/inbox', 'folder=3&compose=new&mailto=mailto%3Aa%40b.c', null), '/inbox?folder=3');
  assert.equal(
    composeHref('/inbox', '', { mode: 'new' }, 'mailto:a@b.c?subject=Hi'),
    '/inbox?compose=new&mailto=mailto%3Aa%40b.c%3Fsubject%3DHi',
  );
});
