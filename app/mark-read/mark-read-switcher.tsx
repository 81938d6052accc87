'use client';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import {
  DEFAULT_MARK_READ_SECONDS,
  MARK_READ_COOKIE,
  MARK_READ_COOKIE_MAX_AGE_SECONDS,
  MAX_MARK_READ_SECONDS,
  MIN_MARK_READ_SECONDS,
  isMarkReadSeconds,
  markReadCookieValue,
  type MarkReadChoice,
} from './mark-read-choice';

/**
 * "Mark messages as read: when opened / after N seconds / never", written to the `mark-read`
 * cookie as soon as it changes (the reader reads it each time a message opens, so nothing needs
 * rendering again). A delay being typed is kept only once it is a whole number from 1 to 60.
 */
export function MarkReadSwitcher({ current }: { current: MarkReadChoice }) {
  const t = useTranslations('markReadSwitcher');
  const id = useId();
  const [when, setWhen] = useState(current.when);
  const [seconds, setSeconds] = useState(String(current.when === 'after' ? current.seconds : DEFAULT_MARK_READ_SECONDS));
  const save = (choice: MarkReadChoice) => {
    document.cookie = `${MARK_READ_COOKIE}=${markReadCookieValue(choice)}; path=/; max-age=${MARK_READ_COOKIE_MAX_AGE_SECONDS}; samesite=lax`;
  };
  const choose = (next: MarkReadChoice['when']) => {
    setWhen(next);
    if (next !== 'after') return save({ when: next });
    const n = Number(seconds);
    save({ when: 'after', seconds: isMarkReadSeconds(n) ? n : DEFAULT_MARK_READ_SECONDS });
  };
  const secondsValid = isMarkReadSeconds(Number(seconds));
  return (
    <fieldset className="mark-read-switcher">
      <legend>{t('legend')}</legend>
      {(['open', 'after', 'never'] as const).map((value) => (
        <label key={value} className="checkbox">
          <input type="radio" name={id} value={value} checked={when === value} onChange={() => choose(value)} />
          {t(value)}
        </label>
      ))}
      <div className="field mark-read-seconds">
        <label htmlFor={`${id}-seconds`}>{t('seconds')}</label>
        <input
          id={`${id}-seconds`}
          type="number"
          inputMode="numeric"
          min={MIN_MARK_READ_SECONDS}
          max={MAX_MARK_READ_SECONDS}
          step={1}
          disabled={when !== 'after'}
          value={seconds}
          aria-invalid={secondsValid ? undefined : true}
          aria-describedby={secondsValid ? undefined : `${id}-seconds-error`}
          onChange={(event) => {
            setSeconds(event.target.value);
            const n = Number(event.target.value);
            if (isMarkReadSeconds(n)) save({ when: 'after', seconds: n });
          }}
        />
        {secondsValid ? null : (
          <p className="field-error" id={`${id}-seconds-error`}>
            {t('secondsRange', { min: MIN_MARK_READ_SECONDS, max: MAX_MARK_READ_SECONDS })}
          </p>
        )}
      </div>
    </fieldset>
  );
}
