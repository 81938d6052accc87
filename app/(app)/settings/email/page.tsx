'use client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { ArchivePreferences } from '../../../components/compose/archive-preferences';
import { SignatureSettings } from '../../../components/compose/signature-settings';
import { EditAccountForm } from '../../../components/mailbox/edit-account-form';
import { TrustedSendersSettings } from '../../../components/mailbox/trusted-senders-settings';
import {
  MAIL_ACCOUNTS,
  REMOVE,
  serverField,
  UPDATE,
  type MailAccountView,
} from '../../../components/mailbox/mail-account-queries';
import { errorInfo, type ErrorInfo } from '../../../client/error-message';
import { useErrorText } from '../../../client/use-error-text';
import { needsOAuthSignIn, oauthErrorOf, oauthStartHref } from '../../../client/oauth-start-href';

/** E-mail options → E-mail account: the user's accounts, edit, remove, set up another. */
export default function EmailOptionsPage() {
  const t = useTranslations('emailOptions');
  const errorText = useErrorText();
  const { data, error } = useQuery(MAIL_ACCOUNTS);
  // A Google/Microsoft sign-in started here came back failed (lib/server/oauth-routes.ts).
  const [oauthError, setOAuthError] = useState<string | null>(null);
  useEffect(() => setOAuthError(oauthErrorOf(window.location.search)), []);
  return (
    <section aria-labelledby="email-options-title" className="stack">
      <h1 id="email-options-title">{t('title')}</h1>
      {oauthError ? (
        <p role="alert" className="alert">
          {errorText({ code: oauthError })}
        </p>
      ) : null}
      {/* One section, so a heading rather than a tab bar with a single tab (issue 10, polish):
          a tablist of one announces a choice that is not there. */}
      <section aria-labelledby="email-account-title" className="stack">
        <h2 id="email-account-title">{t('accountTab')}</h2>
        {error ? (
          <p role="alert" className="alert">
            {errorText(errorInfo(error))}
          </p>
        ) : !data ? (
          <p className="muted" aria-busy="true">
            {t('loading')}
          </p>
        ) : data.mailAccounts.length === 0 ? (
          <p className="muted">{t('none')}</p>
        ) : (
          data.mailAccounts.map((account) => <AccountCard key={account.id} account={account} />)
        )}
        <div>
          <Link className="button" href="/inbox?setup=new">
            {t('setUpNew')}
          </Link>
        </div>
      </section>
      <TrustedSendersSettings />
      <ArchivePreferences />
    </section>
  );
}

function AccountCard({ account }: { account: MailAccountView }) {
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-remove'>('view');
  // The button that opened the edit form or the removal question takes focus back when it closes
  // (it is rendered anew, so autoFocus does it): otherwise focus falls to the page (issue 10).
  const [returnFocus, setReturnFocus] = useState<'edit' | 'remove' | null>(null);
  const t = useTranslations('emailOptions');
  const format = useFormatter();
  const errorText = useErrorText();
  const [problem, setProblem] = useState<ErrorInfo | null>(null);
  const [remove, removing] = useMutation(REMOVE, { refetchQueries: [MAIL_ACCOUNTS], awaitRefetchQueries: true });
  const [update] = useMutation(UPDATE, { refetchQueries: [MAIL_ACCOUNTS] });

  async function doRemove() {
    setProblem(null);
    try {
      await remove({ variables: { id: account.id } });
    } catch (caught) {
      setProblem(errorInfo(caught));
      setMode('view');
    }
  }

  return (
    <article className="panel account-card" aria-label={account.email}>
      <header className="account-head">
        <h3>{account.email}</h3>
        <span className={`badge ${account.status === 'CONNECTED' ? 'ok' : 'warn'}`}>
          {t('status', { status: account.status })}
        </span>
        {account.isDefault ? <span className="badge">{t('defaultForSending')}</span> : null}
      </header>
      {problem ? (
        <p role="alert" className="alert">
          {errorText(problem)}
        </p>
      ) : null}
      {mode === 'edit' ? (
        <EditAccountForm
          account={account}
          onDone={() => {
            setMode('view');
            setReturnFocus('edit');
          }}
        />
      ) : (
        <>
          <dl className="account-facts">
            <dt>{t('incoming')}</dt>
            <dd>
              {serverField(account.imap)} · {account.imap.ssl ? t('ssl') : t('starttls')} · {account.imap.username}
            </dd>
            <dt>{t('outgoing')}</dt>
            <dd>
              {serverField(account.smtp)} · {account.smtp.ssl ? t('ssl') : t('starttls')} · {account.smtp.username}
            </dd>
            <dt>{t('lastVerified')}</dt>
            <dd>
              {account.lastVerifiedAt
                ? format.dateTime(new Date(account.lastVerifiedAt), { dateStyle: 'medium', timeStyle: 'short' })
                : t('never')}
            </dd>
            {account.lastErrorMessage ? (
              <>
                <dt>{t('lastError')}</dt>
                <dd>{errorText({ code: account.lastErrorCode ?? 'INTERNAL', message: account.lastErrorMessage })}</dd>
              </>
            ) : null}
          </dl>
          {mode === 'confirm-remove' ? (
            <div role="alertdialog" aria-labelledby={`remove-${account.id}`} className="confirm">
              <p id={`remove-${account.id}`}>{t('removeQuestion', { email: account.email })}</p>
              <div className="actions">
                <button type="button" className="button danger" onClick={doRemove} disabled={removing.loading} autoFocus>
                  {t('removeConfirm')}
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setMode('view');
                    setReturnFocus('remove');
                  }}
                >
                  {t('keep')}
                </button>
              </div>
            </div>
          ) : (
            <div className="actions">
              {needsOAuthSignIn(account) ? (
                <a
                  className="button primary"
                  href={oauthStartHref({ provider: account.imap.oauthProvider, account: account.id, from: 'settings' })}
                >
                  {t('signInAgain')}
                </a>
              ) : null}
              <button type="button" className="button" onClick={() => setMode('edit')} autoFocus={returnFocus === 'edit'}>
                {t('edit')}
              </button>
              <button
                type="button"
                className="button"
                onClick={() => setMode('confirm-remove')}
                autoFocus={returnFocus === 'remove'}
              >
                {t('remove')}
              </button>
              {!account.isDefault ? (
                <button
                  type="button"
                  className="button"
                  onClick={() => update({ variables: { id: account.id, input: { makeDefault: true } } })}
                >
                  {t('makeDefault')}
                </button>
              ) : null}
            </div>
          )}
          <SignatureSettings account={account} />
        </>
      )}
    </article>
  );
}
