import DOMPurify from 'dompurify';
import { cleanMailCss } from './clean-mail-css';
import { makeMailUrlResolver, type MailResources } from './mail-url-resolver';

/**
 * A mail's HTML made inert, in the browser: DOMPurify (maintained by Cure53, run by the same
 * parser that renders the mail, as Proton and Tutanota do) with a mail profile, plus hooks that
 * decide every URL. The result is rendered only inside the sandboxed iframe of MailHtmlFrame,
 * under its own CSP: this is the first of three layers, not the only one.
 */
export interface SanitizedMailHtml {
  /** The mail's `<style>` elements from its `<head>` (cleaned), to put in the frame's head. */
  headStyles: string;
  body: string;
  /** Remote images/CSS references dropped because the user has not asked to show them. */
  blockedRemote: number;
}

/** Longest HTML we sanitize; a longer body is cut (bounded input; mail bodies over 4 MiB are attachments in disguise). @default 4 MiB */
export const MAX_MAIL_HTML_CHARS = 4 * 1024 * 1024;

/**
 * Everything that submits, embeds, navigates by itself, or changes how URLs resolve. SVG and
 * MathML are not on the list because USE_PROFILES html leaves them out entirely (the
 * namespace-confusion mXSS family lives there). Media elements fetch on their own: gone.
 */
export const FORBIDDEN_TAGS = [
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'option',
  'base',
  'meta',
  'link',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'script',
  'noscript',
  'template',
  'video',
  'audio',
  'source',
  'track',
  'picture',
  'portal',
];

/** Attributes that fetch by themselves (srcset: each candidate would need its own proxied URL; the src stays) or submit. */
const FORBIDDEN_ATTRS = [
  'srcset',
  'sizes',
  'poster',
  'action',
  'formaction',
  'ping',
  'background-image',
  'longdesc',
  'dynsrc',
  'lowsrc',
];

/** DOMPurify's default URI pattern with fewer schemes: words and relative values pass here, the hooks decide URLs. */
const ALLOWED_URI = /^(?:(?:https?|mailto|tel|cid):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;
const LINK_URL = /^(?:https?:|mailto:|tel:)/i;

export function sanitizeMailHtml(html: string, resources: MailResources): SanitizedMailHtml {
  const urls = makeMailUrlResolver(resources);
  // A fresh instance per message: hooks are per instance, so two readers never share state.
  const purify = DOMPurify(window);
  purify.addHook('afterSanitizeElements', (node) => {
    if (node.nodeName === 'STYLE') node.textContent = cleanMailCss(node.textContent ?? '', urls.resolve);
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    const style = node.getAttribute('style');
    if (style !== null) node.setAttribute('style', cleanMailCss(style, urls.resolve));
    for (const name of ['src', 'background']) {
      const value = node.getAttribute(name);
      if (value === null) continue;
      const resolved = urls.resolve(value.trim());
      if (resolved === null) node.removeAttribute(name);
      else node.setAttribute(name, resolved);
    }
    // Images below the fold are fetched when scrolled to, and none holds up the frame's load:
    // the text shows first (bench:read times click → body shown).
    if (node.nodeName === 'IMG') {
      node.setAttribute('loading', 'lazy');
      node.setAttribute('decoding', 'async');
    }
    const href = node.getAttribute('href');
    if (href !== null) {
      const target = href.trim();
      if (target.startsWith('#') && (node.nodeName === 'A' || node.nodeName === 'AREA')) {
        node.removeAttribute('target'); // an anchor inside the mail
      } else if (LINK_URL.test(target)) {
        // Links leave in a new tab that cannot reach back (tab-nabbing), and say where they go.
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
        node.setAttribute('title', target);
      } else {
        node.removeAttribute('href');
        node.removeAttribute('target');
      }
    } else {
      node.removeAttribute('target');
    }
  });
  const root = purify.sanitize(html.slice(0, MAX_MAIL_HTML_CHARS), {
    USE_PROFILES: { html: true },
    WHOLE_DOCUMENT: true,
    RETURN_DOM: true,
    FORBID_TAGS: FORBIDDEN_TAGS,
    FORBID_ATTR: FORBIDDEN_ATTRS,
    ADD_ATTR: ['target'],
    ALLOWED_URI_REGEXP: ALLOWED_URI,
  });
  const head = root.querySelector('head');
  const body = root.querySelector('body');
  const headStyles = head ? [...head.querySelectorAll('style')].map((s) => s.outerHTML).join('') : '';
  return { headStyles, body: body?.innerHTML ?? '', blockedRemote: urls.blockedCount() };
}
