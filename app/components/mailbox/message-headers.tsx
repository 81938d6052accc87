'use client';
import type { MailAddressView, MessageDetail } from './message-detail-query';
import { formatAddress, formatMailDate } from './reader-format';
import { readerStrings } from './reader-strings';

function AddressRow({ label, addresses }: { label: string; addresses: MailAddressView[] }) {
  if (!addresses.length) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{addresses.map(formatAddress).join(', ')}</dd>
    </>
  );
}

/** Subject, then from / to / cc / date (the Date header, else when the server received it). */
export function MessageHeaders({ message }: { message: MessageDetail }) {
  const date = message.sentAt ?? message.receivedAt;
  return (
    <header className="reader-header">
      <h2 className="reader-subject">{message.subject || readerStrings.noSubject}</h2>
      <dl className="reader-fields" aria-label={readerStrings.headersLabel}>
        <AddressRow label={readerStrings.from} addresses={message.from} />
        <AddressRow label={readerStrings.to} addresses={message.to} />
        <AddressRow label={readerStrings.cc} addresses={message.cc} />
        <dt>{readerStrings.date}</dt>
        <dd>
          <time dateTime={date}>{formatMailDate(date)}</time>
        </dd>
      </dl>
    </header>
  );
}
