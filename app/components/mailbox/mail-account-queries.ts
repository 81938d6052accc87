import { gql, type TypedDocumentNode } from '@apollo/client';
import { SYNC_PROGRESS_FIELDS, type SyncProgressView } from './message-queries';

export interface MailServerView {
  host: string;
  port: number;
  ssl: boolean;
  username: string;
  trustedCertificateFingerprint: string | null;
  /** How the server is signed in to; asked for the incoming server only (both sign in alike). */
  authKind?: 'PASSWORD' | 'OAUTH2';
  /** `google` or `microsoft` for an OAUTH2 server. */
  oauthProvider?: string | null;
}

export interface MailAccountView {
  id: string;
  email: string;
  isDefault: boolean;
  /** The account's HTML signature (E-mail options); null: none. */
  signatureHtml: string | null;
  status: 'CONNECTED' | 'RECONNECT_REQUIRED' | 'ERROR';
  settingsSource: string;
  lastVerifiedAt: string | null;
  /** RFC 1870: the largest message the account's SMTP server takes, in bytes; null: not announced. */
  maxMessageSize: number | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  imap: MailServerView;
  smtp: MailServerView;
  folders: Array<{
    id: string;
    path: string;
    name: string;
    /** The server's hierarchy delimiter (`/`, `.`); null: flat. */
    delimiter: string | null;
    specialUse: string | null;
    totalCount: number;
    unreadCount: number;
  }>;
  syncState: string;
  lastSyncedAt: string | null;
  syncProgress: SyncProgressView | null;
}

const ACCOUNT_FIELDS = gql`
  fragment MailAccountFields on MailAccount {
    id
    email
    isDefault
    signatureHtml
    status
    settingsSource
    lastVerifiedAt
    maxMessageSize
    lastErrorCode
    lastErrorMessage
    imap {
      host
      port
      ssl
      username
      trustedCertificateFingerprint
      authKind
      oauthProvider
    }
    smtp {
      host
      port
      ssl
      username
      trustedCertificateFingerprint
    }
    folders {
      id
      path
      name
      delimiter
      specialUse
      totalCount
      unreadCount
    }
    syncState
    lastSyncedAt
    syncProgress {
      ...SyncProgressFields
    }
  }
  ${SYNC_PROGRESS_FIELDS}
`;

export const MAIL_ACCOUNTS: TypedDocumentNode<{ mailAccounts: MailAccountView[] }> = gql`
  query MailAccounts {
    mailAccounts {
      ...MailAccountFields
    }
  }
  ${ACCOUNT_FIELDS}
`;

export interface ServerSettingsView {
  host: string;
  port: number;
  ssl: boolean;
  username: string;
}

export interface MailSignInView {
  provider: string;
  configured: boolean;
  passwordAllowed: boolean;
}

export const MAIL_SIGN_IN: TypedDocumentNode<{ mailSignIn: MailSignInView | null }, { email: string }> = gql`
  query MailSignIn($email: String!) {
    mailSignIn(email: $email) {
      provider
      configured
      passwordAllowed
    }
  }
`;

export const DISCOVER: TypedDocumentNode<
  {
    discoverMailSettings: {
      discoveryId: string;
      source: string;
      imap: ServerSettingsView;
      smtp: ServerSettingsView;
      provider: { name: string; hints: string[] } | null;
    } | null;
  },
  { email: string }
> = gql`
  query DiscoverMailSettings($email: String!) {
    discoverMailSettings(email: $email) {
      discoveryId
      source
      imap {
        host
        port
        ssl
        username
      }
      smtp {
        host
        port
        ssl
        username
      }
      provider {
        name
        hints
      }
    }
  }
`;

export interface MailServerInput {
  server: string;
  username: string;
  password?: string;
  ssl: boolean;
  trustedFingerprint?: string;
}

export const CONNECT: TypedDocumentNode<
  { connectMailAccount: MailAccountView },
  {
    input: { email: string; password: string; imap?: MailServerInput; smtp?: MailServerInput; discoveryId?: string };
  }
> = gql`
  mutation ConnectMailAccount($input: ConnectMailAccountInput!) {
    connectMailAccount(input: $input) {
      ...MailAccountFields
    }
  }
  ${ACCOUNT_FIELDS}
`;

export const UPDATE: TypedDocumentNode<
  { updateMailAccount: MailAccountView },
  { id: string; input: { password?: string; imap?: MailServerInput; smtp?: MailServerInput; makeDefault?: boolean } }
> = gql`
  mutation UpdateMailAccount($id: ID!, $input: UpdateMailAccountInput!) {
    updateMailAccount(id: $id, input: $input) {
      ...MailAccountFields
    }
  }
  ${ACCOUNT_FIELDS}
`;

export const REMOVE: TypedDocumentNode<{ removeMailAccount: boolean }, { id: string }> = gql`
  mutation RemoveMailAccount($id: ID!) {
    removeMailAccount(id: $id)
  }
`;

/** `host` or `host:port` as the server field shows it (IPv6 in brackets). */
export function serverField(server: { host: string; port: number }): string {
  const host = server.host.includes(':') ? `[${server.host}]` : server.host;
  return `${host}:${server.port}`;
}

export const SET_SIGNATURE: TypedDocumentNode<
  { setSignature: { id: string; signatureHtml: string | null } },
  { accountId: string; html: string | null }
> = gql`
  mutation SetSignature($accountId: ID!, $html: String) {
    setSignature(accountId: $accountId, html: $html) {
      id
      signatureHtml
    }
  }
`;
