import { Parser } from 'htmlparser2';

/** What an HTML body would load: remote (http/https) resources and `cid:` parts of the message. */
export interface RemoteContent {
  /** Each distinct remote reference as written (entities decoded, trimmed), with the absolute URL it loads. */
  remote: Array<{ original: string; url: string }>;
  /** Content-IDs referenced as `cid:…`, without the scheme or angle brackets, as written. */
  cids: string[];
}

/** A newsletter has tens; more is not a message anyone reads image by image. @default 500 */
export const MAX_REMOTE_REFERENCES = 500;
/** @default 2048 characters (lib/reader/reader-urls.ts MAX_REMOTE_URL_LENGTH) */
const MAX_URL_LENGTH = 2048;

/** Attributes that load a resource on their own, whatever the element (HTML 4 `background`, `lowsrc` included). */
const LOADING_ATTRIBUTES = new Set(['src', 'background', 'poster', 'lowsrc', 'dynsrc']);

/**
 * Finds what an HTML body would fetch when rendered: `src`, `srcset`, `background`, `poster` (and
 * old `lowsrc`/`dynsrc`), SVG `<image href>`, `<link rel=stylesheet href>`, and CSS `url()` and
 * `@import` in `style` attributes and `<style>` elements. Each absolute http(s) URL (and a
 * protocol-relative `//host/…`, which loads over https) is remote content the reader blocks until
 * the user asks; `cid:` references are the message's own inline parts.
 *
 * This list is what the reader offers to load through the image proxy; it is not the defence.
 * The iframe's CSP (`img-src data: <app>/api/…`, no other origins) blocks anything this scan
 * misses (a CSS escape inside `url()`, say), which then simply does not show.
 */
export function findRemoteContent(html: string): RemoteContent {
  const remote = new Map<string, string>();
  const cids = new Set<string>();
  const add = (raw: string) => {
    const value = raw.trim();
    if (!value || value.length > MAX_URL_LENGTH) return;
    if (/^cid:/i.test(value)) {
      const id = safeDecode(value.slice(4)).replace(/^<|>$/g, '');
      if (id) cids.add(id);
      return;
    }
    if (remote.size >= MAX_REMOTE_REFERENCES || remote.has(value)) return;
    const url = absoluteRemoteUrl(value);
    if (url) remote.set(value, url);
  };
  const addCss = (css: string) => cssUrls(css).forEach(add);
  let inStyle = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        for (const [attribute, value] of Object.entries(attributes)) {
          if (LOADING_ATTRIBUTES.has(attribute)) add(value);
          else if (attribute === 'srcset') srcsetUrls(value).forEach(add);
          else if (attribute === 'style') addCss(value);
        }
        if (name === 'link' && /(^|\s)stylesheet(\s|$)/i.test(attributes.rel ?? '') && attributes.href) add(attributes.href);
        if (name === 'image' || name === 'feimage') add(attributes.href ?? attributes['xlink:href'] ?? '');
        inStyle = name === 'style';
      },
      ontext(text) {
        if (inStyle) addCss(text);
      },
      onclosetag() {
        inStyle = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return { remote: [...remote].map(([original, url]) => ({ original, url })), cids: [...cids] };
}

/** The absolute http(s) URL a reference loads, or null (relative, data:, javascript:, junk). */
export function absoluteRemoteUrl(value: string): string | null {
  const text = value.startsWith('//') ? `https:${value}` : value;
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    const url = new URL(text);
    return url.username || url.password ? null : url.href;
  } catch {
    return null;
  }
}

/**
 * The URLs of a `srcset`, as the HTML standard's parser reads it ("parse a srcset attribute"): a
 * URL runs to the next whitespace (a URL may hold commas), trailing commas end a candidate, and a
 * descriptor runs to the next comma outside parentheses.
 */
function srcsetUrls(srcset: string): string[] {
  const urls: string[] = [];
  let i = 0;
  while (i < srcset.length) {
    while (i < srcset.length && /[\s,]/.test(srcset[i]!)) i += 1;
    const start = i;
    while (i < srcset.length && !/\s/.test(srcset[i]!)) i += 1;
    let url = srcset.slice(start, i);
    if (url.endsWith(',')) url = url.replace(/,+$/, '');
    else {
      for (let depth = 0; i < srcset.length && !(srcset[i] === ',' && depth <= 0); i += 1) {
        if (srcset[i] === '(') depth += 1;
        else if (srcset[i] === ')') depth -= 1;
      }
    }
    if (url) urls.push(url);
  }
  return urls;
}

/** `url(…)` and `@import "…"` targets of a style sheet or a style attribute, comments left out. */
function cssUrls(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, ' ');
  const found: string[] = [];
  for (const match of text.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)/gi)) {
    found.push(match[1] ?? match[2] ?? match[3] ?? '');
  }
  for (const match of text.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)) found.push(match[1] ?? match[2] ?? '');
  return found;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
