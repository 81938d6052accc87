import { getTranslations } from 'next-intl/server';
import { cookies } from 'next/headers';
import { MAIL_LINK_COOKIE, UNDO_SEND_COOKIE, parseMailLink, parseUndoSend } from '../../../components/compose/compose-settings';
import { SendingSettings } from '../../../components/compose/sending-settings';
import { LanguageSwitcher } from '../../../components/language-switcher';
import { MARK_READ_COOKIE, parseMarkRead } from '../../../mark-read/mark-read-choice';
import { MarkReadSwitcher } from '../../../mark-read/mark-read-switcher';
import { pageTitle } from '../../../page-title';
import { DEFAULT_THEME, THEME_COOKIE, isThemeChoice } from '../../../theme/theme-choice';
import { ThemeSwitcher } from '../../../theme/theme-switcher';

export const generateMetadata = () => pageTitle('localSettings');

// The language is kept in this browser (a cookie) for now; a per-user setting stored on the
// server, so it follows the person to another browser, can replace it later (i18n/locales.ts).
export default async function LocalSettingsPage() {
  const t = await getTranslations('localSettings');
  const jar = await cookies();
  const themeCookie = jar.get(THEME_COOKIE)?.value;
  return (
    <section aria-labelledby="local-settings-title" className="stack">
      <h1 id="local-settings-title">{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <LanguageSwitcher />
      <ThemeSwitcher current={isThemeChoice(themeCookie) ? themeCookie : DEFAULT_THEME} />
      <MarkReadSwitcher current={parseMarkRead(jar.get(MARK_READ_COOKIE)?.value)} />
      <SendingSettings
        undoSend={parseUndoSend(jar.get(UNDO_SEND_COOKIE)?.value)}
        mailLinks={parseMailLink(jar.get(MAIL_LINK_COOKIE)?.value)}
      />
    </section>
  );
}
