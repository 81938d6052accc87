'use client';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import {
  MAIL_LINK_COOKIE,
  UNDO_SEND_CHOICES,
  UNDO_SEND_COOKIE,
  saveSettingCookie,
  type MailLinkChoice,
  type UndoSendSeconds,
} from './compose-settings';

/**
 * Local settings for sending (issue 11): the undo delay, what e-mail addresses open, and making
 * this app the browser's handler for mailto: links (HTML's registerProtocolHandler; the browser
 * asks the person to confirm; Safari and Firefox on Android do not offer it).
 */
export function SendingSettings({ undoSend, mailLinks }: { undoSend: UndoSendSeconds; mailLinks: MailLinkChoice }) {
  const t = useTranslations('sendingSettings');
  const id = useId();
  const [undo, setUndo] = useState<UndoSendSeconds>(undoSend);
  const [links, setLinks] = useState<MailLinkChoice>(mailLinks);
  const [handler, setHandler] = useState<'asked' | 'unsupported' | 'failed' | null>(null);
  const register = () => {
    if (typeof navigator.registerProtocolHandler !== 'function') return setHandler('unsupported');
    try {
      navigator.registerProtocolHandler('mailto', `${window.location.origin}/compose?mailto=%s`);
      setHandler('asked');
    } catch {
      setHandler('failed');
    }
  };
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-undo`}>{t('undoSend')}</label>
        <select
          id={`${id}-undo`}
          value={undo}
          onChange={(e) => {
            const seconds = Number(e.target.value) as UndoSendSeconds;
            setUndo(seconds);
            saveSettingCookie(UNDO_SEND_COOKIE, String(seconds));
          }}
        >
          {UNDO_SEND_CHOICES.map((n) => (
            <option key={n} value={n}>
              {n === 0 ? t('undoOff') : t('undoSeconds', { seconds: n })}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{t('mailLinks')}</legend>
        {(['composer', 'mailto'] as const).map((value) => (
          <label key={value} className="checkbox">
            <input
              type="radio"
              name={`${id}-links`}
              value={value}
              checked={links === value}
              onChange={() => {
                setLinks(value);
                saveSettingCookie(MAIL_LINK_COOKIE, value);
              }}
            />
            {t(value === 'composer' ? 'linksComposer' : 'linksMailto')}
          </label>
        ))}
        <button type="button" className="button" onClick={register}>
          {t('registerHandler')}
        </button>
        {handler ? (
          <p role="status" className="muted">
            {t(handler === 'asked' ? 'handlerAsked' : handler === 'unsupported' ? 'handlerUnsupported' : 'handlerFailed')}
          </p>
        ) : null}
      </fieldset>
    </>
  );
}
