import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanMailCss, MAX_MAIL_CSS_CHARS } from './clean-mail-css.ts';

const PROXIED = 'https://crm.test/api/image-proxy?u=1';
/** Knows one remote URL (as shown) and one cid: part; everything else is refused. */
const resolve = (raw: string) =>
  raw === 'https://tracker.example/a.png' ? PROXIED : raw === 'cid:logo@x' ? 'https://crm.test/api/inline/7?s=1' : null;
const refuseAll = () => null;

/** What must never survive: any way for the browser to start a fetch we did not write. */
function assertNoForeignFetch(css: string) {
  assert.doesNotMatch(
    css.replace(/url\("https:\/\/crm\.test\/[^"]*"\)/g, ''),
    /url\s*\(|@import|image-set|expression\s*\(/i,
    css,
  );
  // A foreign URL may remain only as inert text inside a function the browser does not know.
  assert.doesNotMatch(css.replace(/x-blocked\([^)]*\)/g, ''), /tracker\.example|evil\.example/, css);
}

test('url() in every spelling is refused when nothing is shown', () => {
  for (const css of [
    'p{background:url(https://tracker.example/a.png)}',
    'p{background:url("https://tracker.example/a.png")}',
    "p{background:URL( 'https://tracker.example/a.png' )}",
    'p{background:\\75 rl(https://evil.example/x)}',
    'p{background:u\\rl(https://evil.example/x)}',
    'p{background:u\\000072l(https://evil.example/x)}',
    'p{background:url/**/(https://evil.example/x)}',
    'p{background:url(https://evil.example/x y)}',
    '@font-face{font-family:x;src:url(https://evil.example/f.woff)}',
    'p{cursor:url(https://evil.example/c.cur),auto;list-style:url(https://evil.example/l)}',
  ]) {
    const cleaned = cleanMailCss(css, refuseAll);
    assertNoForeignFetch(cleaned);
  }
});

test('@import, image-set() with bare strings, expression() and bindings are removed', () => {
  for (const css of [
    '@import "https://evil.example/a.css"; p{color:red}',
    "@import url('https://evil.example/a.css') screen;",
    '@\\69mport "https://evil.example/a.css";',
    'p{background-image:image-set("https://evil.example/a.png" 1x)}',
    'p{background-image:-webkit-image-set("https://evil.example/a.png" 1x)}',
    'p{width:expression(alert(1))}',
    'p{behavior:url(https://evil.example/x.htc)}',
    'p{-moz-binding:url(https://evil.example/x.xml#x)}',
  ]) {
    const cleaned = cleanMailCss(css, refuseAll);
    assertNoForeignFetch(cleaned);
    assert.doesNotMatch(cleaned, /expression\(|behavior:|-moz-binding:/i, cleaned);
  }
  assert.match(cleanMailCss('@import "https://evil.example/a.css"; p{color:red}', refuseAll), /p\{color:red\}/);
});

test('known URLs are rewritten to what resolveUrl answers; the rest becomes none', () => {
  assert.equal(cleanMailCss('p{background:url(https://tracker.example/a.png)}', resolve), `p{background:url("${PROXIED}")}`);
  assert.equal(
    cleanMailCss("td{background:url('cid:logo@x')}", resolve),
    'td{background:url("https://crm.test/api/inline/7?s=1")}',
  );
  assert.equal(cleanMailCss('p{background:url(/relative.png) no-repeat}', resolve), 'p{background:none no-repeat}');
});

test('escapes cannot survive to build a new escape or close the style element', () => {
  // `\\75rl(` decodes to `\75rl(`: if written back as is, the browser would read url(.
  const doubled = cleanMailCss('p{background:\\\\75rl(https://evil.example/x)}', refuseAll);
  assert.doesNotMatch(doubled, /\\75/);
  assert.match(doubled, /\\5c 75rl/);
  const closing = cleanMailCss('p{font-family:"\\3c /style\\3e <img src=x onerror=alert(1)>"}', refuseAll);
  assert.doesNotMatch(closing, /</);
});

test('ordinary mail CSS passes unchanged; an oversized style is dropped', () => {
  const css = '.btn{color:#fff;background-color:#1f5fbf;padding:8px 12px} @media (max-width:600px){td{display:block}}';
  assert.equal(cleanMailCss(css, refuseAll), css);
  assert.equal(cleanMailCss('p{}'.padEnd(MAX_MAIL_CSS_CHARS + 1, ' '), refuseAll), '');
});
