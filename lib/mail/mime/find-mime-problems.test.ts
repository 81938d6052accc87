import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { findMimeProblems } from './find-mime-problems.ts';

const fixtures = new URL('../../../e2e/fixtures/mail/', import.meta.url);
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

/**
 * The broken-MIME corpus (lib/sync/fixtures/broken-mime, README there): each file is flagged with
 * the problem that is really there, each sentence once; the good ones are not flagged at all.
 */
const CUT_OFF = 'the closing boundary is missing (the message is cut off)';
const corpus: Array<[file: string, problems: string[]]> = [
  ['01-truncated-in-header.eml', ['the message is cut off inside its header: it has no body']],
  ['02-truncated-mid-text-part.eml', [`multipart/mixed: ${CUT_OFF}`, `multipart/alternative: ${CUT_OFF}`]],
  ['03-truncated-mid-base64.eml', [`multipart/mixed: ${CUT_OFF}`, 'application/pdf "statement-11.pdf": base64 data is cut off']],
  ['04-truncated-in-part-header.eml', [`multipart/mixed: ${CUT_OFF}`]],
  ['05-missing-closing-boundary.eml', [`multipart/mixed: ${CUT_OFF}`]],
  ['06-boundary-never-opened.eml', ['multipart/alternative: the boundary never appears, the message has no parts']],
  ['07-no-boundary-parameter.eml', ['multipart/mixed has no boundary parameter']],
  ['08-garbled-base64.eml', ['application/pdf "statement-11.pdf": base64 data contains invalid characters']],
  ['09-garbled-quoted-printable.eml', ['text/plain: quoted-printable data contains invalid escapes']],
  ['10-unknown-charset.eml', ['text/plain: unknown charset "x-mac-klingon", the text cannot be decoded']],
  ['11-invalid-utf-8.eml', ['text/plain: the text is not valid UTF-8']],
  ['12-nul-bytes.eml', ['text/plain: the content contains NUL bytes, which are dropped']],
  ['13-8bit-in-headers.eml', ['text/plain: the header contains 8-bit bytes that are not UTF-8 (RFC 6532), they cannot be read']],
  ['14-nested-multipart-truncated.eml', [`multipart/mixed: ${CUT_OFF}`, `multipart/alternative: ${CUT_OFF}`]],
  // Two multipart/mixed levels, both cut off: the sentence once, not twice.
  ['15-nested-same-type-truncated.eml', [`multipart/mixed: ${CUT_OFF}`]],
  [
    '16-unknown-transfer-encoding.eml',
    ['text/plain: unknown Content-Transfer-Encoding "x-uuencode", the content cannot be decoded'],
  ],
  ['17-cut-off-base64-single-part.eml', ['image/png "scan.png": base64 data is cut off']],
];
const brokenDir = new URL('../../sync/fixtures/broken-mime/', import.meta.url);
const goodDir = new URL('../../sync/fixtures/good-mime/', import.meta.url);

test('the broken-MIME corpus: every file is flagged with its specific problem, each sentence once', () => {
  const files = readdirSync(brokenDir).filter((name) => name.endsWith('.eml'));
  assert.deepEqual(files.sort(), corpus.map(([file]) => file).sort(), 'every fixture has a row in the table');
  for (const [file, expected] of corpus) {
    assert.deepEqual(findMimeProblems(readFileSync(new URL(file, brokenDir))), expected, file);
  }
});

test('the good corpus (RFC 6532 headers, soft line breaks, a misspelt known charset, no body) is not flagged', () => {
  const files = readdirSync(goodDir).filter((name) => name.endsWith('.eml'));
  assert.ok(files.length >= 6);
  for (const file of files) assert.deepEqual(findMimeProblems(readFileSync(new URL(file, goodDir))), [], file);
});
