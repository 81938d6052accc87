'use client';
import { useFormatter, useTranslations } from 'next-intl';
import type { MailAddressView, MessageDetail } from './message-detail-query';
import { SenderCardButton } from '../crm/sender-card-button';

function AddressRow({ label, addresses }: { label: string; addresses: MailAddressView[] }) {
  if (!addresses.length) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {addresses.map((a, i) => (
          <span key={`${a.address}-${i}`}>
            {i > 0 ? ', ' : null}
            {a.address ? <SenderCardButton address={a} /> : a.name}
          </span>
        ))}
      </dd>
    </>
  );
}

/** Subject, then from / to / cc / date (the Date header, else when the server received it). */
export function MessageHeaders({ message }: { message: MessageDetail }) {
  const t = useTranslations('reader');
  const format = useFormatter();
  const date = message.sentAt ?? message.receivedAt;
  return (
    <header className="reader-header">
      <h2 className="reader-subject">{message.subject || t('noSubject')}</h2>
      <dl className="reader-fields" aria-label={t('headersLabel')}>
        <AddressRow label={t('from')} addresses={message.from} />
        <AddressRow label={t('to')} addresses={message.to} />
        <AddressRow label={t('cc')} addresses={message.cc} />
        <dt>{t('date')}</dt>
        <dd>
          <time dateTime={date}>{format.dateTime(new Date(date), { dateStyle: 'full', timeStyle: 'short' })}</time>
        </dd>
      </dl>
    </header>
  );
}
