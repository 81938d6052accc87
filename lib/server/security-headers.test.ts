import assert from 'node:assert/strict';
import { test } from 'node:test';
import { securityHeaders } from './security-headers.ts';

const nonce = 'AAECAwQFBgcICQoLDA0ODw==';
const directives = (csp: string | undefined) =>
  new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );

test('a page: strict CSP with the nonce, no framing, private and not stored', () => {
  const headers = securityHeaders({ kind: 'page', nonce, dev: false, secure: false, host: '127.0.0.1:3000' });
  const csp = directives(headers['Content-Security-Policy']);
  assert.deepEqual(csp.get('script-src'), [`'nonce-${nonce}'`, "'strict-dynamic'"]);
  // Inline styles: the reader's srcdoc iframe inherits this policy (mail is styled by style="").
  assert.deepEqual(csp.get('style-src'), ["'self'", "'unsafe-inline'"]);
  assert.deepEqual(csp.get('object-src'), ["'none'"]);
  assert.deepEqual(csp.get('base-uri'), ["'none'"]);
  assert.deepEqual(csp.get('form-action'), ["'self'"]);
  assert.deepEqual(csp.get('frame-ancestors'), ["'none'"]);
  assert.deepEqual(csp.get('connect-src'), ["'self'", 'ws://127.0.0.1:3000', 'wss://127.0.0.1:3000']);
  assert.equal(csp.has('upgrade-insecure-requests'), false);
  assert.equal(headers['X-Frame-Options'], 'DENY');
  assert.equal(headers['X-Content-Type-Options'], 'nosniff');
  assert.equal(headers['Referrer-Policy'], 'no-referrer');
  assert.equal(headers['Cache-Control'], 'private, no-store');
  assert.equal(headers['Strict-Transport-Security'], undefined, 'no HSTS over plain HTTP');
});

test("dev mode alone allows 'unsafe-eval' (React's debug stacks); both allow inline styles", () => {
  const prod = directives(securityHeaders({ kind: 'page', nonce, dev: false, secure: false })['Content-Security-Policy']);
  const dev = directives(securityHeaders({ kind: 'page', nonce, dev: true, secure: false })['Content-Security-Policy']);
  assert.ok(!prod.get('script-src')!.includes("'unsafe-eval'"));
  assert.ok(dev.get('script-src')!.includes("'unsafe-eval'"));
  assert.deepEqual(dev.get('style-src'), prod.get('style-src'));
});

test('over HTTPS (COOKIE_SECURE): HSTS, upgraded requests, wss only', () => {
  const headers = securityHeaders({ kind: 'page', nonce, dev: false, secure: true, host: 'crm.example' });
  assert.equal(headers['Strict-Transport-Security'], 'max-age=31536000');
  const csp = directives(headers['Content-Security-Policy']);
  assert.ok(csp.has('upgrade-insecure-requests'));
  assert.deepEqual(csp.get('connect-src'), ["'self'", 'wss://crm.example']);
  assert.equal(securityHeaders({ kind: 'api', dev: false, secure: true })['Strict-Transport-Security'], 'max-age=31536000');
  assert.equal(
    securityHeaders({ kind: 'asset', nonce, dev: false, secure: true })['Strict-Transport-Security'],
    'max-age=31536000',
  );
});

test('a Host header that is not a plain host[:port] never reaches the policy', () => {
  for (const host of ["evil.test; script-src 'unsafe-inline'", 'a b', 'evil.test/x', '']) {
    const csp = directives(securityHeaders({ kind: 'page', nonce, dev: false, secure: false, host })['Content-Security-Policy']);
    assert.deepEqual(csp.get('connect-src'), ["'self'"], host);
    assert.deepEqual(csp.get('script-src'), [`'nonce-${nonce}'`, "'strict-dynamic'"], host);
  }
  const v6 = directives(
    securityHeaders({ kind: 'page', nonce, dev: false, secure: false, host: '[::1]:8080' })['Content-Security-Policy'],
  );
  assert.deepEqual(v6.get('connect-src'), ["'self'", 'ws://[::1]:8080', 'wss://[::1]:8080']);
});

test('a page or asset without a proper nonce is a programming error', () => {
  assert.throws(() => securityHeaders({ kind: 'page', dev: false, secure: false }));
  assert.throws(() => securityHeaders({ kind: 'asset', dev: false, secure: false }));
  assert.throws(() => securityHeaders({ kind: 'page', nonce: "x' 'unsafe-inline", dev: false, secure: false }));
});

test('the API: not stored, not framed, nothing to render', () => {
  const headers = securityHeaders({ kind: 'api', dev: false, secure: false });
  assert.equal(headers['Cache-Control'], 'no-store');
  assert.equal(headers['Content-Security-Policy'], "default-src 'none'; frame-ancestors 'none'");
  assert.equal(headers['X-Frame-Options'], 'DENY');
  assert.equal(headers['X-Content-Type-Options'], 'nosniff');
  assert.equal(headers['Referrer-Policy'], 'no-referrer');
});

test('assets keep their own caching (Next: immutable under /_next/static), under the same document policy', () => {
  const headers = securityHeaders({ kind: 'asset', nonce, dev: false, secure: false });
  assert.equal(headers['Cache-Control'], undefined);
  assert.deepEqual(directives(headers['Content-Security-Policy']).get('script-src'), [`'nonce-${nonce}'`, "'strict-dynamic'"]);
  assert.equal(headers['X-Content-Type-Options'], 'nosniff');
});
