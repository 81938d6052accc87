'use client';
import type { MailErrorInfo } from '../../client/mail-error';

/** Shown when a server's certificate is not trusted: what it is, and an explicit choice to pin it. */
export function CertificatePrompt({ error, onTrust, busy }: { error: MailErrorInfo; onTrust: () => void; busy: boolean }) {
  const d = error.details ?? {};
  return (
    <div className="certificate" role="group" aria-labelledby="certificate-title">
      <h2 id="certificate-title">Certificate not trusted</h2>
      <p role="alert" className="alert">
        {error.message}
      </p>
      <dl>
        {d.subject ? (
          <>
            <dt>Issued to</dt>
            <dd>{d.subject}</dd>
          </>
        ) : null}
        {d.issuer ? (
          <>
            <dt>Issued by</dt>
            <dd>{d.issuer}</dd>
          </>
        ) : null}
        {d.validTo ? (
          <>
            <dt>Valid until</dt>
            <dd>{d.validTo}</dd>
          </>
        ) : null}
        <dt>SHA-256 fingerprint</dt>
        <dd className="mono">{d.fingerprint}</dd>
      </dl>
      <p className="muted">
        Only trust it if you know this server uses its own certificate (common for company mail servers). We will accept this
        exact certificate for this account and no other.
      </p>
      <button type="button" className="button primary" onClick={onTrust} disabled={busy}>
        Trust this certificate
      </button>
    </div>
  );
}
