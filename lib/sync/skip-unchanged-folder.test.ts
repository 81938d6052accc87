import assert from 'node:assert/strict';
import { test } from 'node:test';
import { skipUnchangedFolder, statusFingerprint } from './skip-unchanged-folder.ts';

test('a fingerprint needs UIDNEXT, MESSAGES and UNSEEN', () => {
  assert.equal(statusFingerprint({ uidNext: 9, messages: 5, unseen: 1 }), '9/5/1');
  assert.equal(statusFingerprint({ uidNext: 9, messages: 5 }), null);
  assert.equal(statusFingerprint(undefined), null);
});

test('an unchanged folder is skipped between full checks; a change or a full-check round looks inside', () => {
  const same = { previous: '9/5/1', current: '9/5/1', fullCheckRounds: 10 };
  assert.equal(skipUnchangedFolder({ ...same, round: 3 }), true);
  assert.equal(skipUnchangedFolder({ ...same, round: 10 }), false, 'every 10th round is a full check');
  assert.equal(skipUnchangedFolder({ ...same, round: 0 }), false, 'the first round always looks');
  assert.equal(skipUnchangedFolder({ ...same, current: '9/4/1', round: 3 }), false, 'an expunge moves MESSAGES');
  assert.equal(skipUnchangedFolder({ ...same, current: '9/5/0', round: 3 }), false, '\\Seen moves UNSEEN');
  assert.equal(skipUnchangedFolder({ ...same, current: '10/6/2', round: 3 }), false, 'new mail moves UIDNEXT');
});

test('without a comparison (first sight, or STATUS said too little) the folder is looked at', () => {
  assert.equal(skipUnchangedFolder({ previous: undefined, current: '9/5/1', round: 3, fullCheckRounds: 10 }), false);
  assert.equal(skipUnchangedFolder({ previous: '9/5/1', current: null, round: 3, fullCheckRounds: 10 }), false);
});
