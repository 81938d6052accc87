'use client';
import { useQuery } from '@apollo/client/react';
import { useRouter, useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { MAIL_ACCOUNTS } from '../../components/mailbox/mail-account-queries';
import { MailboxSetup } from '../../components/mailbox/mailbox-setup';
import { MailboxOverview } from '../../components/mailbox/mailbox-overview';

function Inbox() {
  const { data, error } = useQuery(MAIL_ACCOUNTS);
  const router = useRouter();
  const params = useSearchParams();
  if (error) {
    return (
      <p role="alert" className="alert">
        Could not load your mailboxes: {error.message}
      </p>
    );
  }
  if (!data) {
    return (
      <p className="muted" aria-busy="true">
        Loading…
      </p>
    );
  }
  if (data.mailAccounts.length === 0 || params.get('setup') === 'new') {
    return <MailboxSetup onConnected={() => router.replace('/inbox')} />;
  }
  return <MailboxOverview accounts={data.mailAccounts} />;
}

export default function InboxPage() {
  return (
    <Suspense>
      <Inbox />
    </Suspense>
  );
}
