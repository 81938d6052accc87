import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../errors.ts';
import { ConnectTargetBlockedError } from '../network/resolve-and-check.ts';
import { UntrustedCertificateError, type PresentedCertificate } from '../network/check-peer-certificate.ts';
import { mapMailError, type MailErrorContext } from './map-mail-error.ts';
import { MailVerifyError } from './mail-verify-error.ts';
import { DeadlineError } from './with-deadline.ts';

const imapAt: MailErrorContext = { host: 'imap.example.com', port: 993, ssl: true, timeoutMs: 15_000 };
const smtpAt: MailErrorContext = { host: 'smtp.example.com', port: 587, ssl: false, timeoutMs: 15_000 };
const err = (message: string, props: Record<string, unknown>) => Object.assign(new Error(message), props);

/** imapflow's shape of a refused LOGIN (commands/login.js). */
const imapRefusal = (response: string, serverResponseCode?: string) =>
  err('Command failed', { responseStatus: 'NO', authenticationFailed: true, serverResponseCode, response });

test('IMAP: a refused login is MAIL_AUTH_FAILED on the password field, naming the incoming server', () => {
  const error = mapMailError(
    imapRefusal('2 NO [AUTHENTICATIONFAILED] Authentication failed.', 'AUTHENTICATIONFAILED'),
    'incoming',
    imapAt,
  );
  assert.ok(error instanceof MailVerifyError);
  assert.equal(error.code, 'MAIL_AUTH_FAILED');
  assert.equal(error.field, 'imap.password');
  assert.equal(error.details.side, 'incoming');
  assert.equal(error.details.serverText, 'Authentication failed.');
  assert.match(error.message, /^Incoming mail server \(IMAP\): the username or password was not accepted\./);
  assert.equal(error.retryable, false);
});

test('IMAP: provider texts that mean "do something on the web first" are MAIL_IMAP_DISABLED, with the provider hint', () => {
  const provider = { id: 'gmail', name: 'Gmail', hints: ['Use an app password.'] };
  for (const text of [
    '3 NO [ALERT] Please log in via your web browser: https://support.google.com/mail/accounts/answer/78754 (Failure)',
    '3 NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)',
    '3 NO [ALERT] Your account is not enabled for IMAP use. Please visit your Gmail settings page. (Failure)',
    '3 NO [WEBALERT https://accounts.google.com/] Web login required.',
    '3 NO IMAP access is disabled for this account',
  ]) {
    const error = mapMailError(imapRefusal(text, 'ALERT'), 'incoming', { ...imapAt, provider });
    assert.equal(error.code, 'MAIL_IMAP_DISABLED', text);
    assert.equal(error.field, 'imap.password');
    assert.match(error.message, /Gmail: Use an app password\./);
    assert.deepEqual(error.details?.hints, ['Use an app password.']);
  }
  const generic = mapMailError(imapRefusal('3 NO [ALERT] Application-specific password required', 'ALERT'), 'incoming', imapAt);
  assert.match(generic.message, /app password in your mail provider's settings/);
});

test('IMAP: an [ALERT] that is just a wrong password stays MAIL_AUTH_FAILED but shows the alert text', () => {
  const error = mapMailError(imapRefusal('2 NO [ALERT] Invalid credentials (Failure)', 'ALERT'), 'incoming', imapAt);
  assert.equal(error.code, 'MAIL_AUTH_FAILED');
  assert.match(error.message, /The server said: "Invalid credentials \(Failure\)"/);
});

test('IMAP: [UNAVAILABLE] is a temporary server problem, not a wrong password', () => {
  const error = mapMailError(imapRefusal('2 NO [UNAVAILABLE] Backend down, try later', 'UNAVAILABLE'), 'incoming', imapAt);
  assert.equal(error.code, 'MAIL_CONNECTION_FAILED');
  assert.equal(error.retryable, true);
  assert.match(error.message, /cannot sign anyone in right now: the server said "Backend down, try later"/);
});

test('SMTP: 535 is MAIL_AUTH_FAILED on the outgoing side; app-password refusals say so', () => {
  const wrong = err('Invalid login: 535 5.7.8 Error: authentication failed', {
    code: 'EAUTH',
    response: '535 5.7.8 Error: authentication failed',
    responseCode: 535,
    command: 'AUTH PLAIN',
  });
  const error = mapMailError(wrong, 'outgoing', smtpAt);
  assert.equal(error.code, 'MAIL_AUTH_FAILED');
  assert.equal(error.field, 'smtp.password');
  assert.equal(error.command, 'AUTH PLAIN');
  assert.equal(error.response, '535 5.7.8 Error: authentication failed');
  assert.equal(error.details?.side, 'outgoing');
  assert.match(error.message, /^Outgoing mail server \(SMTP\): the username or password was not accepted\./);

  const gmail = err('Invalid login', {
    code: 'EAUTH',
    response: '534-5.7.9 Application-specific password required.',
    responseCode: 534,
  });
  const app = mapMailError(gmail, 'outgoing', smtpAt);
  assert.equal(app.code, 'MAIL_AUTH_FAILED');
  assert.match(app.message, /refused the sign-in.*Application-specific password required.*Turn on SMTP sign-in/);
});

test('DNS, refused, unreachable and reset connections', () => {
  const notFound = mapMailError(err('getaddrinfo ENOTFOUND imap.example.com', { code: 'ENOTFOUND' }), 'incoming', imapAt);
  assert.equal(notFound.code, 'MAIL_HOST_NOT_FOUND');
  assert.equal(notFound.field, 'imap.server');
  assert.match(notFound.message, /"imap\.example\.com" was not found/);
  assert.equal(mapMailError(err('x', { code: 'EAI_AGAIN' }), 'incoming', imapAt).code, 'MAIL_HOST_NOT_FOUND');

  const refused = mapMailError(err('connect ECONNREFUSED 1.2.3.4:993', { code: 'ECONNREFUSED' }), 'incoming', imapAt);
  assert.equal(refused.code, 'MAIL_CONNECTION_REFUSED');
  assert.match(refused.message, /imap\.example\.com:993 refused the connection/);
  // nodemailer wraps socket errors as ESOCKET and keeps Node's code in originalCode
  const wrapped = err('connect ECONNREFUSED', { code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN' });
  assert.equal(mapMailError(wrapped, 'outgoing', smtpAt).code, 'MAIL_CONNECTION_REFUSED');

  const unreachable = mapMailError(err('connect EHOSTUNREACH', { code: 'EHOSTUNREACH' }), 'incoming', imapAt);
  assert.equal(unreachable.code, 'MAIL_CONNECTION_FAILED');
  assert.match(unreachable.message, /cannot be reached/);
  assert.equal(unreachable.retryable, true);
  assert.equal(mapMailError(err('read ECONNRESET', { code: 'ECONNRESET' }), 'incoming', imapAt).code, 'MAIL_CONNECTION_FAILED');
});

test('timeouts: ours, imapflow greeting, nodemailer phases', () => {
  const ours = mapMailError(new DeadlineError(15_000), 'incoming', imapAt);
  assert.equal(ours.code, 'MAIL_TIMEOUT');
  assert.match(ours.message, /did not answer within 15 s/);
  const greeting = mapMailError(err('Failed to receive greeting', { code: 'GREETING_TIMEOUT' }), 'incoming', {
    ...imapAt,
    port: 143,
    ssl: false,
  });
  assert.equal(greeting.code, 'MAIL_TIMEOUT');
  assert.match(greeting.message, /turn SSL\/TLS on/, 'a silent plain port may be a TLS port');
  const smtp = mapMailError(
    err('Greeting never received', { code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT' }),
    'outgoing',
    smtpAt,
  );
  assert.equal(smtp.code, 'MAIL_TIMEOUT');
});

test('an untrusted certificate carries what the UI needs to offer trusting it', () => {
  const certificate: PresentedCertificate = {
    fingerprint256: 'AB:CD',
    subject: 'CN=localhost',
    issuer: 'CN=localhost',
    subjectAltName: 'DNS:localhost',
    validFrom: '2026-11-27T00:00:00.000Z',
    validTo: '2026-11-29T00:00:00.000Z',
    selfSigned: true,
  };
  const error = mapMailError(new UntrustedCertificateError('DEPTH_ZERO_SELF_SIGNED_CERT', certificate), 'incoming', imapAt);
  assert.equal(error.code, 'MAIL_TLS_UNTRUSTED');
  assert.match(error.message, /certificate of imap\.example\.com:993 is not trusted: it is self-signed/);
  assert.deepEqual(error.details, {
    side: 'incoming',
    reason: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    fingerprint: 'AB:CD',
    subject: 'CN=localhost',
    issuer: 'CN=localhost',
    subjectAltName: 'DNS:localhost',
    validFrom: '2026-11-27T00:00:00.000Z',
    validTo: '2026-11-29T00:00:00.000Z',
    selfSigned: true,
  });
  const expired = mapMailError(new UntrustedCertificateError('CERT_HAS_EXPIRED', certificate), 'outgoing', smtpAt);
  assert.match(expired.message, /it expired on 2026-11-29/);
  // a raw Node error (someone else's socket): still the right code, without a certificate
  const raw = mapMailError(err('Hostname/IP does not match', { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }), 'incoming', imapAt);
  assert.equal(raw.code, 'MAIL_TLS_UNTRUSTED');
  assert.match(raw.message, /issued for another server name/);
});

test('TLS to a port that does not speak it is MAIL_TLS_FAILED', () => {
  const wrongVersion = err('C0:error:0A00010B:SSL routines:ssl3_get_record:wrong version number', {
    code: 'ERR_SSL_WRONG_VERSION_NUMBER',
  });
  const error = mapMailError(wrongVersion, 'incoming', { ...imapAt, port: 143 });
  assert.equal(error.code, 'MAIL_TLS_FAILED');
  assert.match(error.message, /turn SSL\/TLS off, or use port 993/);
  const smtp = mapMailError(err('x', { code: 'ESOCKET', originalCode: 'ERR_SSL_PACKET_LENGTH_TOO_LONG' }), 'outgoing', {
    ...smtpAt,
    ssl: true,
  });
  assert.match(smtp.message, /use port 465/);
});

test('no STARTTLS: imapflow with doSTARTTLS, nodemailer with requireTLS, and our own check', () => {
  const imap = mapMailError(err('Server does not support STARTTLS', { tlsFailed: true }), 'incoming', {
    ...imapAt,
    port: 143,
    ssl: false,
  });
  assert.equal(imap.code, 'STARTTLS_NOT_OFFERED');
  assert.match(imap.message, /so the password was not sent\. Turn on SSL\/TLS and use port 993/);
  const preauth = err('STARTTLS is not possible after a PREAUTH greeting', { tlsFailed: true });
  assert.equal(mapMailError(preauth, 'incoming', imapAt).code, 'STARTTLS_NOT_OFFERED');
  const smtp = err('Error upgrading connection with STARTTLS', {
    code: 'ETLS',
    command: 'STARTTLS',
    response: '502 5.5.1 Unrecognized command',
    responseCode: 502,
  });
  assert.equal(mapMailError(smtp, 'outgoing', smtpAt).code, 'STARTTLS_NOT_OFFERED');
  assert.equal(mapMailError(err('x', { code: 'STARTTLS_NOT_OFFERED' }), 'outgoing', smtpAt).code, 'STARTTLS_NOT_OFFERED');
  // a TLS handshake that fails after STARTTLS was accepted is not "not offered"
  const handshake = err('Error initiating TLS', { code: 'ETLS', command: 'STARTTLS' });
  assert.equal(mapMailError(handshake, 'outgoing', smtpAt).code, 'MAIL_TLS_FAILED');
});

test('SMTP without AUTH, the SSRF guard, and garbage on the wire', () => {
  const noAuth = mapMailError(err('no AUTH', { code: 'SMTP_AUTH_NOT_OFFERED' }), 'outgoing', smtpAt);
  assert.equal(noAuth.code, 'SMTP_AUTH_NOT_OFFERED');
  assert.equal(noAuth.field, 'smtp.server');

  const blocked = mapMailError(new ConnectTargetBlockedError('imap.example.com', '10.0.0.5', 'private'), 'incoming', imapAt);
  assert.equal(blocked.code, 'MAIL_ADDRESS_BLOCKED');
  assert.equal(blocked.details?.address, '10.0.0.5');
  assert.match(
    blocked.message,
    /connecting to imap\.example\.com \(10\.0\.0\.5\) is not allowed, it is a private network address/,
  );

  const parser = mapMailError(err('Unexpected char', { code: 'ParserError5' }), 'incoming', imapAt);
  assert.equal(parser.code, 'MAIL_CONNECTION_FAILED');
  assert.match(parser.message, /did not answer like a mail server/);
});

test('an AppError passes through; a plain bug becomes INTERNAL, not a network story', () => {
  const app = new AppError('RATE_LIMITED');
  assert.equal(mapMailError(app, 'incoming', imapAt), app);
  const bug = mapMailError(new TypeError('x is undefined'), 'incoming', imapAt);
  assert.equal(bug.code, 'INTERNAL');
  assert.ok(!(bug instanceof MailVerifyError));
});

test('OAuth2: a refused token asks the owner to sign in again (even in a provider text that would ask for an app password)', () => {
  const oauth2Imap = { ...imapAt, authKind: 'oauth2' as const };
  for (const refusal of [
    imapRefusal('2 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)', 'AUTHENTICATIONFAILED'),
    imapRefusal('3 NO [ALERT] Please log in via your web browser (Failure)', 'ALERT'),
  ]) {
    const error = mapMailError(refusal, 'incoming', oauth2Imap);
    assert.equal(error.code, 'MAIL_OAUTH_RECONNECT_REQUIRED');
    assert.match(error.message, /^Incoming mail server \(IMAP\): the sign-in with the mail provider was not accepted\./);
    assert.equal(error.retryable, false);
  }
  const smtp = mapMailError(
    err('Invalid login: 535 5.7.3 Authentication unsuccessful', { code: 'EAUTH', responseCode: 535, command: 'AUTH XOAUTH2' }),
    'outgoing',
    { ...smtpAt, authKind: 'oauth2' },
  );
  assert.equal(smtp.code, 'MAIL_OAUTH_RECONNECT_REQUIRED');
});

test('OAuth2 at a server without a token mechanism is MAIL_OAUTH_NOT_OFFERED, a settings problem; for a password 504 stays an auth failure', () => {
  const imap = mapMailError(new Error('Unsupported authentication mechanism'), 'incoming', { ...imapAt, authKind: 'oauth2' });
  assert.equal(imap.code, 'MAIL_OAUTH_NOT_OFFERED');
  assert.equal(imap.field, 'imap.server');
  const unrecognized = err('Invalid login: 504 Error: Unrecognized authentication type', {
    code: 'EAUTH',
    responseCode: 504,
    command: 'AUTH XOAUTH2',
  });
  assert.equal(mapMailError(unrecognized, 'outgoing', { ...smtpAt, authKind: 'oauth2' }).code, 'MAIL_OAUTH_NOT_OFFERED');
  assert.equal(mapMailError(unrecognized, 'outgoing', { ...smtpAt, authKind: 'password' }).code, 'MAIL_AUTH_FAILED');
});
