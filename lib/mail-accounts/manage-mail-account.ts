import 'server-only';
import {
  deleteMailAccount,
  findUserMailAccount,
  insertMailAccount,
  updateMailAccountRow,
  upsertFolders,
  type MailAccountChanges,
} from '../../db/queries/mail-accounts.ts';
import { sweepUnreferencedBlobs } from '../../db/queries/attachment-blobs.ts';
import type { MailAccount } from '../../db/schema/index.ts';
import type { AppServices } from '../app-services.ts';
import type { Viewer } from '../auth/viewer.ts';
import { AppError } from '../errors.ts';
import { discoverMailSettings } from '../mail/discovery/discover-mail-settings.ts';
import type { ProviderInfo, ServerSettings } from '../mail/discovery/types.ts';
import { DISCOVERY_TOKEN_MAX_LENGTH, readDiscoveryToken } from './discovery-token.ts';
import { sameServer } from './same-server.ts';
import type { MailCredentials, MailServer } from '../mail/server/mail-server.ts';
import { withFreshAccessToken } from './access-token-source.ts';
import { mailServerColumns, readMailServer, serverSettingsColumns, storedServerFacts } from './mail-server-row.ts';
import { resolveServerInput, type MailServerInput } from './resolve-server-input.ts';
import { sharePinnedCertificate } from './share-pinned-certificate.ts';
import { verifyForDeployment } from './verify-for-deployment.ts';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export interface ConnectMailAccountInput {
  email: string;
  password: string;
  imap?: MailServerInput | null;
  smtp?: MailServerInput | null;
  /** The `discoveryId` of the discovery answer `imap` and `smtp` were taken from, if they were. */
  discoveryId?: string | null;
  makeDefault?: boolean | null;
}

export interface UpdateMailAccountInput {
  password?: string | null;
  imap?: MailServerInput | null;
  smtp?: MailServerInput | null;
  makeDefault?: boolean | null;
}

/**
 * Connects a mailbox: settings as given (More settings) or discovered, verified live
 * (IMAP login + SMTP authentication), then saved with sealed passwords.
 */
export async function connectMailAccount(
  services: AppServices,
  viewer: Viewer,
  input: ConnectMailAccountInput,
): Promise<MailAccount> {
  const email = input.email.trim();
  if (!EMAIL.test(email)) throw new AppError('BAD_USER_INPUT', { field: 'email', message: 'Enter a valid e-mail address.' });
  if (!input.password)
    throw new AppError('BAD_USER_INPUT', { field: 'password', message: 'Enter the password of this mailbox.' });
  if (input.discoveryId && input.discoveryId.length > DISCOVERY_TOKEN_MAX_LENGTH)
    throw new AppError('BAD_USER_INPUT', { field: 'discoveryId', message: 'This discovery id was not issued here.' });
  if (!services.limits.mailLookupsByUser.hit(viewer.user.id)) throw new AppError('RATE_LIMITED');

  let imap: MailServer;
  let smtp: MailServer;
  let source: string;
  let provider: ProviderInfo | undefined;
  const password: MailCredentials = { kind: 'password', password: input.password };
  if (input.imap && input.smtp) {
    imap = resolveServerInput('imap', input.imap, password);
    smtp = resolveServerInput('smtp', input.smtp, password);
    // Servers the page took from discovery keep its source and provider (whose hints explain a
    // refused sign-in); the token proves discovery found them, so edited or made-up ones are
    // `manual` whatever the page claims (issue 8, item 20).
    const vouched = input.discoveryId
      ? readDiscoveryToken(input.discoveryId, { userId: viewer.user.id, email }, services.credentialsKey)
      : null;
    if (vouched && sameServer(vouched.imap, imap) && sameServer(vouched.smtp, smtp)) {
      source = vouched.source;
      provider = vouched.provider;
    } else {
      source = 'manual';
    }
  } else if (input.imap || input.smtp) {
    throw new AppError('BAD_USER_INPUT', {
      field: input.imap ? 'smtp.server' : 'imap.server',
      message: 'Give both the incoming and the outgoing server.',
    });
  } else {
    const found = await discoverMailSettings(email, services.mailDiscovery);
    if (!found) throw new AppError('MAIL_SETTINGS_NOT_FOUND', { field: 'email' });
    imap = fromDiscovered(found.imap, password);
    smtp = fromDiscovered(found.smtp, password);
    source = found.source;
    provider = found.provider;
  }

  return saveNewMailAccount(services, viewer, { email, imap, smtp, source, provider, makeDefault: Boolean(input.makeDefault) });
}

/**
 * The end of every connect, with a password (connectMailAccount) or an OAuth2 grant
 * (connect-oauth-mail-account.ts): verified live (IMAP login + SMTP authentication, XOAUTH2 for a
 * grant), saved with the credentials sealed, and the import started.
 *
 * @throws AppError MAIL_ACCOUNT_EXISTS, or what verification found.
 */
export async function saveNewMailAccount(
  services: AppServices,
  viewer: Viewer,
  account: { email: string; imap: MailServer; smtp: MailServer; source: string; provider?: ProviderInfo; makeDefault: boolean },
): Promise<MailAccount> {
  const { imap, smtp } = sharePinnedCertificate({ imap: account.imap, smtp: account.smtp });
  const verified = await verifyForDeployment(services, { imap, smtp }, account.provider);
  const saved = await insertMailAccount(
    services.database.db,
    {
      tenantId: viewer.tenant.id,
      userId: viewer.user.id,
      email: account.email,
      settingsSource: account.source,
      ...mailServerColumns('imap', imap, services.credentialsKey),
      ...mailServerColumns('smtp', smtp, services.credentialsKey),
      smtpMaxSize: verified.smtpMaxSize,
      status: 'connected',
      lastVerifiedAt: new Date(),
    },
    verified.folders,
    account.makeDefault,
  );
  if (!saved) throw new AppError('MAIL_ACCOUNT_EXISTS', { field: 'email' });
  await services.sync?.refresh(); // start importing now rather than at the next periodic scan
  return saved;
}

/** Changes the password or servers of an account; the result is verified before it is saved. */
export async function updateMailAccount(
  services: AppServices,
  viewer: Viewer,
  id: string,
  input: UpdateMailAccountInput,
): Promise<MailAccount> {
  const account = await findUserMailAccount(services.database.db, viewer.user.id, id);
  if (!account) throw new AppError('NOT_FOUND', { message: 'This mail account does not exist (any more).' });
  const changesServers = Boolean(input.password || input.imap || input.smtp);
  let changes: MailAccountChanges = {};
  if (changesServers) {
    if (!services.limits.mailLookupsByUser.hit(viewer.user.id)) throw new AppError('RATE_LIMITED');
    // Stored secrets are opened only where still needed: a new password replaces them, and the
    // stored one may be the very password that no longer opens (MAIL_PASSWORD_UNREADABLE).
    const newPassword: MailCredentials | undefined = input.password ? { kind: 'password', password: input.password } : undefined;
    const stored = (kind: 'imap' | 'smtp') => readMailServer(account, kind, services.credentialsKey, newPassword);
    const { imap, smtp } = sharePinnedCertificate({
      imap: input.imap
        ? resolveServerInput('imap', input.imap, input.imap.password ? undefined : stored('imap').credentials)
        : stored('imap'),
      smtp: input.smtp
        ? resolveServerInput('smtp', input.smtp, input.smtp.password ? undefined : stored('smtp').credentials)
        : stored('smtp'),
    });
    const verified = await verifyForDeployment(services, {
      imap: await withFreshAccessToken(imap, account, 'imap', services.accessTokens),
      smtp: await withFreshAccessToken(smtp, account, 'smtp', services.accessTokens),
    });
    await upsertFolders(services.database.db, account.id, verified.folders);
    changes = {
      ...updatedServerColumns(services, 'imap', imap),
      ...updatedServerColumns(services, 'smtp', smtp),
      smtpMaxSize: verified.smtpMaxSize,
      // The edit form sends both servers with every save: only a server that differs from the
      // stored one makes the settings the user's own.
      ...(sameServer(imap, storedServerFacts(account, 'imap')) && sameServer(smtp, storedServerFacts(account, 'smtp'))
        ? {}
        : { settingsSource: 'manual' }),
      status: 'connected',
      lastErrorCode: null,
      lastErrorMessage: null,
      lastVerifiedAt: new Date(),
    };
  }
  const updated = await updateMailAccountRow(services.database.db, viewer.user.id, id, changes, Boolean(input.makeDefault));
  if (!updated) throw new AppError('NOT_FOUND', { message: 'This mail account does not exist (any more).' });
  if (changesServers) await services.sync?.refresh();
  return updated;
}

/** Removes the account and its synced mail (mail archived to the CRM is kept elsewhere and stays). */
export async function removeMailAccount(services: AppServices, viewer: Viewer, id: string): Promise<boolean> {
  const account = await findUserMailAccount(services.database.db, viewer.user.id, id);
  if (!account) throw new AppError('NOT_FOUND', { message: 'This mail account does not exist (any more).' });
  await deleteMailAccount(services.database.db, viewer.user.id, id);
  await services.sync?.refresh();
  // The attachment bytes only this account's mail used: a failed sweep (an import elsewhere
  // touching a blob right now) is left to the sync supervisor's periodic one.
  await sweepUnreferencedBlobs(services.database.db).catch(() => 0);
  return true;
}

function fromDiscovered(settings: ServerSettings, credentials: MailCredentials): MailServer {
  return { host: settings.host, port: settings.port, ssl: settings.ssl, username: settings.username, credentials };
}

/**
 * An edited server's columns: a password is sealed again (new or as stored); a stored OAuth2 grant
 * is left as it is in the row, where the token source may have stored a newer one (a rotated
 * refresh token) since this request read it.
 */
function updatedServerColumns<K extends 'imap' | 'smtp'>(services: AppServices, kind: K, server: MailServer) {
  return server.credentials.kind === 'oauth2'
    ? serverSettingsColumns(kind, server)
    : mailServerColumns(kind, server, services.credentialsKey);
}
