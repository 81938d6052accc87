import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_ATTACHMENT_NAME_BYTES, safeAttachmentName } from './safe-attachment-name.ts';

test('hostile names from MIME headers become plain file names', () => {
  const cases: Array<[raw: string | null, safe: string]> = [
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\boot.ini', 'boot.ini'],
    ['C:\\Windows\\System32\\evil.exe', 'evil.exe'],
    ['/absolute/path/', 'attachment'],
    ['report\r\nSet-Cookie: session=x.pdf', 'report Set-Cookie session=x.pdf'],
    ['tab\there\u0000nul\u007fdel\u0085c1.txt', 'tab here nul del c1.txt'],
    ['<script>alert(1)</script>.html', 'script.html'],
    ['<img src=x onerror="alert(1)">.svg', 'img src=x onerror=alert(1).svg'],
    ['what?*:|"<>.doc', 'what.doc'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['Com1.tar.gz', '_Com1.tar.gz'],
    ['console.log', 'console.log'],
    ['.bashrc', 'bashrc'],
    ['..', 'attachment'],
    ['name. . .', 'name'],
    ['   spaced    out   .pdf', 'spaced out .pdf'],
    // RLO spoofing: "invoice" + U+202E + "fdp.exe" displays as "invoiceexe.pdf".
    ['invoice\u202efdp.exe', 'invoice fdp.exe'],
    ['zero\u200bwidth\ufeff.txt', 'zero width .txt'],
    ['Ansprechpartner Müller.csv', 'Ansprechpartner Müller.csv'],
    ['e\u0301te\u0301.txt', 'été.txt'],
    ['', 'attachment'],
    [null, 'attachment'],
  ];
  for (const [raw, safe] of cases) assert.equal(safeAttachmentName(raw), safe, JSON.stringify(raw));
});

test('long names are cut to the byte bound on a character boundary, keeping the extension', () => {
  const long = safeAttachmentName(`${'x'.repeat(1_000)}.pdf`);
  assert.equal(Buffer.byteLength(long), MAX_ATTACHMENT_NAME_BYTES);
  assert.ok(long.endsWith('xx.pdf'));
  const emoji = safeAttachmentName(`${'😀'.repeat(100)}.png`);
  assert.ok(Buffer.byteLength(emoji) <= MAX_ATTACHMENT_NAME_BYTES);
  assert.ok(emoji.endsWith('😀.png'), 'no half surrogate before the extension');
  const noExtension = safeAttachmentName('ü'.repeat(300));
  assert.equal(noExtension, 'ü'.repeat(100));
  // An "extension" longer than 16 bytes is just the end of the name.
  const dotted = safeAttachmentName(`${'a'.repeat(300)}.${'b'.repeat(40)}`);
  assert.equal(dotted, 'a'.repeat(200));
  // The cut leaves no trailing dot or space before the extension.
  assert.equal(safeAttachmentName(`${'a'.repeat(195)} . . .pdf`), `${'a'.repeat(195)}.pdf`);
});
