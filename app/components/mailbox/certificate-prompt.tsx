'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import type { MailErrorInfo } from '../../client/mail-error';
import { useErrorText } from '../../client/use-error-text';

/** Shown when a server's certificate is not trusted: what it is, and an explicit choice to pin it. */
export function CertificatePrompt({ error, onTrust, busy }: { error: MailErrorInfo; onTrust: () => void; busy: boolean }) {
  const t = useTranslations('certificatePrompt');
  const format = useFormatter();
  const errorText = useErrorText();
  const d = error.details ?? {};
  const box = useRef<HTMLDivElement>(null);
  // It appears below the servers, often below the fold: bring it into view and move focus there,
  // so keyboard and screen-reader users meet the question rather than a silent page (issue 10).
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' });
    box.current?.focus({ preventScroll: true });
  }, [d.fingerprint]);
  // The server sends the expiry as an ISO date; anything else is shown as it came.
  const validTo =
    d.validTo && !Number.isNaN(Date.parse(d.validTo)) ? format.dateTime(new Date(d.validTo), { dateStyle: 'long' }) : d.validTo;
  return (
    <div ref={box} tabIndex={-1} className="certificate" role="group" aria-labelledby="certificate-title">
      <h2 id="certificate-title">{t('title')}</h2>
      <p role="alert" className="alert">
        {/* From the code and the side, in the page's language: the server's sentence is English. */}
        {error.code === 'MAIL_TLS_UNTRUSTED' ? t('problem', { side: d.side ?? 'other' }) : errorText(error)}
      </p>
      <dl>
        {d.subject ? (
          <>
            <dt>{t('issuedTo')}</dt>
            <dd>{d.subject}</dd>
          </>
        ) : null}
        {d.issuer ? (
          <>
            <dt>{t('issuedBy')}</dt>
            <dd>{d.issuer}</dd>
          </>
        ) : null}
        {d.validTo ? (
          <>
            <dt>{t('validUntil')}</dt>
            <dd>{validTo}</dd>
          </>
        ) : null}
        <dt>{t('fingerprint')}</dt>
        <dd className="mono">{d.fingerprint}</dd>
      </dl>
      <p className="muted">{t('advice')}</p>
      <button type="button" className="button primary" onClick={onTrust} disabled={busy}>
        {t('trust')}
      </button>
    </div>
  );
}
