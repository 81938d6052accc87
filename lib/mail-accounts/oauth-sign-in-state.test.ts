import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CredentialsKey } from '../crypto/mail-credentials-key.ts';
import { openSignInState, sealSignInState, type OAuthSignInState } from './oauth-sign-in-state.ts';

const key: CredentialsKey = { key: Buffer.alloc(32, 3), keyId: '0badc0de' };
const state: OAuthSignInState = {
  provider: 'google',
  state: 'st',
  codeVerifier: 'verifier-never-shown',
  redirectUri: 'https://crm.example/api/oauth/callback',
  sessionHash: 'a'.repeat(64),
  returnTo: '/inbox',
  expiresAt: 2_000,
};

test('the sealed state opens for its session before it expires, and hides the verifier', () => {
  const sealed = sealSignInState(state, key);
  assert.ok(!sealed.includes('verifier-never-shown'));
  assert.deepEqual(openSignInState(sealed, state.sessionHash, key, 1_000), state);
});

test('another session, an expired, altered or foreign state does not open', () => {
  const sealed = sealSignInState(state, key);
  assert.equal(openSignInState(sealed, 'b'.repeat(64), key, 1_000), null, 'another session');
  assert.equal(openSignInState(sealed, state.sessionHash, key, 2_001), null, 'expired');
  const flipped = sealed.slice(0, -3) + (sealed.at(-3) === 'A' ? 'B' : 'A') + sealed.slice(-2);
  assert.equal(openSignInState(flipped, state.sessionHash, key, 1_000), null, 'altered');
  assert.equal(openSignInState(sealed, state.sessionHash, { key: Buffer.alloc(32, 4), keyId: '0badc0de' }, 1_000), null);
  assert.equal(openSignInState(undefined, state.sessionHash, key), null);
  assert.equal(openSignInState('x'.repeat(5000), state.sessionHash, key), null);
});
