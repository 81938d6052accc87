import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forwardSubject, replySubject } from './reply-subject';

test('a reply gets one "Re: " however many markers the subject had', () => {
  assert.equal(replySubject('Offer'), 'Re: Offer');
  assert.equal(replySubject('Re: Offer'), 'Re: Offer');
  assert.equal(replySubject('RE: re:Offer'), 'Re: Offer');
  assert.equal(replySubject('AW: Antw: Offer'), 'Re: Offer');
  assert.equal(replySubject('Re[2]: Offer'), 'Re: Offer');
  assert.equal(replySubject(''), 'Re:');
});

test('a reply to a forward keeps the forward marker; words that start like markers stay', () => {
  assert.equal(replySubject('Fwd: Offer'), 'Re: Fwd: Offer');
  assert.equal(replySubject('Revenue report'), 'Re: Revenue report');
  assert.equal(replySubject('Aware: yes'), 'Re: Aware: yes');
});

test('a forward gets one "Fwd: "', () => {
  assert.equal(forwardSubject('Offer'), 'Fwd: Offer');
  assert.equal(forwardSubject('Fw: FWD: Offer'), 'Fwd: Offer');
  assert.equal(forwardSubject('Re: Offer'), 'Fwd: Re: Offer');
  assert.equal(forwardSubject('Doorst: Offer'), 'Fwd: Offer');
});
