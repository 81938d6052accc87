'use client';
import { useMutation } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { mailError, type MailErrorInfo } from '../../client/mail-error';
import { useErrorText } from '../../client/use-error-text';
import { TextField } from '../text-field';
import { CertificatePrompt } from './certificate-prompt';
import { MAIL_ACCOUNTS, serverField, UPDATE, type MailAccountView } from './mail-account-queries';
import { ServerFields, type ServerForm } from './server-fields';
import { useFocusResult } from './use-focus-result';

/** Edit an account: a new password and/or servers, verified live before anything is saved. */
export function EditAccountForm({ account, onDone }: { account: MailAccountView; onDone: () => void }) {
  const t = useTranslations('editAccount');
  const errorText = useErrorText();
  const [update, { loading }] = useMutation(UPDATE, { refetchQueries: [MAIL_ACCOUNTS], awaitRefetchQueries: true });
  const [password, setPassword] = useState('');
  const [imap, setImap] = useState<ServerForm>({
    server: serverField(account.imap),
    username: account.imap.username,
    password: '',
    ssl: account.imap.ssl,
  });
  const [smtp, setSmtp] = useState<ServerForm>({
    server: serverField(account.smtp),
    username: account.smtp.username,
    password: '',
    ssl: account.smtp.ssl,
  });
  const [trusted, setTrusted] = useState({
    imap: account.imap.trustedCertificateFingerprint ?? undefined,
    smtp: account.smtp.trustedCertificateFingerprint ?? undefined,
  });
  const [error, setError] = useState<MailErrorInfo | null>(null);
  // A refused password belongs beside "New password" unless a server-specific one was typed.
  const shownField =
    (error?.field === 'imap.password' && !imap.password) || (error?.field === 'smtp.password' && !smtp.password)
      ? 'password'
      : error?.field;
  const fieldError = (field: string) => (error && shownField === field ? errorText(error) : undefined);
  const { container, focusResult } = useFocusResult<HTMLFormElement>(error);

  async function save(trust = trusted) {
    setError(null);
    try {
      await update({
        variables: {
          id: account.id,
          input: {
            ...(password ? { password } : {}),
            imap: {
              server: imap.server,
              username: imap.username,
              ssl: imap.ssl,
              ...(imap.password ? { password: imap.password } : {}),
              ...(trust.imap ? { trustedFingerprint: trust.imap } : {}),
            },
            smtp: {
              server: smtp.server,
              username: smtp.username,
              ssl: smtp.ssl,
              ...(smtp.password ? { password: smtp.password } : {}),
              ...(trust.smtp ? { trustedFingerprint: trust.smtp } : {}),
            },
          },
        },
      });
      onDone();
    } catch (caught) {
      setError(mailError(caught));
    }
  }

  async function trust() {
    if (!error?.details?.fingerprint) return;
    const next = { ...trusted, [error.details.side === 'outgoing' ? 'smtp' : 'imap']: error.details.fingerprint };
    setTrusted(next);
    focusResult();
    await save(next);
  }

  const certificateProblem = error?.code === 'MAIL_TLS_UNTRUSTED' && error.details?.fingerprint ? error : null;

  return (
    <form
      ref={container}
      className="stack edit-account"
      aria-label={t('label', { email: account.email })}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void save();
      }}
    >
      {error && !certificateProblem && !shownField ? (
        <p role="alert" className="alert">
          {errorText(error)}
        </p>
      ) : null}
      <TextField
        label={t('newPassword')}
        type="password"
        autoComplete="new-password"
        value={password}
        placeholder={t('keepPassword')}
        onChange={(e) => setPassword(e.target.value)}
        reserveError
        error={fieldError('password')}
        // The form replaces the Edit button that opened it: its first field takes focus.
        autoFocus
      />
      <div className="server-grid">
        <ServerFields kind="imap" value={imap} passwordOptional onChange={setImap} fieldError={fieldError} />
        <ServerFields kind="smtp" value={smtp} passwordOptional onChange={setSmtp} fieldError={fieldError} />
      </div>
      <p className="muted">{t('serverPasswords')}</p>
      {certificateProblem ? <CertificatePrompt error={certificateProblem} onTrust={trust} busy={loading} /> : null}
      <div className="actions">
        <button type="submit" className="button primary" disabled={loading}>
          {loading ? t('checking') : t('save')}
        </button>
        <button type="button" className="button" onClick={onDone} disabled={loading}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
