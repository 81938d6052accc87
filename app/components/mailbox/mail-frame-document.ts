import type { SanitizedMailHtml } from './sanitize-mail-html';

/**
 * The `srcdoc` of the reader's iframe: its own CSP first (nothing may load but `data:` images,
 * the signed inline route and the image proxy; inline styles only; no script source at all),
 * then a light base style (mail is written for a white page: it stays white in dark mode), then
 * the sanitized mail. An about:srcdoc document also inherits the app page's policy, so both
 * apply; the stricter wins (W3C CSP 3, "multiple policies").
 */
export function mailFrameCsp(appOrigin: string): string {
  return [
    "default-src 'none'",
    `img-src data: ${appOrigin}/api/inline/ ${appOrigin}/api/image-proxy`,
    "style-src 'unsafe-inline'",
    'font-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const BASE_CSS =
  'html{background:#fff;color:#1c2330;color-scheme:light}' +
  'body{margin:12px;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow-wrap:anywhere}' +
  'img{max-width:100%}table{max-width:100%}pre{white-space:pre-wrap}';

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function mailFrameDocument(mail: SanitizedMailHtml, appOrigin: string): string {
  return (
    '<!doctype html><html><head>' +
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(mailFrameCsp(appOrigin))}">` +
    '<meta name="referrer" content="no-referrer"><meta name="color-scheme" content="light">' +
    `<style>${BASE_CSS}</style>${mail.headStyles}</head><body>${mail.body}</body></html>`
  );
}
