// The mark-read cookie: what each value means, and that anything else falls back to "when opened".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markReadCookieValue, markReadFromCookies, parseMarkRead } from './mark-read-choice';

test('the three choices survive the cookie', () => {
  for (const choice of [{ when: 'open' }, { when: 'never' }, { when: 'after', seconds: 7 }] as const) {
    assert.deepEqual(parseMarkRead(markReadCookieValue(choice)), choice);
  }
});

test('no cookie, junk and out-of-range delays are the default: when opened', () => {
  for (const value of [undefined, '', 'soon', '0', '61', '-3', '2.5', '007', '1e1']) {
    assert.deepEqual(parseMarkRead(value), { when: 'open' }, String(value));
  }
  assert.deepEqual(parseMarkRead('1'), { when: 'after', seconds: 1 });
  assert.deepEqual(parseMarkRead('60'), { when: 'after', seconds: 60 });
});

test('found among the other cookies of document.cookie', () => {
  assert.deepEqual(markReadFromCookies('theme=dark; mark-read=never; locale=nl'), { when: 'never' });
  assert.deepEqual(markReadFromCookies('locale=nl;mark-read=12'), { when: 'after', seconds: 12 });
  assert.deepEqual(markReadFromCookies('x-mark-read=never'), { when: 'open' });
  assert.deepEqual(markReadFromCookies(''), { when: 'open' });
});
