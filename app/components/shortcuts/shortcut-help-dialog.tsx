'use client';
import { useTranslations } from 'next-intl';
import { useModalDialog } from '../use-modal-dialog';

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
  const { ref, onKeyDown, restoreFocus } = useModalDialog(open);

  return (
    <dialog
      ref={ref}
      className="shortcut-help"
      aria-labelledby="shortcut-help-title"
      onKeyDown={onKeyDown}
      onClose={() => {
        onClose();
        restoreFocus();
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
