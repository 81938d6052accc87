import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { findMimeProblems } from './find-mime-problems.ts';

const fixtures = new URL('../../e2e/fixtures/mail/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, fixtures));

test('the broken-MIME fixture: missing close-delimiter and cut-off base64 are both found', () => {
  const problems = findMimeProblems(fixture('06-broken-mime.eml'));
  assert.deepEqual(problems, [
    'multipart/mixed: the closing boundary is missing (the message is cut off)',
    'application/pdf "invoice-2025-1187.pdf": base64 data is cut off',
  ]);
});

test('the well-formed fixtures have no problems', () => {
  const names = readdirSync(fixtures).filter((name) => name.endsWith('.eml') && !name.startsWith('06-'));
  assert.ok(names.length >= 5);
  for (const name of names) assert.deepEqual(findMimeProblems(fixture(name)), [], name);
});

test('CRLF line ends, transport padding and nesting are understood', () => {
  const raw = [
    'Content-Type: multipart/mixed; boundary=outer',
    '',
    '--outer  ',
    'Content-Type: multipart/alternative;',
    ' boundary="inner"',
    '',
    '--inner',
    'Content-Type: text/plain',
    '',
    'hi',
    '--inner--',
    '--outer',
    'Content-Type: image/png; name=a.png',
    'Content-Transfer-Encoding: base64',
    '',
    'iVBORw0K',
    'GgoAAAA=',
    '--outer--',
    '',
  ].join('\r\n');
  assert.deepEqual(findMimeProblems(Buffer.from(raw)), []);
});

test('a multipart whose boundary never appears is reported, not thrown', () => {
  const raw = 'Content-Type: multipart/mixed; boundary=zzz\n\njust text\n';
  assert.deepEqual(findMimeProblems(Buffer.from(raw)), ['multipart/mixed: the boundary never appears, the message has no parts']);
  assert.deepEqual(findMimeProblems(Buffer.from('')), []);
});
