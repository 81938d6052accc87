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

test('LF-only line ends are understood, and damage is still found', () => {
  const raw = [
    'Content-Type: multipart/mixed; boundary=outer',
    '',
    '--outer',
    'Content-Type: multipart/alternative;',
    ' boundary="inner"',
    '',
    '--inner',
    'Content-Type: text/plain',
    '',
    'hi',
    '--inner--',
    '--outer\t',
    'Content-Type: image/png; name=a.png',
    'Content-Transfer-Encoding: base64',
    '',
    'iVBORw0K',
    'GgoAAAA',
    '',
  ].join('\n');
  assert.deepEqual(findMimeProblems(Buffer.from(raw)), [
    'multipart/mixed: the closing boundary is missing (the message is cut off)',
    'image/png "a.png": base64 data is cut off',
  ]);
  assert.deepEqual(findMimeProblems(Buffer.from(raw.replace('GgoAAAA\n', 'GgoAAAA=\n--outer--\n'))), []);
});

test('a line that only starts with the delimiter is part content, not a delimiter', () => {
  const raw = [
    'Content-Type: multipart/mixed; boundary=b',
    '',
    '--b',
    'Content-Transfer-Encoding: base64',
    '',
    'QUJD',
    '--bb',
    '--b-- not the end',
    '',
  ].join('\r\n');
  assert.deepEqual(findMimeProblems(Buffer.from(raw)), [
    'multipart/mixed: the closing boundary is missing (the message is cut off)',
    'text/plain: base64 data contains invalid characters',
  ]);
});

test('a part that starts with an empty line has no headers; its body starts after that line', () => {
  const raw = [
    'Content-Type: multipart/mixed; boundary=b',
    '',
    '--b',
    '',
    'Content-Type: multipart/mixed; boundary=never',
    '',
    'This is text/plain body text, not a header block.',
    '--b--',
    '',
  ].join('\r\n');
  assert.deepEqual(findMimeProblems(Buffer.from(raw)), []);
});

test('an invalid character in the middle of a long base64 body is found', () => {
  const message = (lines: string[]) =>
    Buffer.from(
      ['Content-Type: application/octet-stream', 'Content-Transfer-Encoding: base64', '', ...lines, ''].join('\r\n'),
      'latin1',
    );
  const lines = Array.from({ length: 2000 }, () => 'QUJD'.repeat(19));
  assert.deepEqual(findMimeProblems(message(lines)), []);
  lines[1000] = `${'QUJD'.repeat(9)}Q\u00e9JD${'QUJD'.repeat(9)}`;
  assert.deepEqual(findMimeProblems(message(lines)), ['application/octet-stream: base64 data contains invalid characters']);
});

test('the preamble and the epilogue belong to no part', () => {
  const raw = [
    'Content-Type: multipart/mixed; boundary=b',
    '',
    'This is a multi-part message in MIME format.',
    '--b is the boundary, but this line is not a delimiter.',
    '--b',
    'Content-Type: text/plain',
    '',
    'hello',
    '--b--',
    'An epilogue: not base64 !!!, and --b does not open a part here.',
    '--b',
    'Content-Transfer-Encoding: base64',
    '',
    'cut',
  ].join('\r\n');
  assert.deepEqual(findMimeProblems(Buffer.from(raw)), []);
});
