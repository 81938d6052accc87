/**
 * Makes a mail's CSS (a `<style>` element's text or a `style=""` value) unable to fetch anything
 * the reader did not decide to fetch. Pure string work, no DOM: unit-tested in node.
 *
 * In CSS only a few things load a resource: `url(…)` (and `src(…)`), `image-set("…")` with bare
 * strings, and `@import "…"`. Every `url(…)` goes through `resolveUrl`, which answers the URL to
 * load instead (a signed inline or proxied URL) or null (the reference becomes `none`); the
 * others are removed outright. Old IE's `expression()`, `behavior:` and `-moz-binding` go too.
 *
 * Escapes are the trap: `\75 rl(x)` *is* `url(x)` to the CSS tokenizer (CSS Syntax 3, §4.3.4),
 * as is `u\rl(x)`. So the text is first decoded (comments dropped, every escape replaced by the
 * character it stands for), the patterns are matched on what the browser will really see, and
 * any backslash or `<` left in the result is written back as an escape (`\5c `, `\3c `) that
 * cannot start a new escape nor close the `<style>` element when the HTML is parsed again.
 */
export type ResolveCssUrl = (raw: string) => string | null;

/** Longest CSS we keep from one mail; beyond it the style is dropped (bounded input). @default 512 KiB */
export const MAX_MAIL_CSS_CHARS = 512 * 1024;

const COMMENT = /\/\*[\s\S]*?(?:\*\/|$)/g;
// Hex escape (1–6 digits, one optional whitespace), escaped newline, or any other escaped character.
const ESCAPE = /\\(?:([0-9a-fA-F]{1,6})(?:\r\n|[ \t\r\n\f])?|(\r\n|[\r\n\f])|([\s\S]))/g;
// A well-formed url(…) (quoted or bare), or an opening that we could not read: the latter is disabled.
const URL_TOKEN = /\burl\(\s*(?:"([^"\n\r\f]*)"|'([^'\n\r\f]*)'|([^"'()\s]*))\s*\)|\b(?:url|src)\s*\(/gi;
const IMAGE_SET = /(?:-webkit-)?image-set\s*\(/gi;
const IMPORT = /@import\b[^;]*;?/gi;
const LEGACY = /\bexpression\s*\(|\bbehavior\s*:|-moz-binding\s*:/gi;
const SAFE_URL = /^[^"\\\n\r\f<>]*$/;

function decodeEscapes(css: string): string {
  return css.replace(ESCAPE, (_match, hex: string | undefined, newline: string | undefined, char: string | undefined) => {
    if (newline !== undefined) return '';
    if (char !== undefined) return char;
    const code = parseInt(hex!, 16);
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return String.fromCodePoint(valid ? code : 0xfffd);
  });
}

/** The CSS with every fetch either rewritten by `resolveUrl` or disabled. */
export function cleanMailCss(css: string, resolveUrl: ResolveCssUrl): string {
  if (css.length > MAX_MAIL_CSS_CHARS) return '';
  let text = decodeEscapes(css.replace(COMMENT, ' '));
  text = text.replace(IMPORT, '');
  // An unknown function makes the whole declaration invalid: the browser drops it, fetching nothing.
  text = text.replace(IMAGE_SET, 'x-blocked(').replace(LEGACY, 'x-blocked(');
  text = text.replace(URL_TOKEN, (match, double?: string, single?: string, bare?: string) => {
    const raw = double ?? single ?? bare;
    if (raw === undefined) return 'x-blocked(';
    const resolved = resolveUrl(raw.trim());
    return resolved !== null && SAFE_URL.test(resolved) ? `url("${resolved}")` : 'none';
  });
  // Written last, so that nothing above can produce a fresh escape or an end tag.
  return text.replace(/\\/g, '\\5c ').replace(/</g, '\\3c ');
}
