'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { fromLocalInputValue, toLocalInputValue, tomorrowAt } from './compose-limits';

/**
 * "Send later": a disclosure with the quick choice "Tomorrow 08:00" and a date/time picker, both
 * in the browser's time zone (datetime-local has no zone: it is the person's local time).
 */
export function SendLater({ disabled, onSchedule }: { disabled: boolean; onSchedule: (at: Date) => void }) {
  const t = useTranslations('compose');
  const format = useFormatter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(() => toLocalInputValue(tomorrowAt(new Date())));
  const at = fromLocalInputValue(value);
  const tomorrow = tomorrowAt(new Date());
  return (
    <div className="send-later">
      <button
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
      >
        {t('sendLater')}
      </button>
      {open ? (
        <div id={`${id}-panel`} className="send-later-panel">
          <button type="button" className="button" onClick={() => onSchedule(tomorrow)}>
            {t('tomorrowAt', { time: format.dateTime(tomorrow, { hour: '2-digit', minute: '2-digit' }) })}
          </button>
          <label htmlFor={`${id}-at`}>{t('sendAt')}</label>
          <input
            id={`${id}-at`}
            type="datetime-local"
            value={value}
            min={toLocalInputValue(new Date())}
            onChange={(e) => setValue(e.target.value)}
          />
          <button type="button" className="button" disabled={!at} onClick={() => at && onSchedule(at)}>
            {t('schedule')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
