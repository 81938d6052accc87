import assert from 'node:assert/strict';
import { test } from 'node:test';
import contentDisposition from 'content-disposition';
import { asciiFallback, attachmentResponseHeaders, servedContentType } from './attachment-response-headers.ts';

const headersFor = (filename: string | null, contentType = 'application/pdf') =>
  attachmentResponseHeaders({ filename, contentType, size: 42 });

test('Content-Disposition is always attachment, RFC 6266: ASCII filename, filename* for the rest', () => {
  assert.equal(headersFor('../../etc/passwd')['content-disposition'], 'attachment; filename="passwd"');
  assert.equal(
    headersFor('Ansprechpartner Müller.csv')['content-disposition'],
    `attachment; filename="Ansprechpartner Muller.csv"; filename*=UTF-8''Ansprechpartner%20M%C3%BCller.csv`,
  );
  assert.equal(
    headersFor('請求書.pdf')['content-disposition'],
    `attachment; filename="_.pdf"; filename*=UTF-8''%E8%AB%8B%E6%B1%82%E6%9B%B8.pdf`,
  );
  assert.equal(headersFor(null)['content-disposition'], 'attachment; filename="attachment"');
  for (const hostile of ['a\r\nSet-Cookie: x=y', 'x'.repeat(1_000), '"quoted" \\ 100%.txt', '<b>bold</b>.html']) {
    const value = headersFor(hostile)['content-disposition']!;
    assert.doesNotMatch(value, /[^\x20-\x7e]/, 'one printable ASCII header line');
    const parsed = contentDisposition.parse(value);
    assert.equal(parsed.type, 'attachment');
    assert.ok(Buffer.byteLength(parsed.parameters.filename!) <= 200, hostile);
  }
});

test('active content is never served as itself; the rest keeps its type without parameters', () => {
  for (const active of [
    'text/html',
    'TEXT/HTML; charset=utf-8',
    'image/svg+xml',
    'application/xhtml+xml',
    'text/xml',
    'application/javascript',
    'text/javascript',
    'multipart/related',
    'message/rfc822',
  ]) {
    assert.equal(servedContentType(active), 'application/octet-stream', active);
  }
  assert.equal(servedContentType('application/pdf'), 'application/pdf');
  assert.equal(servedContentType('Image/PNG; name="a.png"'), 'image/png');
  assert.equal(servedContentType('text/csv\r\nX-Injected: 1'), 'application/octet-stream');
  assert.equal(servedContentType(''), 'application/octet-stream');
});

test('the response can be neither sniffed, rendered with script, framed nor cached by others', () => {
  const headers = headersFor('a.html', 'text/html');
  assert.equal(headers['content-type'], 'application/octet-stream');
  assert.equal(headers['x-content-type-options'], 'nosniff');
  assert.match(headers['content-security-policy']!, /^sandbox\b/);
  assert.equal(headers['cache-control'], 'private, no-store');
  assert.equal(headers['content-length'], '42');
});

test('the ASCII fallback drops accents and replaces what would need quoting', () => {
  assert.equal(asciiFallback('Crème brûlée.txt'), 'Creme brulee.txt');
  assert.equal(asciiFallback('a"b\\c%d'), 'a_b_c_d');
  assert.equal(asciiFallback('日本.pdf'), '_.pdf');
});
