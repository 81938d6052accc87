import 'server-only';
import { listFolders, listUserMailAccounts } from '../db/queries/mail-accounts.ts';
import type { MailAccount, MailFolder } from '../db/schema/index.ts';
import { connectMailAccount, removeMailAccount, updateMailAccount } from '../lib/mail-accounts/manage-mail-account.ts';
import { discoverSettingsForUser } from '../lib/mail-accounts/discover-settings-for-user.ts';
import { oauthSignInOption, type OAuthSignInOption } from '../lib/mail-accounts/oauth-sign-in-option.ts';
import { DISCOVERY_TOKEN_MAX_LENGTH } from '../lib/mail-accounts/discovery-token.ts';
import { hasStoredSecret, storedServerFacts, type StoredServerFacts } from '../lib/mail-accounts/mail-server-row.ts';
import type { MailSettings, ServerSettings } from '../lib/mail/discovery/types.ts';
import { folderCounts } from '../db/queries/message-list.ts';
import { authz, builder } from './builder.ts';
import { MAX_LENGTH, maxLength } from './input-limits.ts';
import { SyncProgressRef } from './message.ts';

const MailServerSettingsRef = builder.objectRef<ServerSettings>('MailServerSettings').implement({
  description: 'Where and how to reach one mail server, as discovered.',
  fields: (t) => ({
    host: t.exposeString('host'),
    port: t.exposeInt('port'),
    ssl: t.exposeBoolean('ssl', { description: 'Implicit TLS; false means STARTTLS (or plain, where allowed).' }),
    username: t.exposeString('username'),
  }),
});

const MailProviderRef = builder.objectRef<NonNullable<MailSettings['provider']>>('MailProvider').implement({
  fields: (t) => ({
    id: t.exposeString('id'),
    name: t.exposeString('name'),
    hints: t.exposeStringList('hints', { description: 'What to do on the provider’s side, e.g. use an app password.' }),
  }),
});

const DiscoveredMailSettingsRef = builder.objectRef<MailSettings & { discoveryId: string }>('DiscoveredMailSettings').implement({
  fields: (t) => ({
    discoveryId: t.exposeString('discoveryId', {
      description:
        'Opaque; send it back in ConnectMailAccountInput.discoveryId with these servers, so the account keeps this source and provider.',
    }),
    imap: t.field({ type: MailServerSettingsRef, resolve: (s) => s.imap }),
    smtp: t.field({ type: MailServerSettingsRef, resolve: (s) => s.smtp }),
    source: t.exposeString('source', { description: 'provider | autoconfig | srv | mx | guess' }),
    provider: t.field({ type: MailProviderRef, nullable: true, resolve: (s) => s.provider ?? null }),
  }),
});

type ServerView = StoredServerFacts & { secretReadable: boolean };

const MailAuthKind = builder.enumType('MailAuthKind', {
  description: 'How the app signs in to a mail server.',
  values: {
    PASSWORD: { value: 'password', description: 'A password (or an app password).' },
    OAUTH2: {
      value: 'oauth2',
      description: 'An OAuth2 grant from the provider (XOAUTH2): "Sign in again" rather than a password.',
    },
  } as const,
});

const MailServerRef = builder.objectRef<ServerView>('MailServer').implement({
  description: 'A connected account’s server. Its password or OAuth2 tokens are never returned.',
  fields: (t) => ({
    host: t.exposeString('host'),
    port: t.exposeInt('port'),
    ssl: t.exposeBoolean('ssl'),
    username: t.exposeString('username'),
    authKind: t.field({ type: MailAuthKind, resolve: (s) => s.authKind }),
    oauthProvider: t.exposeString('oauthProvider', {
      nullable: true,
      description: 'The OAuth2 provider (`google`, `microsoft`) of an OAUTH2 server; null for a password.',
    }),
    passwordSet: t.boolean({
      description:
        'A password is stored for this server and can be opened; false after the encryption key changed (enter it again), and for an OAUTH2 server.',
      resolve: (s) => s.authKind === 'password' && s.secretReadable,
    }),
    trustedCertificateFingerprint: t.exposeString('trustedFingerprint', {
      nullable: true,
      description: 'SHA-256 fingerprint of a certificate the user chose to trust, if any.',
    }),
  }),
});

type FolderView = MailFolder & { total: number; unread: number };

const MailFolderRef = builder.objectRef<FolderView>('MailFolder').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    totalCount: t.exposeInt('total', { description: 'Messages stored for this folder.' }),
    unreadCount: t.exposeInt('unread'),
    serverCount: t.exposeInt('serverCount', {
      nullable: true,
      description: 'Messages on the server within the import window, at the last check.',
    }),
    lastSyncedAt: t.expose('lastSyncedAt', { type: 'DateTime', nullable: true }),
    path: t.exposeString('path'),
    name: t.exposeString('name'),
    specialUse: t.exposeString('specialUse', {
      nullable: true,
      description: 'RFC 6154: \\Sent, \\Drafts, \\Trash, \\Junk, \\Archive, or \\Inbox',
    }),
    delimiter: t.exposeString('delimiter', {
      nullable: true,
      description: 'The hierarchy delimiter of the server (`/`, `.`): a path split at it gives the nesting; null: flat.',
    }),
  }),
});

const MailAccountStatus = builder.enumType('MailAccountStatus', {
  values: {
    CONNECTED: { value: 'connected' },
    RECONNECT_REQUIRED: {
      value: 'reconnect_required',
      description:
        'The server refused the stored password (edit the account), or an OAuth2 grant no longer works (lastErrorCode MAIL_OAUTH_RECONNECT_REQUIRED: sign in with the provider again).',
    },
    ERROR: { value: 'error' },
  } as const,
});

export const MailAccountRef = builder.objectRef<MailAccount>('MailAccount').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    isDefault: t.exposeBoolean('isDefault', { description: 'New mail is sent from this account by default.' }),
    settingsSource: t.exposeString('settingsSource', { description: 'provider | autoconfig | srv | mx | guess | manual' }),
    status: t.field({ type: MailAccountStatus, resolve: (a) => a.status as 'connected' }),
    lastErrorCode: t.exposeString('lastErrorCode', { nullable: true }),
    lastErrorMessage: t.exposeString('lastErrorMessage', { nullable: true }),
    lastVerifiedAt: t.expose('lastVerifiedAt', { type: 'DateTime', nullable: true }),
    maxMessageSize: t.exposeInt('smtpMaxSize', {
      nullable: true,
      description:
        'The largest message in bytes the account’s SMTP server takes, as it announced (RFC 1870 SIZE) when last verified or used; null: not announced. Files may fill about 73 % of it (base64), at most 25 MiB.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    imap: t.field({
      type: MailServerRef,
      resolve: (a, _args, { services }) => ({
        ...storedServerFacts(a, 'imap'),
        secretReadable: hasStoredSecret(a, 'imap', services.credentialsKey),
      }),
    }),
    smtp: t.field({
      type: MailServerRef,
      resolve: (a, _args, { services }) => ({
        ...storedServerFacts(a, 'smtp'),
        secretReadable: hasStoredSecret(a, 'smtp', services.credentialsKey),
      }),
    }),
    folders: t.field({
      type: [MailFolderRef],
      resolve: async (a, _args, { services }) => {
        const [folders, counts] = await Promise.all([
          listFolders(services.database.db, a.id),
          folderCounts(services.database.db, a.id),
        ]);
        return folders.map((f) => ({ ...f, total: counts.get(f.id)?.total ?? 0, unread: counts.get(f.id)?.unread ?? 0 }));
      },
    }),
    syncState: t.exposeString('syncState', {
      description: 'idle | connecting | importing | live | error; while connecting, lastErrorCode/lastErrorMessage say why',
    }),
    lastSyncedAt: t.expose('lastSyncedAt', { type: 'DateTime', nullable: true }),
    syncProgress: t.field({
      type: SyncProgressRef,
      nullable: true,
      description: 'The latest progress of the account’s sync runner, when it runs in this process.',
      resolve: (a, _args, { services }) => services.sync?.status(a.id) ?? null,
    }),
  }),
});

const MailServerInput = builder.inputType('MailServerInput', {
  fields: (t) => ({
    server: t.string({
      required: true,
      description: '`host`, `host:port` or `[ipv6]:port`; default ports follow `ssl`.',
      extensions: maxLength(MAX_LENGTH.server),
    }),
    username: t.string({ required: true, extensions: maxLength(MAX_LENGTH.username) }),
    password: t.string({ description: 'Defaults to the account password.', extensions: maxLength(MAX_LENGTH.password) }),
    ssl: t.boolean({
      required: true,
      description: 'Implicit TLS. Without it, STARTTLS is required unless the deployment allows plaintext.',
    }),
    trustedFingerprint: t.string({
      description: 'Trust this certificate (SHA-256 fingerprint) although it is not publicly trusted.',
      extensions: maxLength(MAX_LENGTH.fingerprint),
    }),
  }),
});

const ConnectMailAccountInput = builder.inputType('ConnectMailAccountInput', {
  fields: (t) => ({
    email: t.string({ required: true, extensions: maxLength(MAX_LENGTH.email) }),
    password: t.string({ required: true, extensions: maxLength(MAX_LENGTH.password) }),
    imap: t.field({ type: MailServerInput, description: 'Omit both imap and smtp to let the server discover the settings.' }),
    smtp: t.field({ type: MailServerInput }),
    discoveryId: t.string({
      extensions: maxLength(DISCOVERY_TOKEN_MAX_LENGTH),
      description: `The discoveryId of the discoverMailSettings answer imap and smtp were taken from (at most ${DISCOVERY_TOKEN_MAX_LENGTH} characters). Servers that match it keep the discovery's source and provider; others are saved as \`manual\`.`,
    }),
    makeDefault: t.boolean(),
  }),
});

const UpdateMailAccountInput = builder.inputType('UpdateMailAccountInput', {
  fields: (t) => ({
    password: t.string({
      description: 'New password for both servers (unless a server input carries its own).',
      extensions: maxLength(MAX_LENGTH.password),
    }),
    imap: t.field({ type: MailServerInput }),
    smtp: t.field({ type: MailServerInput }),
    makeDefault: t.boolean(),
  }),
});

builder.queryField('mailAccounts', (t) =>
  t.field({
    type: [MailAccountRef],
    description: 'The viewer’s connected mail accounts, the default first.',
    extensions: authz('signedIn'),
    resolve: (_root, _args, { services, viewer }) => listUserMailAccounts(services.database.db, viewer!.user.id),
  }),
);

builder.queryField('discoverMailSettings', (t) =>
  t.field({
    type: DiscoveredMailSettingsRef,
    nullable: true,
    description: 'Looks up the IMAP/SMTP settings for an address; null when nothing was found.',
    extensions: authz('signedIn'),
    args: { email: t.arg.string({ required: true, extensions: maxLength(MAX_LENGTH.email) }) },
    resolve: (_root, { email }, { services, viewer }) => discoverSettingsForUser(services, viewer!, email),
  }),
);

const MailSignInRef = builder.objectRef<OAuthSignInOption>('MailSignIn').implement({
  description:
    'How an address at Google or Microsoft signs in (issue 13): the browser goes to /api/oauth/start?provider=…&email=… when `configured`.',
  fields: (t) => ({
    provider: t.exposeString('provider', { description: '`google` or `microsoft`.' }),
    configured: t.exposeBoolean('configured', {
      description: 'This deployment has a client for the provider; otherwise only an app password can connect the mailbox.',
    }),
    passwordAllowed: t.exposeBoolean('passwordAllowed', {
      description: 'The provider still takes an app password over IMAP and SMTP (Google; Microsoft does not).',
    }),
  }),
});

builder.queryField('mailSignIn', (t) =>
  t.field({
    type: MailSignInRef,
    nullable: true,
    description:
      'Whether an address is at a provider that signs in with OAuth2 (Gmail, Microsoft 365: by domain or MX); null: connect it with a password.',
    extensions: authz('signedIn'),
    args: { email: t.arg.string({ required: true, extensions: maxLength(MAX_LENGTH.email) }) },
    resolve: (_root, { email }, { services, viewer }) => oauthSignInOption(services, viewer!.user.id, email),
  }),
);

builder.mutationField('connectMailAccount', (t) =>
  t.field({
    type: MailAccountRef,
    description: 'Verifies the settings live (IMAP login and SMTP authentication), then saves the account.',
    extensions: authz('signedIn'),
    args: { input: t.arg({ type: ConnectMailAccountInput, required: true }) },
    resolve: (_root, { input }, { services, viewer }) => connectMailAccount(services, viewer!, input),
  }),
);

builder.mutationField('updateMailAccount', (t) =>
  t.field({
    type: MailAccountRef,
    description: 'Changes password or servers; re-verified before saving.',
    extensions: authz('signedIn'),
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateMailAccountInput, required: true }) },
    resolve: (_root, { id, input }, { services, viewer }) => updateMailAccount(services, viewer!, String(id), input),
  }),
);

builder.mutationField('removeMailAccount', (t) =>
  t.boolean({
    description: 'Removes the account and its synced mail; mail archived to the CRM stays.',
    extensions: authz('signedIn'),
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { services, viewer }) => removeMailAccount(services, viewer!, String(id)),
  }),
);
