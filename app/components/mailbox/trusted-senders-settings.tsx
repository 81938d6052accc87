'use client';
import { useQuery } from '@apollo/client/react';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { errorInfo, type ErrorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import { TRUSTED_IMAGE_SENDERS } from './trusted-sender-mutations';
import { useImageSenderTrust } from './use-image-sender-trust';

/** E-mail options: the senders whose images are always shown (the reader's "Always show images"), each removable. */
export function TrustedSendersSettings() {
  const t = useTranslations('trustedSenders');
  const format = useFormatter();
  const errorText = useErrorText();
  const { data, error } = useQuery(TRUSTED_IMAGE_SENDERS);
  const { untrust, busy } = useImageSenderTrust();
  const [problem, setProblem] = useState<ErrorInfo | null>(null);
  const failure = problem ?? (error ? errorInfo(error) : null);
  return (
    <section aria-labelledby="trusted-senders-title" className="panel stack">
      <h2 id="trusted-senders-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      {failure ? (
        <p role="alert" className="alert">
          {errorText(failure)}
        </p>
      ) : null}
      {!data ? null : data.trustedImageSenders.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <ul aria-labelledby="trusted-senders-title" className="trusted-senders">
          {data.trustedImageSenders.map((s) => (
            <li key={s.address}>
              <span>{s.address}</span>
              <span className="muted">{format.dateTime(new Date(s.createdAt), { dateStyle: 'medium' })}</span>
              <button
                type="button"
                className="button"
                disabled={busy}
                aria-label={t('removeSender', { sender: s.address })}
                onClick={() => {
                  setProblem(null);
                  untrust(s.address).catch((caught: unknown) => setProblem(errorInfo(caught)));
                }}
              >
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
