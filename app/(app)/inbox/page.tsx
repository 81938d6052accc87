'use client';
import { useQuery } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import { useRouter, useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { errorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import { MAIL_ACCOUNTS } from '../../components/mailbox/mail-account-queries';
import { MailboxSetup } from '../../components/mailbox/mailbox-setup';
import { MailboxOverview } from '../../components/mailbox/mailbox-overview';

function Inbox() {
  const t = useTranslations('inbox');
  const errorText = useErrorText();
  const { data, error } = useQuery(MAIL_ACCOUNTS);
  const router = useRouter();
  const params = useSearchParams();
  if (error) {
    return (
      <p role="alert" className="alert">
        {t('loadFailed', { reason: errorText(errorInfo(error)) })}
      </p>
    );
  }
  if (!data) {
    return (
      <p className="muted" aria-busy="true">
        {t('loading')}
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
