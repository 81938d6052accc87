import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mailboxAddressFromClaims } from './mailbox-address-from-claims.ts';

test('Google: the e-mail claim only when Google verified it', () => {
  assert.equal(mailboxAddressFromClaims('google', { email: 'ann@gmail.com', email_verified: true }), 'ann@gmail.com');
  assert.equal(mailboxAddressFromClaims('google', { email: 'ann@gmail.com', email_verified: false }), null);
  assert.equal(mailboxAddressFromClaims('google', { email: 'ann@gmail.com' }), null);
  assert.equal(mailboxAddressFromClaims('google', { email: 'ann@gmail.com', email_verified: 'true' }), null);
  assert.equal(mailboxAddressFromClaims('google', { preferred_username: 'ann@gmail.com' }), null);
});

test('Microsoft: e-mail, else the UPN; nothing that is not an address', () => {
  assert.equal(
    mailboxAddressFromClaims('microsoft', { email: 'bob@contoso.com', preferred_username: 'b@x.com' }),
    'bob@contoso.com',
  );
  assert.equal(mailboxAddressFromClaims('microsoft', { preferred_username: 'bob@contoso.com' }), 'bob@contoso.com');
  assert.equal(mailboxAddressFromClaims('microsoft', { email: 'not an address', preferred_username: 'bob' }), null);
  assert.equal(mailboxAddressFromClaims('microsoft', undefined), null);
});
