'use client';
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { ArchiveTargetPicker } from '../archive/archive-target-picker';
import type { SendArchive } from './use-send-archive';

/** The server's bound (lib/archive/archive-target.ts, checked again there): pages import no lib/archive. */
const MAX_CATEGORY_LENGTH = 100;

/**
 * The "Send and archive" part of the composer: the switch, then the archive dialog's own target
 * picker (a person and/or company, optionally a project and a sale of that company, the
 * recipients' matches suggested), a category and who sees the document.
 */
export function SendAndArchive({ archive }: { archive: SendArchive }) {
  const t = useTranslations('sendArchive');
  const id = useId();
  const { state } = archive;
  return (
    <fieldset className="compose-archive">
      <legend className="visually-hidden">{t('legend')}</legend>
      <label className="checkbox">
        <input type="checkbox" checked={state.on} onChange={(e) => archive.setOn(e.target.checked)} />
        {t('toggle')}
      </label>
      {state.on ? (
        <div className="compose-archive-options">
          <fieldset className="compose-archive-targets">
            <legend>{t('targets')}</legend>
            {archive.noMatch ? <p className="muted">{t('noSuggestions')}</p> : null}
            <ArchiveTargetPicker targets={state.targets} suggestions={archive.suggestions} onChange={archive.setTargets} />
          </fieldset>
          <label htmlFor={`${id}-category`}>{t('category')}</label>
          <input
            id={`${id}-category`}
            type="text"
            value={state.category}
            maxLength={MAX_CATEGORY_LENGTH}
            onChange={(e) => archive.setCategory(e.target.value)}
          />
          <label htmlFor={`${id}-visibility`}>{t('visibility')}</label>
          <select
            id={`${id}-visibility`}
            value={state.visibility}
            onChange={(e) => archive.setVisibility(e.target.value === 'PRIVATE' ? 'PRIVATE' : 'TENANT')}
          >
            <option value="TENANT">{t('visibilityTenant')}</option>
            <option value="PRIVATE">{t('visibilityPrivate')}</option>
          </select>
        </div>
      ) : null}
    </fieldset>
  );
}
