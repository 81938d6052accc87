/**
 * What the person who sees an error should do about it. The UI offers the matching way out (a
 * "Reconnect" link, the More settings screen, the certificate prompt) and the sync loop derives
 * its account status from it, so each code's remedy is written here once (issue 8, item 20).
 */
export type Remedy =
  /** Sign in (again). */
  | 'sign_in'
  /** Change what was typed and send it again. */
  | 'correct_input'
  /**
   * The mailbox needs its owner: enter the password (or an app password) again, or for an OAuth2
   * account sign in with the provider again. Sync stops as `reconnect_required`.
   */
  | 'reenter_password'
  /** The servers, not the password, are the problem: host, port or SSL/TLS (the More settings screen). */
  | 'check_server_settings'
  /** Look at the server's certificate and trust it if it is the right one (its fingerprint is pinned). */
  | 'trust_certificate'
  /** Passing trouble: try again in a moment. The sync loop retries these by itself. */
  | 'wait'
  /** Nothing the person can do here: the operator of this installation must (configuration, a bug of ours). */
  | 'ask_operator';

export interface ErrorCodeInfo {
  /** What the UI shows when nothing more specific was said. */
  userMessage: string;
  /**
   * The retry/report class (STYLE.md rule 3): `true` for errors the sync loop retries past with
   * backoff; `false` for errors that stop an account's sync until a person acts on the `remedy`.
   */
  retry: boolean;
  remedy: Remedy;
}

/**
 * The one table of error codes (house rule 2, after nodemailer's lib/errors.js).
 *
 * Every error the product reports to a person or an integrator has a code here.
 * `userMessage` is what the UI shows; `retry` marks errors the sync loop retries
 * past instead of reporting (house rule 3); `remedy` is what the person should do.
 * GraphQL maps `AppError` to a typed error whose `extensions.code` is the key below.
 *
 * This file is shared with the browser (app/client/mail-error.ts reads the remedies): it must
 * stay plain data without imports, so no server module can ride along into the page bundle.
 */
export const ERROR_CODES = {
  // Foundation: auth and authorization
  UNAUTHENTICATED: { userMessage: 'Please sign in.', retry: false, remedy: 'sign_in' },
  FORBIDDEN: { userMessage: 'You do not have permission to do that.', retry: false, remedy: 'ask_operator' },
  BAD_CREDENTIALS: { userMessage: 'E-mail or password is incorrect', retry: false, remedy: 'correct_input' },
  RATE_LIMITED: { userMessage: 'Too many attempts. Wait a moment and try again.', retry: false, remedy: 'wait' },
  SETUP_ALREADY_DONE: { userMessage: 'This installation is already set up.', retry: false, remedy: 'sign_in' },
  EMAIL_TAKEN: { userMessage: 'A user with this e-mail address already exists.', retry: false, remedy: 'correct_input' },
  BAD_USER_INPUT: { userMessage: 'Some of the values are not valid.', retry: false, remedy: 'correct_input' },
  NOT_FOUND: { userMessage: 'Not found.', retry: false, remedy: 'correct_input' },
  // API limits (issue 8, items 2 and 8): a request body over the limit, an operation over its size or cost.
  PAYLOAD_TOO_LARGE: { userMessage: 'The request is too large.', retry: false, remedy: 'correct_input' },
  QUERY_TOO_COMPLEX: { userMessage: 'The query is too large or too complex.', retry: false, remedy: 'correct_input' },
  // Connecting a mailbox: discovery
  BAD_SERVER_ADDRESS: { userMessage: 'The server address is not valid.', retry: false, remedy: 'check_server_settings' },
  MAIL_SETTINGS_NOT_FOUND: {
    userMessage: "We couldn't find the mail server settings for this address. Enter them yourself.",
    retry: false,
    remedy: 'check_server_settings',
  },
  MAIL_ACCOUNT_EXISTS: { userMessage: 'This mailbox is already connected.', retry: false, remedy: 'correct_input' },
  // x@127.0.0.1, x@[::1], x@2130706433: nothing to look up, and looking would mean fetching from that address.
  MAIL_DOMAIN_IS_ADDRESS: {
    userMessage: 'This address has an IP address instead of a domain name. Enter the mail servers yourself.',
    retry: false,
    remedy: 'check_server_settings',
  },
  // Connecting a mailbox: live verification (lib/mail/verify). mapMailError writes a message
  // naming the server ("Incoming mail server (IMAP): …"); these are the fallbacks. `retry`:
  // network trouble is retried past by the sync loop, anything a person must fix is reported.
  // A host not found, a refused port or a timeout is retried by the sync loop (a DNS or network
  // outage looks the same), but on the connect form it is the servers a person should check.
  MAIL_AUTH_FAILED: {
    userMessage: 'The mail server did not accept the username or password.',
    retry: false,
    remedy: 'reenter_password',
  },
  MAIL_IMAP_DISABLED: {
    userMessage: 'The mail provider refused the sign-in: turn on IMAP access or use an app password.',
    retry: false,
    remedy: 'reenter_password',
  },
  MAIL_HOST_NOT_FOUND: { userMessage: 'The mail server name was not found.', retry: true, remedy: 'check_server_settings' },
  MAIL_CONNECTION_REFUSED: {
    userMessage: 'The mail server refused the connection. Check the port.',
    retry: true,
    remedy: 'check_server_settings',
  },
  MAIL_CONNECTION_FAILED: { userMessage: 'The connection to the mail server failed.', retry: true, remedy: 'wait' },
  MAIL_TIMEOUT: { userMessage: 'The mail server did not answer in time.', retry: true, remedy: 'check_server_settings' },
  MAIL_TLS_UNTRUSTED: { userMessage: "The mail server's certificate is not trusted.", retry: false, remedy: 'trust_certificate' },
  MAIL_TLS_FAILED: {
    userMessage: 'A secure connection to the mail server could not be set up. Check the port and the SSL setting.',
    retry: false,
    remedy: 'check_server_settings',
  },
  STARTTLS_NOT_OFFERED: {
    userMessage: 'The mail server does not offer encryption (STARTTLS) on this port, so the password was not sent.',
    retry: false,
    remedy: 'check_server_settings',
  },
  SMTP_AUTH_NOT_OFFERED: {
    userMessage: 'The outgoing mail server does not offer sign-in (AUTH) on this port.',
    retry: false,
    remedy: 'check_server_settings',
  },
  MAIL_ADDRESS_BLOCKED: {
    userMessage: 'Connections to this mail server address are not allowed.',
    retry: false,
    remedy: 'check_server_settings',
  },
  // The sealed password no longer opens (MAIL_CREDENTIALS_KEY changed or was lost): no retry
  // can fix that, only the owner typing the password again.
  MAIL_PASSWORD_UNREADABLE: {
    userMessage: 'The saved mail password can no longer be read (the server’s encryption key changed). Enter the password again.',
    retry: false,
    remedy: 'reenter_password',
  },
  // An OAuth2 account (issue 13) whose grant no longer gets an access token: consent revoked,
  // the password changed at the provider, the grant unreadable here, or no token source configured.
  // No retry can fix that, only the owner signing in with the provider again (remedy as for a
  // password: the sync stops as `reconnect_required`; GraphQL shows the server's `authKind`, so
  // the page can offer "Sign in again" instead of a password field).
  MAIL_OAUTH_RECONNECT_REQUIRED: {
    userMessage: 'The mail provider no longer accepts this app’s sign-in for this mailbox. Sign in again.',
    retry: false,
    remedy: 'reenter_password',
  },
  // An account set up to sign in with OAuth2 at a server that offers no XOAUTH2 or OAUTHBEARER
  // (RFC 7628): nothing a new token could change; a password (or app password) is the way in.
  MAIL_OAUTH_NOT_OFFERED: {
    userMessage: 'The mail server does not offer signing in with the mail provider. Connect the mailbox with a password.',
    retry: false,
    remedy: 'check_server_settings',
  },
  // Attachment download (issue 9): the attachment index no longer matches the stored source (a
  // parser upgrade, a wrong ordinal). Wrong bytes are never served; the message goes back to the
  // extraction worker, which rebuilds its attachment index from the source: passing, so `wait`.
  ATTACHMENT_NOT_IN_SOURCE: {
    userMessage: 'This attachment is being read again from the stored message. Reopen the message in a minute and try again.',
    retry: true,
    remedy: 'wait',
  },
  // The reader (issue 10): signed URLs of inline images, the image proxy and the .eml. A link
  // past its expiry or altered is refused; reopening the message issues fresh ones.
  SIGNED_URL_INVALID: {
    userMessage: 'This link has expired or is not valid. Open the message again.',
    retry: false,
    remedy: 'correct_input',
  },
  // What the image proxy or an inline part would serve is not a raster image (HTML, SVG, a script):
  // never served from the app's origin.
  NOT_A_RASTER_IMAGE: { userMessage: 'This is not an image that can be shown.', retry: false, remedy: 'correct_input' },
  REMOTE_IMAGE_TOO_LARGE: { userMessage: 'This image is too large to show.', retry: false, remedy: 'correct_input' },
  // The sender's server refused, failed, was too slow, or is not allowed (an internal address):
  // the same answer for all, with nothing from the remote side (no oracle for probing).
  REMOTE_IMAGE_UNAVAILABLE: { userMessage: 'This image could not be loaded.', retry: true, remedy: 'wait' },
  // Actions written back to the mail server (issue 10): refused for good by the server, so the
  // local change was undone and the UI says so (a network error is retried instead, never shown).
  MAIL_ACTION_REFUSED: {
    userMessage: 'The mail server refused the change, so it was undone.',
    retry: false,
    remedy: 'correct_input',
  },
  MAIL_FOLDER_GONE: {
    userMessage: 'The folder no longer exists on the mail server, so the change was undone.',
    retry: false,
    remedy: 'correct_input',
  },
  MAIL_FOLDER_MISSING: {
    // The error names the folder (details.role, lib/mail-folders/missing-folder.ts); this is the fallback.
    userMessage: 'This mailbox lacks a folder this needs on the mail server.',
    retry: false,
    remedy: 'correct_input',
  },
  // Folder management (issue 10): refused when asked (the API) or by the server (ACTION_FAILED).
  // INBOX and the special-use folders (RFC 6154: Sent, Drafts, Trash, Junk, Archive …) are what
  // other mail clients and the server itself rely on: never renamed or deleted from here.
  MAIL_FOLDER_PROTECTED: {
    userMessage: 'This folder is used by the mail server (Inbox, Sent, Drafts, Trash, Junk …) and cannot be renamed or deleted.',
    retry: false,
    remedy: 'correct_input',
  },
  MAIL_FOLDER_EXISTS: { userMessage: 'A folder with this name already exists here.', retry: false, remedy: 'correct_input' },
  // IMAP DELETE removes a folder's messages with it on most servers: only an empty folder is deleted.
  MAIL_FOLDER_NOT_EMPTY: {
    userMessage: 'Only an empty folder can be deleted. Move or delete its messages and subfolders first.',
    retry: false,
    remedy: 'correct_input',
  },
  // Sending (issue 11): the outbox refuses before queuing (recipients, size), or reports what the
  // SMTP server said (SEND_REFUSED carries the server's own words in the outbox row).
  SEND_NO_RECIPIENTS: { userMessage: 'Add at least one recipient.', retry: false, remedy: 'correct_input' },
  SEND_INVALID_RECIPIENT: { userMessage: 'This is not a valid e-mail address.', retry: false, remedy: 'correct_input' },
  ATTACHMENT_TOO_LARGE: {
    userMessage: 'The attachments are too large to send: 25 MB at most in total, less if the mail server takes less.',
    retry: false,
    remedy: 'correct_input',
  },
  SEND_REFUSED: { userMessage: 'The mail server refused this message.', retry: false, remedy: 'correct_input' },
  SEND_RETRYING: {
    userMessage: 'The mail server could not be reached; the message will be sent automatically when it can.',
    retry: true,
    remedy: 'wait',
  },
  SEND_GAVE_UP: {
    userMessage: 'Sending kept failing, so it was stopped. Try again later.',
    retry: false,
    // Retry or edit from the Outbox. Not check_server_settings: the connect form takes those codes
    // as "open More settings" (app/client/mail-error.ts isServerProblem).
    remedy: 'correct_input',
  },
  SEND_UNCERTAIN: {
    userMessage:
      'This message may have been sent: the connection broke just as the mail server received it. Check Sent or the recipient before sending it again.',
    retry: false,
    remedy: 'correct_input',
  },
  SEND_TOO_LATE: { userMessage: 'Too late: this message is already being sent.', retry: false, remedy: 'correct_input' },
  // Drafts (issue 11): each is a copy on the mail server too, so a user keeps a bounded number.
  DRAFT_LIMIT_REACHED: {
    userMessage: 'You have too many drafts. Send or discard some first.',
    retry: false,
    remedy: 'correct_input',
  },
  // Google and Microsoft sign-in (issue 13, lib/mail/oauth). The provider said no to the refresh
  // token (revoked consent, changed password, expired grant: RFC 6749 §5.2 `invalid_grant`): only
  // the owner signing in again helps, so the sync stops as reconnect_required ("Sign in again").
  OAUTH_GRANT_REVOKED: {
    userMessage: 'Access to this mailbox was withdrawn or has expired. Sign in again.',
    retry: false,
    remedy: 'reenter_password',
  },
  // The provider could not be reached or failed (network, 5xx, 429): the token is refreshed later.
  OAUTH_PROVIDER_UNAVAILABLE: {
    userMessage: 'The sign-in service of the mail provider cannot be reached right now.',
    retry: true,
    remedy: 'wait',
  },
  // The provider refused this installation's client id or secret (`invalid_client`,
  // `unauthorized_client`): the operator's registration, not the user, must change.
  OAUTH_CLIENT_REJECTED: {
    userMessage: 'The mail provider refused this installation’s sign-in settings. Ask your administrator.',
    retry: false,
    remedy: 'ask_operator',
  },
  // The person declined on the provider's consent page (`error=access_denied`, RFC 6749 §4.1.2.1).
  OAUTH_ACCESS_DENIED: {
    userMessage: 'Access to the mailbox was not allowed. Sign in again and allow access to connect it.',
    retry: false,
    remedy: 'correct_input',
  },
  // The sign-in came back unusable: a state that is not ours, no e-mail address, or the mail
  // scopes unticked on a consent page that lets people choose (Google's granular consent).
  OAUTH_SIGN_IN_FAILED: {
    userMessage: 'The sign-in with the mail provider did not complete. Try again.',
    retry: false,
    remedy: 'correct_input',
  },
  // The consent page let the person untick mail access (Google's granular consent): the grant
  // cannot open the mailbox (finishAuthorization's `mail_scope_missing`).
  OAUTH_SCOPE_MISSING: {
    userMessage: 'Access to your mail was not allowed on the consent page. Sign in again and allow it.',
    retry: false,
    remedy: 'correct_input',
  },
  // Sign-in with a provider this deployment has no OAuth client for (GOOGLE_OAUTH_CLIENT_ID …): the
  // operator sets one up, or the person connects with an app password.
  OAUTH_NOT_CONFIGURED: {
    userMessage: 'Your administrator has not set up sign-in with this mail provider. Connect the mailbox with an app password.',
    retry: false,
    remedy: 'ask_operator',
  },
  // The person signed in at the provider as another mailbox than the one being connected or
  // reconnected (a second Google account in the same browser).
  OAUTH_WRONG_ACCOUNT: {
    userMessage: 'You signed in with another mailbox than this one. Sign in again with the right account.',
    retry: false,
    remedy: 'correct_input',
  },
  // Archiving to the CRM (issue 12). The source of new mail is fetched in the background (issue 9,
  // source first): until it is stored there are no original bytes to archive, so: wait.
  ARCHIVE_SOURCE_NOT_STORED: {
    userMessage: 'This message is still being downloaded from the mail server. Try archiving it again in a minute.',
    retry: true,
    remedy: 'wait',
  },
  ARCHIVE_TARGET_NOT_FOUND: {
    userMessage: 'This person, company, project or sale does not exist (any more).',
    retry: false,
    remedy: 'correct_input',
  },
  // The CRM core (issue 12). Another tenant's row is CRM_NOT_FOUND too: never "forbidden", which
  // would tell that the id exists.
  CRM_NOT_FOUND: { userMessage: 'This CRM record does not exist (any more).', retry: false, remedy: 'correct_input' },
  CRM_INVALID_INPUT: { userMessage: 'Some of the values are not valid.', retry: false, remedy: 'correct_input' },
  // A person's, project's or sale's company must be one of the tenant's companies.
  CRM_COMPANY_NOT_FOUND: { userMessage: 'This company does not exist (any more).', retry: false, remedy: 'correct_input' },
  // Configuration and infrastructure
  CONFIG_INVALID: { userMessage: 'The server configuration is not valid.', retry: false, remedy: 'ask_operator' },
  DATABASE_UNREACHABLE: { userMessage: 'The database cannot be reached.', retry: true, remedy: 'wait' },
  // A bug of ours: the sync loop retries past it (and logs it) rather than stopping an account
  // its owner cannot fix.
  INTERNAL: { userMessage: 'Something went wrong on our side.', retry: true, remedy: 'ask_operator' },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface AppErrorOptions {
  /** The input field the error is about, e.g. `email` or `imap.host`. */
  field?: string;
  /** A message more specific than the table's default. */
  message?: string;
  cause?: unknown;
  /** For protocol errors: the IMAP/SMTP command that failed. */
  command?: string;
  /** For protocol errors: what the server answered. */
  response?: string;
  /** Structured facts for the UI, e.g. an untrusted certificate's fingerprint. Never secrets. */
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly command?: string;
  readonly response?: string;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.message ?? ERROR_CODES[code].userMessage, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
    this.command = options.command;
    this.response = options.response;
    this.details = options.details;
  }

  /** Whether the sync loop should retry past this error rather than report it. */
  get retryable(): boolean {
    return ERROR_CODES[this.code].retry;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
