import assert from 'node:assert/strict';
import { test } from 'node:test';
import { oauthRedirectUri } from './oauth-redirect-uri.ts';

test('without PUBLIC_URL: the origin the browser used, https when the cookie is Secure', () => {
  const request = { publicUrl: undefined, secure: false, host: 'crm.example.com:3000', port: 3000 };
  assert.equal(oauthRedirectUri(request), 'http://crm.example.com:3000/api/oauth/callback');
  assert.equal(oauthRedirectUri({ ...request, secure: true }), 'https://crm.example.com:3000/api/oauth/callback');
  assert.equal(oauthRedirectUri({ ...request, host: undefined }), 'http://localhost:3000/api/oauth/callback');
});

test('with PUBLIC_URL: always that origin, whatever Host the request names', () => {
  for (const host of ['crm-upstream:3000', 'evil.test', undefined])
    assert.equal(
      oauthRedirectUri({ publicUrl: 'https://crm.example.com', secure: false, host, port: 3000 }),
      'https://crm.example.com/api/oauth/callback',
    );
  assert.equal(
    oauthRedirectUri({ publicUrl: 'http://127.0.0.1:8080', secure: true, host: 'x', port: 3000 }),
    'http://127.0.0.1:8080/api/oauth/callback',
  );
});
