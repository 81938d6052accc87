import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decidePageAccess, isPagePath } from './decide-page-access.ts';

const admin = { isAdmin: true };
const user = { isAdmin: false };
const decide = (pathname: string, viewer: { isAdmin: boolean } | null, setupRequired = false, search = '') =>
  decidePageAccess({ pathname, search, setupRequired, viewer });

test('a fresh installation sends every page to /setup', () => {
  assert.deepEqual(decide('/', null, true), { type: 'redirect', location: '/setup' });
  assert.deepEqual(decide('/admin', null, true), { type: 'redirect', location: '/setup' });
  assert.deepEqual(decide('/setup', null, true), { type: 'render' });
});

test('after setup, /setup is gone', () => {
  assert.deepEqual(decide('/setup', null), { type: 'redirect', location: '/sign-in' });
  assert.deepEqual(decide('/setup', user), { type: 'redirect', location: '/inbox' });
});

test('signed-out visitors go to sign-in, remembering where they were going', () => {
  assert.deepEqual(decide('/inbox', null), { type: 'redirect', location: '/sign-in?next=%2Finbox' });
  assert.deepEqual(decide('/', null), { type: 'redirect', location: '/sign-in' });
  assert.deepEqual(decide('/sign-in', null), { type: 'render' });
  assert.deepEqual(decide('/sign-in', user, false, '?next=/admin'), { type: 'redirect', location: '/admin' });
});

test('/admin is for admins; others get forbidden', () => {
  assert.deepEqual(decide('/admin', admin), { type: 'render' });
  assert.deepEqual(decide('/admin/users', user), { type: 'forbidden' });
  assert.deepEqual(decide('/administrator', user), { type: 'render' }, 'only the /admin tree');
  assert.deepEqual(decide('/forbidden', null), { type: 'render' });
});

test('signed-in visitors of /sign-in follow `next` only within the site', () => {
  const location = (search: string) => {
    const access = decide('/sign-in', user, false, search);
    assert.equal(access.type, 'redirect');
    return access.type === 'redirect' ? access.location : '';
  };
  assert.equal(location('?next=/inbox'), '/inbox');
  assert.equal(location('?next=%2Fsettings%2Femail%3Ftab%3Dx'), '/settings/email?tab=x');
  assert.equal(location(''), '/inbox');
  // Issue 8, item 6: each of these left the site (or threw on the newline) before.
  for (const next of [
    '//evil.example',
    '/\\evil.example',
    'https://evil.example',
    '/%09/evil.example/x',
    '/%5Cevil.example',
    '/%0A',
    '/..//evil.example',
  ]) {
    assert.equal(location(`?next=${next}`), '/inbox', next);
  }
});

test('isPagePath skips assets and the API', () => {
  assert.equal(isPagePath('/inbox'), true);
  assert.equal(isPagePath('/_next/static/x.js'), false);
  assert.equal(isPagePath('/api/graphql'), false);
  assert.equal(isPagePath('/favicon.ico'), false);
});
