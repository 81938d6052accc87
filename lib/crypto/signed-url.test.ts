import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCredentialsKey } from './mail-credentials-key.ts';
import { createUrlSigner, EXPIRY_STEP_MS, SIGNED_URL_TTL_MS, type Capability } from './signed-url.ts';

const key = (byte: number) => loadCredentialsKey(Buffer.alloc(32, byte).toString('base64'), '/nonexistent');

test('a signature verifies for exactly its user, kind, subject and expiry, until it expires', () => {
  const signer = createUrlSigner(key(1));
  const now = Date.UTC(2026, 11, 1, 12, 1, 0);
  const capability: Capability = {
    userId: 'u1',
    kind: 'image-proxy',
    subject: ['m1', 'https://a.example/x.png'],
    expires: signer.expiry(now),
  };
  const signature = signer.sign(capability);
  assert.equal(signature.length, 43);
  assert.ok(signer.verify(capability, signature, now));
  assert.ok(capability.expires - now >= SIGNED_URL_TTL_MS && capability.expires - now < SIGNED_URL_TTL_MS + EXPIRY_STEP_MS);
  assert.equal(signer.expiry(now + 1000), capability.expires, 'the same URLs for a message opened again soon after');
  const altered: Capability[] = [
    { ...capability, userId: 'u2' },
    { ...capability, kind: 'inline' },
    { ...capability, subject: ['m2', 'https://a.example/x.png'] },
    { ...capability, subject: ['m1', 'https://a.example/y.png'] },
    { ...capability, subject: ['m1,https://a.example/x.png'] },
    { ...capability, expires: capability.expires + 1 },
  ];
  for (const other of altered) assert.equal(signer.verify(other, signature, now), false, JSON.stringify(other));
  assert.equal(signer.verify(capability, signature, capability.expires), false, 'expired');
  const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
  assert.equal(signer.verify(capability, flipped, now), false);
  assert.equal(signer.verify(capability, signature.slice(1), now), false);
  assert.equal(createUrlSigner(key(2)).verify(capability, signature, now), false, 'another deployment’s key');
});
