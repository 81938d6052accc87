import 'server-only';
import {
  findUserMailAccount,
  listUserMailAccounts,
  updateMailAccountRow,
  upsertFolders,
} from '../../db/queries/mail-accounts.ts';
import type { MailAccount } from '../../db/schema/index.ts';
import type { AppServices } from '../app-services.ts';
import type { Viewer } from '../auth/viewer.ts';
import { AppError } from '../errors.ts';
import type { FinishedAuthorization } from '../mail/oauth/finish-authorization.ts';
import type { MailServer, OAuth2Credentials, ServerKind } from '../mail/server/mail-server.ts';
import { saveNewMailAccount } from './manage-mail-account.ts';
import { serverCredentialsColumns, storedServerFacts } from './mail-server-row.ts';
import type { ConfiguredOAuthProvider, OAuthProviderId } from './oauth-providers-for-config.ts';
import { verifyForDeployment } from './verify-for-deployment.ts';

export interface OAuthSignInResult {
  provider: OAuthProviderId;
  signedIn: FinishedAuthorization;
  /** The address the person typed before signing in, if any: the provider must have signed in that mailbox. */
  expectedEmail?: string;
  /** Reconnect: the account whose grant is replaced. */
  accountId?: string;
}

/**
 * Connects (or reconnects) a mailbox with the grant a finished sign-in gave: IMAP and SMTP are
 * verified live with XOAUTH2 first (saveNewMailAccount: the same path as a password), then the
 * account is saved with the grant sealed for both servers (one token opens both, issue 13) and the
 * import starts. A reconnect keeps the account's servers and mail and replaces only the grant, so
 * the sync goes live again where it stopped.
 *
 * Signing in from "Connect your mailbox" for a mailbox this user already connected with the same
 * provider (say it is "reconnect required" and they used the form, not "Sign in again") is that
 * reconnect too, not MAIL_ACCOUNT_EXISTS. An account with the same address that signs in with a
 * password (or the other provider) stays MAIL_ACCOUNT_EXISTS: an account never changes how it signs
 * in as a side effect of connecting (its owner removes it and connects it again to switch).
 *
 * @throws AppError OAUTH_WRONG_ACCOUNT (another mailbox signed in than the one meant),
 *   MAIL_ACCOUNT_EXISTS, NOT_FOUND, or what verification found (MAIL_OAUTH_NOT_OFFERED …).
 */
export async function connectOAuthMailAccount(
  services: AppServices,
  viewer: Viewer,
  configured: ConfiguredOAuthProvider,
  result: OAuthSignInResult,
): Promise<MailAccount> {
  const { tokens, email } = result.signedIn;
  const grant: OAuth2Credentials = { kind: 'oauth2', provider: result.provider, ...tokens };

  if (result.accountId) {
    const account = await findUserMailAccount(services.database.db, viewer.user.id, result.accountId);
    if (!account) throw new AppError('NOT_FOUND', { message: 'This mail account does not exist (any more).' });
    if (!sameMailbox(account.email, email)) throw new AppError('OAUTH_WRONG_ACCOUNT', { details: { signedIn: email } });
    // "Sign in again" is offered for OAuth2 accounts only; a crafted link for a password account
    // (or the other provider's) must not hang a token on servers it was never meant for.
    if (!signsInWith(account, result.provider))
      throw new AppError('NOT_FOUND', { message: 'This mail account does not sign in with this provider.' });
    return replaceGrant(services, viewer, account, grant);
  }

  if (result.expectedEmail && !sameMailbox(result.expectedEmail, email))
    throw new AppError('OAUTH_WRONG_ACCOUNT', { details: { signedIn: email } });
  const existing = (await listUserMailAccounts(services.database.db, viewer.user.id)).find((a) => sameMailbox(a.email, email));
  if (existing) {
    if (!signsInWith(existing, result.provider)) throw new AppError('MAIL_ACCOUNT_EXISTS', { field: 'email' });
    return replaceGrant(services, viewer, existing, grant);
  }
  const server = (kind: ServerKind): MailServer => {
    const { host, port, ssl } = configured[kind];
    return { host, port, ssl, username: email, credentials: grant };
  };
  return saveNewMailAccount(services, viewer, {
    email,
    imap: server('imap'),
    smtp: server('smtp'),
    source: 'provider',
    makeDefault: false,
  });
}

/** Whether the account's servers sign in with this provider's OAuth2 grant (not a password). */
function signsInWith(account: MailAccount, provider: OAuthProviderId): boolean {
  return (['imap', 'smtp'] as const).every((kind) => {
    const facts = storedServerFacts(account, kind);
    return facts.authKind === 'oauth2' && facts.oauthProvider === provider;
  });
}

/** Without case: RFC 5321 lets a local part be case-sensitive, but Google and Microsoft mailboxes are not. */
function sameMailbox(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Reconnect: the account's servers, folders and mail stay; the new grant is verified live on both
 * servers and replaces the old one, and the account is connected again.
 */
async function replaceGrant(
  services: AppServices,
  viewer: Viewer,
  account: MailAccount,
  grant: OAuth2Credentials,
): Promise<MailAccount> {
  const server = (kind: ServerKind): MailServer => {
    const { host, port, ssl, username, trustedFingerprint } = storedServerFacts(account, kind);
    return { host, port, ssl, username, ...(trustedFingerprint ? { trustedFingerprint } : {}), credentials: grant };
  };
  const verified = await verifyForDeployment(services, { imap: server('imap'), smtp: server('smtp') });
  await upsertFolders(services.database.db, account.id, verified.folders);
  // updated_at moves (updateMailAccountRow): the supervisor restarts the stopped runner with the new grant.
  const updated = await updateMailAccountRow(
    services.database.db,
    viewer.user.id,
    account.id,
    {
      ...serverCredentialsColumns('imap', grant, services.credentialsKey),
      ...serverCredentialsColumns('smtp', grant, services.credentialsKey),
      smtpMaxSize: verified.smtpMaxSize,
      status: 'connected',
      lastErrorCode: null,
      lastErrorMessage: null,
      lastVerifiedAt: new Date(),
    },
    false,
  );
  if (!updated) throw new AppError('NOT_FOUND', { message: 'This mail account does not exist (any more).' });
  await services.sync?.refresh();
  return updated;
}
