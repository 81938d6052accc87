'use client';
import { skipToken, useQuery } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import { useDeferredValue, useId, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { ADDRESS_SUGGESTIONS } from './compose-queries';
import { chipsFromText, type RecipientChip } from './recipient-chips';
import { formatRecipient } from './reply-recipients';

/** Suggestions start after this many typed characters. @default 2 */
const SUGGEST_FROM_CHARS = 2;

/**
 * To, Cc or Bcc: recipients as chips (invalid ones in the error style, each removable), a text
 * box that turns typed or pasted lists into chips on comma, semicolon, Enter and leaving it, and
 * suggestions from the user's mail (APG combobox with a listbox: arrows move, Enter takes one,
 * Escape closes). Backspace in the empty box takes the last chip back into it.
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
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const query = useDeferredValue(text.trim());
  const { data } = useQuery(
    ADDRESS_SUGGESTIONS,
    query.length >= SUGGEST_FROM_CHARS && open ? { variables: { query, first: 8 }, errorPolicy: 'ignore' } : skipToken,
  );
  const suggestions = open && text.trim().length >= SUGGEST_FROM_CHARS ? (data?.addressSuggestions ?? []) : [];

  const commit = (value: string) => {
    if (value.trim()) onChange([...chips, ...chipsFromText(value, chips)]);
    setText('');
    setActive(-1);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!suggestions.length) return;
      event.preventDefault();
      setOpen(true);
      const n = suggestions.length;
      setActive((i) => (event.key === 'ArrowDown' ? (i + 1) % n : i <= 0 ? n - 1 : i - 1));
      return;
    }
    if (event.key === 'Escape' && suggestions.length) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      return;
    }
    if (event.key === 'Enter' || event.key === ',' || event.key === ';') {
      const picked = event.key === 'Enter' ? suggestions[active] : undefined;
      if (!picked && !text.trim()) return;
      event.preventDefault();
      commit(picked ? formatRecipient({ name: picked.name ?? '', address: picked.address }) : text);
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
  const listId = `${id}-suggestions`;
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
            role="combobox"
            autoComplete="off"
            data-autofocus={autoFocus || undefined}
            aria-autocomplete="list"
            aria-expanded={suggestions.length > 0}
            aria-controls={listId}
            aria-activedescendant={active >= 0 && suggestions[active] ? `${listId}-${active}` : undefined}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={invalid ? `${id}-error` : undefined}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setOpen(true);
              setActive(-1);
            }}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            onBlur={() => {
              commit(text);
              setOpen(false);
            }}
          />
        </li>
      </ul>
      <ul id={listId} role="listbox" aria-label={t('suggestions')} className="suggestions" hidden={!suggestions.length}>
        {suggestions.map((s, i) => (
          <li
            key={s.address}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            // mousedown, not click: the input's blur would take the typed text as a chip first.
            onMouseDown={(e) => {
              e.preventDefault();
              commit(formatRecipient({ name: s.name ?? '', address: s.address }));
            }}
          >
            {s.name ? `${s.name} <${s.address}>` : s.address}
          </li>
        ))}
      </ul>
      {invalid ? (
        <p className="field-error" id={`${id}-error`}>
          {t('invalidRecipients', { count: invalid })}
        </p>
      ) : null}
    </div>
  );
}
