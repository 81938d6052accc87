import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifySendFailure } from './classify-send-failure.ts';

test('a 5xx reply is final, whatever was handed over', () => {
  assert.equal(classifySendFailure({ responseCode: 550, code: 'EENVELOPE' }, false), 'failed');
  assert.equal(classifySendFailure({ responseCode: 552, code: 'EMESSAGE' }, true), 'failed');
  assert.equal(classifySendFailure({ responseCode: 535, code: 'EAUTH' }, false), 'failed');
});

test('a 4xx reply means not taken: retry, even after the whole message went over', () => {
  assert.equal(classifySendFailure({ responseCode: 421, code: 'ECONNECTION' }, false), 'retry');
  assert.equal(classifySendFailure({ responseCode: 451, code: 'EMESSAGE' }, true), 'retry');
});

test('a broken connection: retry before the message was handed over, uncertain after', () => {
  assert.equal(classifySendFailure({ code: 'ECONNECTION' }, false), 'retry');
  assert.equal(classifySendFailure({ code: 'ETIMEDOUT' }, false), 'retry');
  assert.equal(classifySendFailure({ code: 'ESOCKET' }, true), 'uncertain');
  assert.equal(classifySendFailure({}, true), 'uncertain');
});

test('login and TLS problems without a reply code do not fix themselves', () => {
  assert.equal(classifySendFailure({ code: 'EAUTH' }, false), 'failed');
  assert.equal(classifySendFailure({ code: 'ETLS' }, false), 'failed');
});
