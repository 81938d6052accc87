'use client';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { MAX_SEARCH_CHARS } from './search-queries';

/** The operators the help lists, in the README's order; each row's text is `search.help.<key>`. */
const HELP_ROWS = [
  ['words', 'offerte maart'],
  ['phrase', '"weekly report"'],
  ['negate', '-nieuwsbrief'],
  ['field', 'from:jan subject:"q3 plan"'],
  ['state', 'has:attachment is:unread is:flagged'],
  ['folder', 'in:inbox in:"Klanten/2026"'],
  ['dates', 'after:2026-11-01 before:2026-12-01'],
  ['archive', 'in:archive offerte'],
  ['crm', 'person:"Piet Jansen" company:acme.nl'],
] as const;

/**
 * The search box over every folder. Submitting puts the query in the URL (`q=`), so reload and
 * back/forward repeat it; clearing the box returns to the folder. "?" opens a short help with
 * the operators searchMessages understands.
 */
export function SearchBox({ query, onSearch }: { query: string | null; onSearch: (query: string | null) => void }) {
  const t = useTranslations('search');
  const [helpOpen, setHelpOpen] = useState(false);
  const helpId = useId();
  return (
    <div className="search-box">
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const text = String(new FormData(e.currentTarget).get('q') ?? '').trim();
          onSearch(text || null);
        }}
      >
        {/* key: a new query in the URL (back/forward) resets what the box shows. */}
        <input
          key={query ?? ''}
          type="search"
          name="q"
          aria-label={t('label')}
          placeholder={t('placeholder')}
          defaultValue={query ?? ''}
          maxLength={MAX_SEARCH_CHARS}
          autoComplete="off"
        />
        <button type="submit">{t('submit')}</button>
        <button
          type="button"
          aria-expanded={helpOpen}
          aria-controls={helpId}
          aria-label={t('helpLabel')}
          onClick={() => setHelpOpen(!helpOpen)}
        >
          ?
        </button>
      </form>
      {helpOpen ? (
        <div id={helpId} className="search-help" role="region" aria-label={t('helpLabel')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('help.youType')}</th>
                <th scope="col">{t('help.finds')}</th>
              </tr>
            </thead>
            <tbody>
              {HELP_ROWS.map(([key, example]) => (
                <tr key={key}>
                  <td>
                    <code>{example}</code>
                  </td>
                  <td>{t(`help.${key}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>{t('help.note')}</p>
        </div>
      ) : null}
    </div>
  );
}
