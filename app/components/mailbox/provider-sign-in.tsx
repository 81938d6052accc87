'use client';
import { useTranslations } from 'next-intl';
import { oauthStartHref } from '../../client/oauth-start-href';
import type { MailSignInView } from './mail-account-queries';

/**
 * "Sign in with Google / Microsoft" for an address at such a provider (issue 13), above the
 * password form: the button when this deployment has a client for the provider, else a note that
 * the administrator has not set it up (the password form below is then the way).
 */
export function ProviderSignIn({ option, email, from }: { option: MailSignInView; email: string; from: 'inbox' | 'setup' }) {
  const t = useTranslations('mailboxSetup');
  if (!option.configured)
    return (
      <p className="muted" role="note">
        {t('notConfigured', { provider: option.provider })}
      </p>
    );
  return (
    <div className="stack">
      <p className="muted">{t('signInIntro', { provider: option.provider })}</p>
      <div className="actions">
        <a className="button primary" href={oauthStartHref({ provider: option.provider, email, from })}>
          {t('signInWith', { provider: option.provider })}
        </a>
      </div>
      {option.passwordAllowed ? <p className="muted">{t('orPassword')}</p> : null}
    </div>
  );
}
