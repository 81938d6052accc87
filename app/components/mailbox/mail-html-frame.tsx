'use client';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { mailFrameDocument } from './mail-frame-document';
import type { MailResources } from './mail-url-resolver';
import { sanitizeMailHtml } from './sanitize-mail-html';

/**
 * An HTML mail body: sanitized in the browser, shown in an iframe that is an opaque origin
 * (sandbox without allow-same-origin) where nothing can run (no allow-scripts). Links may open a
 * new tab that escapes the sandbox, so the page the user lands on works normally.
 *
 * Height: the parent cannot measure an opaque-origin document, and without scripts the frame
 * cannot postMessage its height; so the frame fills the reader pane below the headers and scrolls
 * inside itself (CSS `.mail-frame`). Simple, and it cannot be gamed by the mail.
 */
export function MailHtmlFrame({ html, resources }: { html: string; resources: MailResources }) {
  const t = useTranslations('reader');
  const srcDoc = useMemo(() => {
    if (typeof window === 'undefined') return null; // DOMPurify needs the browser's DOM
    return mailFrameDocument(sanitizeMailHtml(html, resources), resources.appOrigin);
  }, [html, resources]);
  if (srcDoc === null) return null;
  return (
    <iframe
      className="mail-frame"
      title={t('bodyFrameTitle')}
      sandbox="allow-popups allow-popups-to-escape-sandbox"
      referrerPolicy="no-referrer"
      srcDoc={srcDoc}
    />
  );
}
