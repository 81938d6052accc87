'use client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { errorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import { SET_VIEWER_SETTINGS, VIEWER_SETTINGS, type ViewerSettings } from './send-archive-queries';

/**
 * E-mail options → Archiving (issue 12): the user's own archive preferences, kept on the server
 * (Viewer.settings) so they follow the user to every browser. Each box saves when changed.
 */
export function ArchivePreferences() {
  const t = useTranslations('archivePreferences');
  const errorText = useErrorText();
  const { data, error } = useQuery(VIEWER_SETTINGS);
  const [save, saving] = useMutation(SET_VIEWER_SETTINGS, {
    // The composer and the archive dialog read the same query: they follow at once.
    update: (cache, { data: saved }) => {
      if (!saved) return;
      cache.updateQuery({ query: VIEWER_SETTINGS }, (previous) =>
        previous?.viewer ? { viewer: { ...previous.viewer, settings: saved.setViewerSettings } } : previous,
      );
    },
  });
  // The person's last choice, shown at once (a checkbox that lags its click reads as broken);
  // the server's answer updates the shared query the composer reads.
  const [chosen, setChosen] = useState<Partial<ViewerSettings>>({});
  const settings = data?.viewer?.settings;
  const box = (key: keyof ViewerSettings, label: string) => (
    <label className="checkbox">
      <input
        type="checkbox"
        checked={chosen[key] ?? settings?.[key] ?? true}
        disabled={!settings}
        onChange={(e) => {
          const input = { [key]: e.target.checked };
          setChosen((c) => ({ ...c, ...input }));
          void save({ variables: { input } }).catch(() => setChosen((c) => ({ ...c, [key]: undefined })));
        }}
      />
      {label}
    </label>
  );
  const problem = error ?? saving.error;
  return (
    <section aria-labelledby="archive-preferences-title" className="stack">
      <h2 id="archive-preferences-title">{t('title')}</h2>
      {box('archiveSuggestReplies', t('suggestReplies'))}
      {box('archiveAutoSuggest', t('autoSuggest'))}
      {problem ? (
        <p role="alert" className="alert">
          {errorText(errorInfo(problem))}
        </p>
      ) : null}
    </section>
  );
}
