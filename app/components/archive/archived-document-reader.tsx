'use client';
import { useQuery } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { MailHtmlFrame } from '../mailbox/mail-html-frame';
import { PlainTextBody } from '../mailbox/plain-text-body';
import { ARCHIVED_DOCUMENT } from './archive-queries';

/**
 * An archived e-mail opened from a timeline, in the inbox reader's safe rendering: the HTML from
 * the archived .eml is sanitized and framed by MailHtmlFrame (no scripts, opaque origin), remote
 * images stay blocked (no proxy list is given), plain text is text. The mailbox plays no part:
 * it opens after the account is gone.
 */
export function ArchivedDocumentReader({ id }: { id: string }) {
  const t = useTranslations('archive.timeline');
  const { data, loading } = useQuery(ARCHIVED_DOCUMENT, { variables: { id } });
  const appOrigin = typeof window === 'undefined' ? '' : window.location.origin;
  const resources = useMemo(() => ({ inlineImages: [], remoteImages: [], showRemote: false, appOrigin }), [appOrigin]);
  const document = data?.archivedDocument;
  if (!document) return loading ? <p>{t('loading')}</p> : null;
  return (
    <article className="reader archived-reader" aria-label={t('readerTitle', { subject: document.subject || t('noSubject') })}>
      <a className="button" href={document.downloadUrl} download>
        {t('download')}
      </a>
      {document.body?.html ? (
        <MailHtmlFrame html={document.body.html} resources={resources} />
      ) : document.body?.text ? (
        <PlainTextBody text={document.body.text} />
      ) : null}
    </article>
  );
}
