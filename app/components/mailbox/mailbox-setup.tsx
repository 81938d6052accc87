'use client';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { isServerProblem, mailError, type MailErrorInfo } from '../../client/mail-error';
import { useErrorText } from '../../client/use-error-text';
import { oauthErrorOf } from '../../client/oauth-start-href';
import { TextField } from '../text-field';
import { CertificatePrompt } from './certificate-prompt';
import {
  CONNECT,
  DISCOVER,
  MAIL_ACCOUNTS,
  MAIL_SIGN_IN,
  serverField,
  type MailSignInView,
  type MailAccountView,
  type MailServerInput,
  type ServerSettingsView,
} from './mail-account-queries';
import { PasswordDisclosure } from './password-disclosure';
import { ProviderSignIn } from './provider-sign-in';
import { ServerFields, type ServerForm } from './server-fields';
import { useFocusResult } from './use-focus-result';

type Step = 'credentials' | 'manual';

const emptyServer = (username: string, password: string, ssl = true): ServerForm => ({ server: '', username, password, ssl });
const fromSettings = (s: ServerSettingsView, password: string): ServerForm => ({
  server: serverField(s),
  username: s.username,
  password,
  ssl: s.ssl,
});
const toInput = (f: ServerForm, trustedFingerprint?: string): MailServerInput => ({
  server: f.server,
  username: f.username,
  password: f.password,
  ssl: f.ssl,
  ...(trustedFingerprint ? { trustedFingerprint } : {}),
});

/**
 * Connect a mailbox: e-mail + password first; the server looks up the settings and verifies
 * them live. Unknown provider or a server problem → More settings, pre-filled. An untrusted
 * certificate → an explicit "trust this certificate" that pins its fingerprint.
 */
export function MailboxSetup({ onConnected }: { onConnected?: (account: MailAccountView) => void }) {
  const t = useTranslations('mailboxSetup');
  const errorText = useErrorText();
  const client = useApolloClient();
  const [connect] = useMutation(CONNECT, { refetchQueries: [MAIL_ACCOUNTS], awaitRefetchQueries: true });
  const [step, setStep] = useState<Step>('credentials');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [imap, setImap] = useState<ServerForm>(emptyServer('', ''));
  const [smtp, setSmtp] = useState<ServerForm>(emptyServer('', ''));
  const [trusted, setTrusted] = useState<{ imap?: string; smtp?: string }>({});
  const [error, setError] = useState<MailErrorInfo | null>(null);
  // What is being done right now (a catalog key and its domain), shown beside a spinner.
  const [progress, setProgress] = useState<{ step: 'lookingUp' | 'checking'; domain?: string } | null>(null);
  const [hints, setHints] = useState<string[]>([]);
  // The discovery answer the servers came from, for the address it was for: sent back on connect
  // so discovered settings keep their source (the server checks the servers still match).
  const [discovery, setDiscovery] = useState<{ email: string; id: string } | null>(null);

  // Google or Microsoft: "Sign in with …" beside the password (issue 13), for the address typed.
  const [signIn, setSignIn] = useState<{ email: string; option: MailSignInView } | null>(null);
  // Microsoft: the password form is behind "Use a password instead" (password-disclosure.tsx).
  const [usePassword, setUsePassword] = useState(false);
  const passwordArea = useRef<HTMLDivElement>(null);
  // A sign-in that came back failed (lib/server/oauth-routes.ts): shown as the form's error.
  useEffect(() => {
    const code = oauthErrorOf(window.location.search);
    if (code) setError({ code });
  }, []);

  async function lookUpSignIn() {
    const typed = email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(typed)) return setSignIn(null);
    try {
      const { data } = await client.query({ query: MAIL_SIGN_IN, variables: { email: typed } });
      // Already in the password form (tabbed on, or typed a password): folding it away would drop
      // focus and what was typed.
      if (passwordArea.current?.contains(document.activeElement) || password) setUsePassword(true);
      setSignIn(data?.mailSignIn ? { email: typed, option: data.mailSignIn } : null);
    } catch {
      setSignIn(null); // no button: the password way still works
    }
  }
  const signInOption = signIn && signIn.email === email.trim() ? signIn.option : null;
  const passwordBehindDisclosure = Boolean(signInOption?.configured && !signInOption.passwordAllowed);
  // A failed sign-in comes back to this form: `/inbox?setup=new` when another account exists.
  const [from, setFrom] = useState<'inbox' | 'setup'>('inbox');
  useEffect(() => setFrom(new URLSearchParams(window.location.search).get('setup') === 'new' ? 'setup' : 'inbox'), []);

  const busy = progress !== null;
  const { container, focusResult } = useFocusResult<HTMLDivElement>(error);
  // The settings-not-found notice is the form's own, naming the domain it looked up.
  const messageOf = (problem: MailErrorInfo) =>
    problem.code === 'MAIL_SETTINGS_NOT_FOUND' && problem.details?.domain
      ? t('settingsNotFound', { domain: problem.details.domain })
      : errorText(problem);
  const fieldError = (field: string) => (error && error.field === field ? messageOf(error) : undefined);

  async function attempt(
    settings: { imap: ServerForm; smtp: ServerForm },
    trust = trusted,
    discoveryId = discovery?.email === email ? discovery.id : undefined,
  ) {
    setProgress({ step: 'checking' });
    try {
      const result = await connect({
        variables: {
          input: {
            email,
            password,
            imap: toInput(settings.imap, trust.imap),
            smtp: toInput(settings.smtp, trust.smtp),
            ...(discoveryId ? { discoveryId } : {}),
          },
        },
      });
      if (result.data) onConnected?.(result.data.connectMailAccount);
      return null;
    } catch (caught) {
      return mailError(caught);
    } finally {
      setProgress(null);
    }
  }

  function showManual(found: { imap: ServerForm; smtp: ServerForm }, problem: MailErrorInfo | null) {
    setImap(found.imap);
    setSmtp(found.smtp);
    setStep('manual');
    setError(problem);
  }

  async function submitCredentials(event: FormEvent) {
    event.preventDefault();
    // Enter in the address field submits even with the password form folded away: nothing to log in with.
    if (passwordBehindDisclosure && !usePassword) return;
    setError(null);
    setHints([]);
    setDiscovery(null);
    const domain = email.split('@')[1] || email;
    setProgress({ step: 'lookingUp', domain });
    let found;
    try {
      found = (await client.query({ query: DISCOVER, variables: { email }, fetchPolicy: 'network-only' })).data
        ?.discoverMailSettings;
    } catch (caught) {
      setProgress(null);
      return setError(mailError(caught));
    }
    setProgress(null);
    if (!found) {
      return showManual(
        { imap: emptyServer(email, password), smtp: emptyServer(email, password) },
        { code: 'MAIL_SETTINGS_NOT_FOUND', details: { domain } },
      );
    }
    setHints(found.provider?.hints ?? []);
    setDiscovery({ email, id: found.discoveryId });
    const settings = { imap: fromSettings(found.imap, password), smtp: fromSettings(found.smtp, password) };
    setImap(settings.imap);
    setSmtp(settings.smtp);
    const problem = await attempt(settings, trusted, found.discoveryId);
    if (!problem) return;
    if (isServerProblem(problem.code)) showManual(settings, problem);
    else setError(problem);
  }

  async function submitManual(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setError(await attempt({ imap, smtp }));
  }

  async function trustCertificate() {
    if (!error?.details?.fingerprint) return;
    const side = error.details.side === 'outgoing' ? 'smtp' : 'imap';
    const next = { ...trusted, [side]: error.details.fingerprint };
    setTrusted(next);
    setError(null);
    focusResult();
    const problem = await attempt({ imap, smtp }, next);
    if (problem && step === 'credentials' && isServerProblem(problem.code)) showManual({ imap, smtp }, problem);
    else setError(problem);
  }

  const certificateProblem = error?.code === 'MAIL_TLS_UNTRUSTED' && error.details?.fingerprint ? error : null;

  const passwordForm = (
    <>
      <TextField
        label={t('password')}
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        reserveError
        error={fieldError('password') ?? fieldError('imap.password')}
      />
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {t('logIn')}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() =>
            showManual(
              {
                imap: imap.server ? imap : emptyServer(email, password),
                smtp: smtp.server ? smtp : emptyServer(email, password),
              },
              null,
            )
          }
        >
          {t('moreSettings')}
        </button>
      </div>
    </>
  );

  return (
    <div ref={container} className="card wide" aria-busy={busy}>
      {step === 'credentials' ? (
        <form onSubmit={submitCredentials} aria-labelledby="mailbox-title" className="stack">
          <h1 id="mailbox-title">{t('title')}</h1>
          <p className="muted">{t('intro')}</p>
          {error && !certificateProblem && !error.field ? (
            <p role="alert" className="alert">
              {messageOf(error)}
            </p>
          ) : null}
          <TextField
            label={t('email')}
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            reserveError
            error={fieldError('email')}
            onBlur={() => void lookUpSignIn()}
            autoFocus
          />
          {signInOption ? <ProviderSignIn option={signInOption} email={email.trim()} from={from} /> : null}
          <PasswordDisclosure ref={passwordArea} foldable={passwordBehindDisclosure} open={usePassword} onToggle={setUsePassword}>
            {passwordForm}
          </PasswordDisclosure>
        </form>
      ) : (
        <form onSubmit={submitManual} aria-labelledby="more-settings-title" className="stack">
          <h1 id="more-settings-title">{t('moreSettings')}</h1>
          <p className="muted">
            {t.rich('manualIntro', {
              email,
              strong: (chunks) => <strong>{chunks}</strong>,
              code: (chunks) => <code>{chunks}</code>,
            })}
          </p>
          {error && !certificateProblem ? (
            <p role="alert" className="alert">
              {messageOf(error)}
            </p>
          ) : null}
          <div className="server-grid">
            <ServerFields kind="imap" value={imap} onChange={setImap} fieldError={fieldError} autoFocus />
            <ServerFields kind="smtp" value={smtp} onChange={setSmtp} fieldError={fieldError} />
          </div>
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy}>
              {t('connect')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => (setStep('credentials'), setError(null))}>
              {t('back')}
            </button>
          </div>
        </form>
      )}
      {hints.length ? (
        <ul className="hints" aria-label={t('providerHints')}>
          {hints.map((hint) => (
            <li key={hint}>{hint}</li>
          ))}
        </ul>
      ) : null}
      {progress ? (
        <p role="status" className="progress">
          <span className="spinner" aria-hidden="true" /> {t(`progress.${progress.step}`, { domain: progress.domain ?? '' })}
        </p>
      ) : null}
      {certificateProblem ? <CertificatePrompt error={certificateProblem} onTrust={trustCertificate} busy={busy} /> : null}
    </div>
  );
}
