/**
 * The one table of error codes (house rule 2, after nodemailer's lib/errors.js).
 *
 * Every error the product reports to a person or an integrator has a code here.
 * `userMessage` is what the UI shows; `retry` marks errors the sync loop retries
 * past instead of reporting (house rule 3). GraphQL maps `AppError` to a typed
 * error whose `extensions.code` is the key below.
 */
export const ERROR_CODES = {
  // Foundation: auth and authorization
  UNAUTHENTICATED: { userMessage: 'Please sign in.', retry: false },
  FORBIDDEN: { userMessage: 'You do not have permission to do that.', retry: false },
  BAD_CREDENTIALS: { userMessage: 'E-mail or password is incorrect', retry: false },
  RATE_LIMITED: { userMessage: 'Too many attempts. Wait a moment and try again.', retry: false },
  SETUP_ALREADY_DONE: { userMessage: 'This installation is already set up.', retry: false },
  EMAIL_TAKEN: { userMessage: 'A user with this e-mail address already exists.', retry: false },
  BAD_USER_INPUT: { userMessage: 'Some of the values are not valid.', retry: false },
  NOT_FOUND: { userMessage: 'Not found.', retry: false },
  // API limits (issue 8, items 2 and 8): a request body over the limit, an operation over its size or cost.
  PAYLOAD_TOO_LARGE: { userMessage: 'The request is too large.', retry: false },
  QUERY_TOO_COMPLEX: { userMessage: 'The query is too large or too complex.', retry: false },
  // Connecting a mailbox: discovery
  BAD_SERVER_ADDRESS: { userMessage: 'The server address is not valid.', retry: false },
  MAIL_SETTINGS_NOT_FOUND: {
    userMessage: "We couldn't find the mail server settings for this address. Enter them yourself.",
    retry: false,
  },
  MAIL_ACCOUNT_EXISTS: { userMessage: 'This mailbox is already connected.', retry: false },
  // Connecting a mailbox: live verification (lib/mail/verify). mapMailError writes a message
  // naming the server ("Incoming mail server (IMAP): …"); these are the fallbacks. `retry`:
  // network trouble is retried past by the sync loop, anything a person must fix is reported.
  MAIL_AUTH_FAILED: { userMessage: 'The mail server did not accept the username or password.', retry: false },
  MAIL_IMAP_DISABLED: {
    userMessage: 'The mail provider refused the sign-in: turn on IMAP access or use an app password.',
    retry: false,
  },
  MAIL_HOST_NOT_FOUND: { userMessage: 'The mail server name was not found.', retry: true },
  MAIL_CONNECTION_REFUSED: { userMessage: 'The mail server refused the connection. Check the port.', retry: true },
  MAIL_CONNECTION_FAILED: { userMessage: 'The connection to the mail server failed.', retry: true },
  MAIL_TIMEOUT: { userMessage: 'The mail server did not answer in time.', retry: true },
  MAIL_TLS_UNTRUSTED: { userMessage: "The mail server's certificate is not trusted.", retry: false },
  MAIL_TLS_FAILED: {
    userMessage: 'A secure connection to the mail server could not be set up. Check the port and the SSL setting.',
    retry: false,
  },
  STARTTLS_NOT_OFFERED: {
    userMessage: 'The mail server does not offer encryption (STARTTLS) on this port, so the password was not sent.',
    retry: false,
  },
  SMTP_AUTH_NOT_OFFERED: { userMessage: 'The outgoing mail server does not offer sign-in (AUTH) on this port.', retry: false },
  MAIL_ADDRESS_BLOCKED: { userMessage: 'Connections to this mail server address are not allowed.', retry: false },
  // The sealed password no longer opens (MAIL_CREDENTIALS_KEY changed or was lost): no retry
  // can fix that, only the owner typing the password again.
  MAIL_PASSWORD_UNREADABLE: {
    userMessage: 'The saved mail password can no longer be read (the server’s encryption key changed). Enter the password again.',
    retry: false,
  },
  // Configuration and infrastructure
  CONFIG_INVALID: { userMessage: 'The server configuration is not valid.', retry: false },
  DATABASE_UNREACHABLE: { userMessage: 'The database cannot be reached.', retry: true },
  INTERNAL: { userMessage: 'Something went wrong on our side.', retry: false },
} as const satisfies Record<string, { userMessage: string; retry: boolean }>;

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
