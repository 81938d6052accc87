'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, type KeyboardEvent } from 'react';

/** The keys the help lists, in the order a person learns them; each row's text is `shortcuts.<command>`. */
const ROWS = [
  [['j'], 'next'],
  [['k'], 'previous'],
  [['o', 'Enter'], 'open'],
  [['u'], 'backToList'],
  [['s'], 'toggleFlag'],
  [['Shift', 'U'], 'markUnread'],
  [['#'], 'delete'],
  [['v'], 'move'],
  [['c'], 'compose'],
  [['r'], 'reply'],
  [['a'], 'replyAll'],
  [['f'], 'forward'],
  [['e'], 'archive'],
  [['/'], 'search'],
  [['?'], 'help'],
] as const;

/**
 * "?" in the inbox: the shortcuts, in a modal <dialog> (showModal makes the page behind it
 * inert; Tab is kept inside it, Escape closes it through the dialog's own cancel) that hands
 * focus back to where it was when it closes.
 */
export function ShortcutHelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations('shortcuts');
  const dialog = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
    } else if (!open && element.open) element.close();
  }, [open]);

  // Tab and Shift+Tab go round the dialog's controls instead of out to the browser's toolbar.
  const keepTabInside = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab') return;
    const controls = Array.from(
      event.currentTarget.querySelectorAll<HTMLElement>(
        'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])',
      ),
    );
    const first = controls[0];
    const last = controls[controls.length - 1];
    if (!first || !last) return;
    if (event.shiftKey ? document.activeElement === first : document.activeElement === last) {
      event.preventDefault();
      (event.shiftKey ? last : first).focus();
    }
  };

  return (
    <dialog
      ref={dialog}
      className="shortcut-help"
      aria-labelledby="shortcut-help-title"
      onKeyDown={keepTabInside}
      onClose={() => {
        onClose();
        // The element that had focus may have gone meanwhile (a row refetched): then nothing.
        if (returnTo.current?.isConnected) returnTo.current.focus();
        returnTo.current = null;
      }}
    >
      <h2 id="shortcut-help-title">{t('title')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('key')}</th>
            <th scope="col">{t('does')}</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map(([keys, command]) => (
            <tr key={command}>
              <td>
                {keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 ? (command === 'open' ? ` ${t('or')} ` : ' + ') : null}
                    <kbd>{key === 'Enter' ? t('enterKey') : key === 'Shift' ? t('shiftKey') : key}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(command)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('note')}</p>
      <form method="dialog">
        <button type="submit" className="button" autoFocus>
          {t('close')}
        </button>
      </form>
    </dialog>
  );
}
