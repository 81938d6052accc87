/** Where a discovered configuration came from, best first (the order `discoverMailSettings` trusts them in). */
export type DiscoverySource = 'provider' | 'autoconfig' | 'srv' | 'mx' | 'guess';

/** How to reach one server. */
export interface ServerEndpoint {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (RFC 8314 §3), e.g. IMAP 993, submission 465. */
  ssl: boolean;
  /** Plain connection upgraded with STARTTLS (RFC 9051 §6.2.1, RFC 3207). Only meaningful when `ssl` is false. */
  starttls?: boolean;
}

export interface ServerSettings extends ServerEndpoint {
  /** Login name; the full e-mail address unless the source says otherwise. */
  username: string;
}

export interface ProviderInfo {
  id: string;
  name: string;
  /** Things the person must do on the provider's side, e.g. 'Use an app password'. */
  hints: string[];
}

export interface MailSettings {
  imap: ServerSettings;
  smtp: ServerSettings;
  source: DiscoverySource;
  provider?: ProviderInfo;
}
