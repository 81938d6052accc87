'use client';
import { useTranslations } from 'next-intl';
import { useId, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { chipsFromText, type RecipientChip } from './recipient-chips';

/**
 * To, Cc or Bcc: recipients as chips (invalid ones in the error style, each removable), and a
 * text box that turns typed or pasted lists into chips on comma, semicolon, Enter and leaving it.
 * Backspace in the empty box takes the last chip back into it.
 *
 * SUGGESTIONS HOOK (issue 11): autocomplete from addressSuggestions (an APG combobox with a
 * listbox) waits for that query on main; it is written: revert the commit "Park autosave and
 * address suggestions".
 */
export function RecipientField({
  label,
  chips,
  onChange,
  autoFocus,
}: {
  label: string;
  chips: RecipientChip[];
  onChange: (chips: RecipientChip[]) => void;
  autoFocus?: boolean;
}) {
  const t = useTranslations('compose');
  const id = useId();
  const [text, setText] = useState('');

  const commit = (value: string) => {
    if (value.trim()) onChange([...chips, ...chipsFromText(value, chips)]);
    setText('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',' || event.key === ';') {
      if (!text.trim()) return;
      event.preventDefault();
      commit(text);
      return;
    }
    if (event.key === 'Backspace' && !text && chips.length) {
      event.preventDefault();
      setText(chips[chips.length - 1]!.text);
      onChange(chips.slice(0, -1));
    }
  };
  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const pasted = event.clipboardData.getData('text');
    if (!/[,;\n]/.test(pasted)) return;
    event.preventDefault();
    commit(text + pasted);
  };
  const invalid = chips.filter((c) => !c.valid).length;
  return (
    <div className="compose-recipients">
      <label htmlFor={`${id}-input`}>{label}</label>
      <ul className="chips" aria-label={t('recipientsOf', { field: label })}>
        {chips.map((chip, i) => (
          <li key={`${chip.text}-${i}`} className={chip.valid ? 'chip' : 'chip invalid'}>
            <span>{chip.text}</span>
            {chip.valid ? null : <span className="visually-hidden">{t('invalidAddress')}</span>}
            <button
              type="button"
              className="chip-remove"
              aria-label={t('removeRecipient', { address: chip.text })}
              onClick={() => onChange(chips.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </li>
        ))}
        <li className="chip-input">
          <input
            id={`${id}-input`}
            type="text"
            autoComplete="off"
            data-autofocus={autoFocus || undefined}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={invalid ? `${id}-error` : undefined}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            onBlur={() => commit(text)}
          />
        </li>
      </ul>
      {invalid ? (
        <p className="field-error" id={`${id}-error`}>
          {t('invalidRecipients', { count: invalid })}
        </p>
      ) : null}
    </div>
  );
}
