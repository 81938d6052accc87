import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCookie, sessionCookie } from './cookies.ts';

test('readCookie finds one cookie among several', () => {
  assert.equal(readCookie('a=1; crm_session=abc%20d; b=2', 'crm_session'), 'abc d');
  assert.equal(readCookie('a=1', 'crm_session'), undefined);
  assert.equal(readCookie(undefined, 'crm_session'), undefined);
  assert.equal(readCookie('crm_session=%E0%A4%A', 'crm_session'), undefined, 'bad escapes are ignored');
});

test('sessionCookie is httpOnly and SameSite, Secure when asked', () => {
  const cookie = sessionCookie('tok', { secure: false, maxAge: 60 });
  assert.match(cookie, /^crm_session=tok; Path=\/; HttpOnly; SameSite=Lax; Max-Age=60$/);
  assert.match(sessionCookie('tok', { secure: true, maxAge: 0 }), /Max-Age=0; Secure$/);
});
