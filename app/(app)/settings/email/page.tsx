'use client';
import { useMutation, useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { useState } from 'react';
import { EditAccountForm } from '../../../components/mailbox/edit-account-form';
import {
  MAIL_ACCOUNTS,
  REMOVE,
  serverField,
  UPDATE,
  type MailAccountView,
} from '../../../components/mailbox/mail-account-queries';
import { errorMessage } from '../../../client/error-message';

const STATUS_TEXT = { CONNECTED: 'Connected', RECONNECT_REQUIRED: 'Reconnect required', ERROR: 'Error' } as const;

/** E-mail options → E-mail account: the user's accounts, edit, remove, set up another. */
export default function EmailOptionsPage() {
  const { data, error } = useQuery(MAIL_ACCOUNTS);
  return (
    <section aria-labelledby="email-options-title" className="stack">
      <h1 id="email-options-title">E-mail options</h1>
      <div role="tablist" aria-label="E-mail options" className="tabs">
        <button role="tab" aria-selected="true" id="tab-account" aria-controls="panel-account" type="button">
          E-mail account
        </button>
      </div>
      <div role="tabpanel" id="panel-account" aria-labelledby="tab-account" className="stack">
        {error ? (
          <p role="alert" className="alert">
            {errorMessage(error)}
          </p>
        ) : !data ? (
          <p className="muted" aria-busy="true">
            Loading…
          </p>
        ) : data.mailAccounts.length === 0 ? (
          <p className="muted">No e-mail account is connected.</p>
        ) : (
          data.mailAccounts.map((account) => <AccountCard key={account.id} account={account} />)
        )}
        <div>
          <Link className="button" href="/inbox?setup=new">
            Set up a new account
          </Link>
        </div>
      </div>
    </section>
  );
}

function AccountCard({ account }: { account: MailAccountView }) {
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-remove'>('view');
  const [problem, setProblem] = useState<string | null>(null);
  const [remove, removing] = useMutation(REMOVE, { refetchQueries: [MAIL_ACCOUNTS], awaitRefetchQueries: true });
  const [update] = useMutation(UPDATE, { refetchQueries: [MAIL_ACCOUNTS] });

  async function doRemove() {
    setProblem(null);
    try {
      await remove({ variables: { id: account.id } });
    } catch (caught) {
      setProblem(errorMessage(caught));
      setMode('view');
    }
  }

  return (
    <article className="panel account-card" aria-label={account.email}>
      <header className="account-head">
        <h2>{account.email}</h2>
        <span className={`badge ${account.status === 'CONNECTED' ? 'ok' : 'warn'}`}>{STATUS_TEXT[account.status]}</span>
        {account.isDefault ? <span className="badge">Default for sending</span> : null}
      </header>
      {problem ? (
        <p role="alert" className="alert">
          {problem}
        </p>
      ) : null}
      {mode === 'edit' ? (
        <EditAccountForm account={account} onDone={() => setMode('view')} />
      ) : (
        <>
          <dl className="account-facts">
            <dt>Incoming (IMAP)</dt>
            <dd>
              {serverField(account.imap)} · {account.imap.ssl ? 'SSL' : 'STARTTLS'} · {account.imap.username}
            </dd>
            <dt>Outgoing (SMTP)</dt>
            <dd>
              {serverField(account.smtp)} · {account.smtp.ssl ? 'SSL' : 'STARTTLS'} · {account.smtp.username}
            </dd>
            <dt>Last verified</dt>
            <dd>{account.lastVerifiedAt ? new Date(account.lastVerifiedAt).toLocaleString() : 'never'}</dd>
            {account.lastErrorMessage ? (
              <>
                <dt>Last error</dt>
                <dd>{account.lastErrorMessage}</dd>
              </>
            ) : null}
          </dl>
          {mode === 'confirm-remove' ? (
            <div role="alertdialog" aria-labelledby={`remove-${account.id}`} className="confirm">
              <p id={`remove-${account.id}`}>
                Remove {account.email}? Its synced mail is deleted from CRM Inbox; e-mails archived to the CRM stay.
              </p>
              <div className="actions">
                <button type="button" className="button danger" onClick={doRemove} disabled={removing.loading} autoFocus>
                  Remove account
                </button>
                <button type="button" className="button" onClick={() => setMode('view')}>
                  Keep it
                </button>
              </div>
            </div>
          ) : (
            <div className="actions">
              <button type="button" className="button" onClick={() => setMode('edit')}>
                Edit
              </button>
              <button type="button" className="button" onClick={() => setMode('confirm-remove')}>
                Remove
              </button>
              {!account.isDefault ? (
                <button
                  type="button"
                  className="button"
                  onClick={() => update({ variables: { id: account.id, input: { makeDefault: true } } })}
                >
                  Make default
                </button>
              ) : null}
            </div>
          )}
        </>
      )}
    </article>
  );
}
