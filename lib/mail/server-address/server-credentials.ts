/** One server as a person entered it: where, how, and who. */
export interface ServerCredentials {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (RFC 8314 §3: IMAP 993, submission 465); otherwise plain, upgraded with STARTTLS. */
  ssl: boolean;
  username: string;
  password: string;
}
