'use client';
import { useTranslations } from 'next-intl';
import { useId, type ReactNode, type Ref } from 'react';

/**
 * The password form, behind "Use a password instead" when `foldable`: for a provider that has
 * turned password sign-in off (Microsoft: Exchange Online no longer takes basic authentication for
 * IMAP and SMTP in most tenants, Outlook.com not since September 2024), so signing in with the
 * provider is the way shown. Folded, the form is not rendered at all: a hidden `required` field
 * would stop the form without showing why.
 *
 * The form keeps its place in the tree whether foldable or not, so the answer that makes it
 * foldable (it arrives while someone may be typing their password) does not remount the field.
 */
export function PasswordDisclosure({
  foldable,
  open,
  onToggle,
  ref,
  children,
}: {
  foldable: boolean;
  open: boolean;
  onToggle: (open: boolean) => void;
  ref?: Ref<HTMLDivElement>;
  children: ReactNode;
}) {
  const t = useTranslations('mailboxSetup');
  const id = useId();
  return (
    <div ref={ref} className="stack">
      {foldable ? (
        <div className="actions">
          <button type="button" className="button" aria-expanded={open} aria-controls={id} onClick={() => onToggle(!open)}>
            {t('usePasswordInstead')}
          </button>
        </div>
      ) : null}
      <div id={id} className="stack">
        {foldable && open ? <p className="muted">{t('passwordRarelyAccepted')}</p> : null}
        {!foldable || open ? children : null}
      </div>
    </div>
  );
}
