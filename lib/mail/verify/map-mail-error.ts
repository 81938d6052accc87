import 'server-only';
import { AppError } from '../../errors.ts';
import type { ProviderInfo } from '../discovery/types.ts';
import type { AuthKind } from '../server/mail-server.ts';
import { ConnectTargetBlockedError } from '../network/resolve-and-check.ts';
import { DEFAULT_PORTS } from '../server-address/parse-server-address.ts';
import { UntrustedCertificateError } from '../network/check-peer-certificate.ts';
import { MailVerifyError, type MailSide, type MailVerifyErrorDetails } from './mail-verify-error.ts';
import type { VerifyErrorCode } from './verify-error-codes.ts';

/** What the message may mention: the server as entered, and the provider discovery found. */
export interface MailErrorContext {
  host?: string;
  port?: number;
  ssl?: boolean;
  timeoutMs?: number;
  provider?: ProviderInfo;
  /** How the app signed in: a refused OAuth2 access token needs the owner to sign in again, not a password. */
  authKind?: AuthKind;
}

/**
 * The form fields an error can point at (`imap.server`, `smtp.password`, …): the server field holds
 * host and port together, and the SSL checkbox has no error slot, so port and SSL problems go there too.
 */
type Field = 'server' | 'password';

/** The fields of the errors imapflow, nodemailer and Node raise that tell what happened. */
interface ErrorFacts {
  message?: string;
  code?: unknown;
  originalCode?: unknown;
  timeoutType?: unknown;
  tlsFailed?: unknown;
  authenticationFailed?: unknown;
  serverResponseCode?: unknown;
  responseCode?: unknown;
  response?: unknown;
  responseText?: unknown;
  command?: unknown;
}

/** Node's certificate verification results: the server is reachable and speaks TLS, but we do not trust it. */
const UNTRUSTED_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const NOT_FOUND_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'ENODATA', 'ESERVFAIL', 'EDNS']);
/** imapflow's and nodemailer's timeout codes, Node's socket timeout, and ours (with-deadline.ts). */
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ETIMEOUT',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
  'ERR_TLS_HANDSHAKE_TIMEOUT',
]);
/** OpenSSL's words for "the other side does not speak TLS (here)": TLS to a plain port, or an old protocol. */
const TLS_MISMATCH =
  /wrong version number|packet length too long|unknown protocol|unsupported protocol|no protocols available|handshake failure|tlsv1 alert|before secure TLS connection was established/i;

/**
 * Texts with which providers refuse a correct password because the account must do something
 * first; the person fixes it in the provider's settings, not in our form. Gmail answers
 * `NO [ALERT] Please log in via your web browser`, `[ALERT] Application-specific password required`
 * and `Your account is not enabled for IMAP use`; others use similar words.
 */
const LOGIN_DISABLED_TEXTS = [
  /log ?in via your web browser/i,
  /web ?login required/i,
  /app(lication)?[- ](specific )?password/i,
  /\bIMAP\b.{0,20}\b(disabled|not enabled|turned off)\b/i,
  /not enabled for IMAP/i,
  /less secure app/i,
  /SmtpClientAuthentication is disabled/i, // Microsoft 365: 535 5.7.139
];

/**
 * Turns whatever connecting and signing in threw into an `AppError` a person can act on, with a
 * message naming the server ("Incoming mail server (IMAP): …") and `field` pointing at the input
 * to fix. Pure: it only reads the error. An error that is already mapped is returned as is.
 */
export function mapMailError(error: unknown, side: MailSide, context: MailErrorContext = {}): AppError {
  if (error instanceof AppError) return error;
  const facts: ErrorFacts = typeof error === 'object' && error !== null ? (error as ErrorFacts) : { message: String(error) };
  const code = text(facts.originalCode) ?? text(facts.code) ?? '';
  const proto = side === 'incoming' ? 'imap' : 'smtp';
  const label = side === 'incoming' ? 'Incoming mail server (IMAP)' : 'Outgoing mail server (SMTP)';
  const where = context.host ? `${context.host}${context.port ? `:${context.port}` : ''}` : 'the server';
  const serverText = serverTextOf(facts);
  const make = (mailCode: VerifyErrorCode, field: Field, sentence: string, extra: Partial<MailVerifyErrorDetails> = {}) =>
    new MailVerifyError(
      mailCode,
      { side, reason: code || undefined, serverText, ...extra },
      {
        message: `${label}: ${sentence}`,
        field: `${proto}.${field}`,
        cause: error,
        command: text(facts.command),
        response: text(facts.response),
      },
    );

  if (error instanceof ConnectTargetBlockedError) {
    const shown = error.address === error.hostname ? error.address : `${error.hostname} (${error.address})`;
    return make(
      'MAIL_ADDRESS_BLOCKED',
      'server',
      `connecting to ${shown} is not allowed, it is a ${RANGE_WORDS[error.range]} address. An administrator can allow it.`,
      { reason: error.range, address: error.address },
    );
  }
  if (error instanceof UntrustedCertificateError || UNTRUSTED_CODES.has(code)) {
    const certificate = error instanceof UntrustedCertificateError ? error.certificate : null;
    const { fingerprint256: fingerprint, ...described } = certificate ?? {};
    return make(
      'MAIL_TLS_UNTRUSTED',
      'server',
      `the certificate of ${where} is not trusted: ${untrustedWords(code, certificate?.validTo)}.`,
      { fingerprint, ...described },
    );
  }
  if (code === 'STARTTLS_NOT_OFFERED' || isStartTlsRefusal(facts, code)) {
    return make(
      'STARTTLS_NOT_OFFERED',
      'server',
      `${where} offers no encryption (STARTTLS), so the password was not sent. Turn on SSL/TLS and use port ${DEFAULT_PORTS[proto].ssl}.`,
      { reason: 'STARTTLS_NOT_OFFERED' },
    );
  }
  if (code === 'SMTP_AUTH_NOT_OFFERED') {
    return make(
      'SMTP_AUTH_NOT_OFFERED',
      'server',
      `${where} does not offer sign-in (AUTH). Use the submission port: 587 with STARTTLS or 465 with SSL/TLS.`,
    );
  }
  if (text(facts.serverResponseCode) === 'UNAVAILABLE') {
    // RFC 5530 §3: a temporary failure behind the login (backend down), not a wrong password.
    return make(
      'MAIL_CONNECTION_FAILED',
      'server',
      `${where} cannot sign anyone in right now: ${failureWords(code, serverText)}`,
    );
  }
  if (context.authKind === 'oauth2' && isOAuthNotOffered(facts, code)) {
    return make(
      'MAIL_OAUTH_NOT_OFFERED',
      'server',
      `${where} does not offer signing in with the mail provider (XOAUTH2 or OAUTHBEARER). Connect the mailbox with a password.`,
    );
  }
  if (isAuthFailure(facts, code)) {
    const said = serverText ? ` The server said: "${serverText}".` : '';
    // The token source already refreshed what it could: a refused token means the grant is no good.
    if (context.authKind === 'oauth2')
      return make('MAIL_OAUTH_RECONNECT_REQUIRED', 'password', `the sign-in with the mail provider was not accepted.${said}`);
    if (serverText && LOGIN_DISABLED_TEXTS.some((pattern) => pattern.test(serverText))) {
      const hints = context.provider?.hints.length ? context.provider.hints : undefined;
      const access = side === 'incoming' ? 'IMAP access' : 'SMTP sign-in (SMTP AUTH)';
      const hint = hints
        ? ` ${context.provider!.name}: ${hints.join(' ')}`
        : ` Turn on ${access} or create an app password in your mail provider's settings.`;
      // Outgoing refusals like this are still MAIL_AUTH_FAILED: the table's code names IMAP.
      const disabledCode = side === 'incoming' ? 'MAIL_IMAP_DISABLED' : 'MAIL_AUTH_FAILED';
      return make(disabledCode, 'password', `the provider refused the sign-in.${said}${hint}`, { hints });
    }
    return make('MAIL_AUTH_FAILED', 'password', `the username or password was not accepted.${said}`);
  }
  if (NOT_FOUND_CODES.has(code)) {
    return make(
      'MAIL_HOST_NOT_FOUND',
      'server',
      `the server name "${context.host ?? 'unknown'}" was not found. Check the spelling.`,
    );
  }
  if (code === 'ECONNREFUSED') {
    return make('MAIL_CONNECTION_REFUSED', 'server', `${where} refused the connection. Check the port.`);
  }
  if (TIMEOUT_CODES.has(code)) {
    const seconds = context.timeoutMs ? ` within ${Math.round(context.timeoutMs / 100) / 10} s` : ' in time';
    const greeting = text(facts.timeoutType) === 'GREETING_TIMEOUT' || code === 'GREETING_TIMEOUT';
    const tlsHint =
      greeting && context.ssl === false
        ? ` If this port expects SSL/TLS from the start (like ${DEFAULT_PORTS[proto].ssl}), turn SSL/TLS on.`
        : '';
    return make('MAIL_TIMEOUT', 'server', `${where} did not answer${seconds}.${tlsHint}`);
  }
  if (isTlsMismatch(facts, code)) {
    const sentence = context.ssl
      ? `no SSL/TLS connection could be set up with ${where}. This port may not use SSL/TLS from the start: turn SSL/TLS off, or use port ${DEFAULT_PORTS[proto].ssl}.`
      : `encryption (STARTTLS) with ${where} could not be set up.`;
    return make('MAIL_TLS_FAILED', 'server', sentence);
  }
  if (code || facts.response !== undefined || facts.responseText !== undefined) {
    return make('MAIL_CONNECTION_FAILED', 'server', `the connection to ${where} failed: ${failureWords(code, serverText)}`);
  }
  // Not a network or protocol error at all: a bug of ours, not something the person can fix.
  return new AppError('INTERNAL', { cause: error });
}

const RANGE_WORDS: Record<ConnectTargetBlockedError['range'], string> = {
  unspecified: 'unspecified',
  loopback: 'loopback (this machine)',
  private: 'private network',
  'link-local': 'link-local',
  shared: 'carrier-grade NAT',
  multicast: 'multicast',
  reserved: 'reserved',
  'not-an-address': 'invalid',
};

function untrustedWords(code: string, validTo: string | undefined): string {
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'it is self-signed';
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return 'it was issued by an unknown authority';
    case 'CERT_HAS_EXPIRED':
      return validTo ? `it expired on ${validTo.slice(0, 10)}` : 'it has expired';
    case 'CERT_NOT_YET_VALID':
      return 'it is not valid yet';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return 'it was issued for another server name';
    default:
      return `it could not be verified (${code})`;
  }
}

/** RFC 9051 §7.1: a tagged NO/BAD to LOGIN/AUTHENTICATE (imapflow marks it); RFC 4954 §6: SMTP 535 and other EAUTH. */
/**
 * A token sign-in the server has no mechanism for: imapflow throws a code-less "Unsupported
 * authentication mechanism" when the capabilities list neither AUTH=OAUTHBEARER nor AUTH=XOAUTH2
 * (its commands/authenticate.js); an SMTP server answers AUTH XOAUTH2 with 504 (RFC 4954 §6).
 */
function isOAuthNotOffered(facts: ErrorFacts, code: string): boolean {
  if (!text(facts.code) && facts.message === 'Unsupported authentication mechanism') return true;
  return code === 'EAUTH' && Number(facts.responseCode) === 504;
}

function isAuthFailure(facts: ErrorFacts, code: string): boolean {
  return facts.authenticationFailed === true || text(facts.serverResponseCode) === 'AUTHENTICATIONFAILED' || code === 'EAUTH';
}

/**
 * imapflow with `doSTARTTLS: true` throws a code-less error marked `tlsFailed` when the capability
 * list has no STARTTLS (or the greeting was PREAUTH, RFC 9051 §6.2.1); nodemailer with `requireTLS`
 * sends STARTTLS anyway and reports the server's 4xx/5xx refusal as ETLS (RFC 3207 §4).
 */
function isStartTlsRefusal(facts: ErrorFacts, code: string): boolean {
  if (facts.tlsFailed === true && !text(facts.code) && /STARTTLS/i.test(facts.message ?? '')) return true;
  return code === 'ETLS' && text(facts.command) === 'STARTTLS' && Number(facts.responseCode) >= 400;
}

function isTlsMismatch(facts: ErrorFacts, code: string): boolean {
  return (
    code.startsWith('ERR_SSL_') ||
    code === 'EPROTO' ||
    code === 'ETLS' ||
    TLS_MISMATCH.test(facts.message ?? '') ||
    (facts.tlsFailed === true && code === 'ECONNRESET')
  );
}

function failureWords(code: string, serverText: string | undefined): string {
  if (serverText) return `the server said "${serverText}".`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'the server cannot be reached from here.';
  if (code.startsWith('ParserError') || code === 'InvalidResponse' || code === 'EPROTOCOL')
    return 'the server did not answer like a mail server. Check the port.';
  return 'the server closed the connection. Check the server name and port.';
}

/**
 * The server's own words, without protocol framing: imapflow gives the whole tagged line
 * (`3 NO [ALERT] text`), nodemailer the reply (`535 5.7.8 text`) with the error's message
 * also holding it. The IMAP response code is dropped, the SMTP reply code kept (it is short and
 * says more to an administrator than to anyone else, but is harmless).
 */
function serverTextOf(facts: ErrorFacts): string | undefined {
  const raw = text(facts.responseText) ?? text(facts.response);
  if (!raw) return undefined;
  const imap = /^\S+\s+(?:OK|NO|BAD|BYE)\s+(?:\[[^\]]*\]\s*)?(.*)$/is.exec(raw);
  const words = (imap ? imap[1]! : raw).trim();
  return words ? words.slice(0, 300) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}
