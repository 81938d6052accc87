import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_NEXT_PATH, safeNextPath } from './safe-next-path.ts';

// Inputs as `URLSearchParams.get('next')` returns them (already percent-decoded once), from
// `/sign-in?next=…` links an attacker could send. None may leave the site.
const HOSTILE: Array<[label: string, raw: string]> = [
  ['tab after the slash (%09)', '/\t/evil.test/path'],
  ['tab, still encoded once more', '/%09/evil.test'],
  ['backslash (%5C)', '/\\evil.test'],
  ['backslash, still encoded', '/%5Cevil.test'],
  ['two backslashes', '/\\\\evil.test'],
  ['backslash first', '\\/evil.test'],
  ['protocol-relative', '//evil.test'],
  ['protocol-relative with path', '//evil.test/inbox'],
  ['newline (%0A) — was a 500', '/\n'],
  ['newline, still encoded', '/%0A'],
  ['carriage return + header', '/\r\nSet-Cookie: x=1'],
  ['absolute URL', 'https://evil.test'],
  ['absolute URL, other scheme', 'http://evil.test/inbox'],
  ['javascript:', 'javascript:alert(document.cookie)'],
  ['data:', 'data:text/html,<script>alert(1)</script>'],
  ['scheme-relative single slash', 'https:/evil.test'],
  ['dot segments to //', '/..//evil.test'],
  ['dot segment to //', '/.//evil.test'],
  ['encoded dot segments to //', '/%2e%2e//evil.test'],
  ['encoded slash', '/%2F/evil.test'],
  ['NUL', '/\u0000/evil.test'],
  ['DEL', '/\u007f/evil.test'],
  ['C1 control', '/\u0085/evil.test'],
  ['no-break space', '/\u00a0/evil.test'],
  ['line separator', '/\u2028/evil.test'],
  ['ideographic space', '/\u3000/evil.test'],
  ['ideographic space, encoded', '/%E3%80%80/evil.test'],
  ['byte-order mark', '/\ufeff/evil.test'],
  ['right-to-left override', '/\u202e/tset.live//'],
  ['zero-width space', '/\u200b/evil.test'],
  ['leading space', ' /inbox'],
  ['malformed percent-encoding', '/%E0%A4%A'],
  ['empty', ''],
  ['too long', '/' + 'a'.repeat(5000)],
];

for (const [label, raw] of HOSTILE) {
  test(`safeNextPath refuses: ${label}`, () => {
    assert.equal(safeNextPath(raw), DEFAULT_NEXT_PATH);
  });
}

test('safeNextPath keeps local paths, with query and fragment, percent-encoded', () => {
  assert.equal(safeNextPath('/inbox'), '/inbox');
  assert.equal(safeNextPath('/admin'), '/admin');
  assert.equal(safeNextPath('/settings/email?tab=servers#imap'), '/settings/email?tab=servers#imap');
  assert.equal(safeNextPath('/inbox/é'), '/inbox/%C3%A9');
});

test('safeNextPath: unicode look-alikes of the slash stay a local path', () => {
  // U+FF0F FULLWIDTH SOLIDUS and U+2215 DIVISION SLASH are not slashes to the URL parser.
  assert.equal(safeNextPath('/\uff0f\uff0fevil.test'), '/%EF%BC%8F%EF%BC%8Fevil.test');
  assert.equal(safeNextPath('/\u2215evil.test'), '/%E2%88%95evil.test');
});

test('safeNextPath: a missing parameter lands in the inbox', () => {
  assert.equal(safeNextPath(null), DEFAULT_NEXT_PATH);
  assert.equal(safeNextPath(undefined), DEFAULT_NEXT_PATH);
});

test('safeNextPath: whatever comes back, a browser resolves it on the same origin', () => {
  const origin = 'https://crm.example';
  const inputs = [...HOSTILE.map(([, raw]) => raw), '/inbox', '/\uff0fevil.test', '/a/../b?x=1#y'];
  for (const raw of inputs) {
    const result = safeNextPath(raw);
    assert.equal(new URL(result, origin).origin, origin, JSON.stringify(raw));
    assert.match(result, /^\/(?!\/)[\x21-\x7e]*$/, `printable ASCII path for ${JSON.stringify(raw)}`);
  }
});
