'use client';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { isServerProblem, mailError, type MailErrorInfo } from '../../client/mail-error';
import { TextField } from '../text-field';
import { CertificatePrompt } from './certificate-prompt';
import {
  CONNECT,
  DISCOVER,
  MAIL_ACCOUNTS,
  serverField,
  type MailAccountView,
  type MailServerInput,
  type ServerSettingsView,
} from './mail-account-queries';
import { ServerFields, type ServerForm } from './server-fields';

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
  const client = useApolloClient();
  const [connect] = useMutation(CONNECT, { refetchQueries: [MAIL_ACCOUNTS], awaitRefetchQueries: true });
  const [step, setStep] = useState<Step>('credentials');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [imap, setImap] = useState<ServerForm>(emptyServer('', ''));
  const [smtp, setSmtp] = useState<ServerForm>(emptyServer('', ''));
  const [trusted, setTrusted] = useState<{ imap?: string; smtp?: string }>({});
  const [error, setError] = useState<MailErrorInfo | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [hints, setHints] = useState<string[]>([]);
  // The discovery answer the servers came from, for the address it was for: sent back on connect
  // so discovered settings keep their source (the server checks the servers still match).
  const [discovery, setDiscovery] = useState<{ email: string; id: string } | null>(null);

  const busy = progress !== null;
  const fieldError = (field: string) => (error?.field === field ? error.message : undefined);

  async function attempt(
    settings: { imap: ServerForm; smtp: ServerForm },
    trust = trusted,
    discoveryId = discovery?.email === email ? discovery.id : undefined,
  ) {
    setProgress('Checking the connection to your mail servers…');
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
    setError(null);
    setHints([]);
    setDiscovery(null);
    const domain = email.split('@')[1] ?? 'your address';
    setProgress(`Looking up the settings for ${domain}…`);
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
        {
          code: 'MAIL_SETTINGS_NOT_FOUND',
          message: `We could not find the settings for ${domain}. Enter your mail servers below.`,
        },
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
    const problem = await attempt({ imap, smtp }, next);
    if (problem && step === 'credentials' && isServerProblem(problem.code)) showManual({ imap, smtp }, problem);
    else setError(problem);
  }

  const certificateProblem = error?.code === 'MAIL_TLS_UNTRUSTED' && error.details?.fingerprint ? error : null;

  return (
    <div className="card wide" aria-busy={busy}>
      {step === 'credentials' ? (
        <form onSubmit={submitCredentials} aria-labelledby="mailbox-title" className="stack">
          <h1 id="mailbox-title">Connect your mailbox</h1>
          <p className="muted">
            Enter the address and password of the mailbox you use for work. We find the server settings for you.
          </p>
          {error && !certificateProblem && !error.field ? (
            <p role="alert" className="alert">
              {error.message}
            </p>
          ) : null}
          <TextField
            label="E-mail address"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fieldError('email')}
            autoFocus
          />
          <TextField
            label="Password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={fieldError('password') ?? fieldError('imap.password')}
          />
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy}>
              Log in
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
              More settings
            </button>
          </div>
        </form>
      ) : (
        <form onSubmit={submitManual} aria-labelledby="more-settings-title" className="stack">
          <h1 id="more-settings-title">More settings</h1>
          <p className="muted">
            Mailbox <strong>{email}</strong>. A server may be written as <code>host</code> or <code>host:port</code>.
          </p>
          {error && !certificateProblem ? (
            <p role="alert" className="alert">
              {error.message}
            </p>
          ) : null}
          <div className="server-grid">
            <ServerFields kind="imap" value={imap} onChange={setImap} fieldError={fieldError} />
            <ServerFields kind="smtp" value={smtp} onChange={setSmtp} fieldError={fieldError} />
          </div>
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy}>
              Connect
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => (setStep('credentials'), setError(null))}>
              Back
            </button>
          </div>
        </form>
      )}
      {hints.length ? (
        <ul className="hints" aria-label="Provider hints">
          {hints.map((hint) => (
            <li key={hint}>{hint}</li>
          ))}
        </ul>
      ) : null}
      {progress ? (
        <p role="status" className="progress">
          <span className="spinner" aria-hidden="true" /> {progress}
        </p>
      ) : null}
      {certificateProblem ? <CertificatePrompt error={certificateProblem} onTrust={trustCertificate} busy={busy} /> : null}
    </div>
  );
}
