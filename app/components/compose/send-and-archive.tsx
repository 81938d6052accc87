'use client';
import { skipToken, useQuery } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import {
  ANSWERED_ARCHIVE_MARKS,
  ARCHIVE_SUGGESTIONS_FOR_ADDRESSES,
  FIND_ARCHIVE_TARGETS,
  VIEWER_SETTINGS,
  type ArchiveOnSendInput,
  type SendArchiveTarget,
} from './send-archive-queries';

/** The server's bounds (lib/archive/archive-target.ts, checked again there): pages import no lib/archive. */
const MAX_ARCHIVE_TARGETS = 10;
const MAX_CATEGORY_LENGTH = 100;

/** What "Send and archive" holds while the message is written. */
export interface SendArchiveState {
  on: boolean;
  targets: SendArchiveTarget[];
  category: string;
  visibility: 'TENANT' | 'PRIVATE';
}

/** The intent as sendMessage takes it; null: send only. */
export function archiveInput(state: SendArchiveState): ArchiveOnSendInput | null {
  if (!state.on) return null;
  return {
    targets: state.targets.map(({ kind, id }) => ({ kind, id })),
    category: state.category.trim() || null,
    visibility: state.visibility,
  };
}

/**
 * The composer's "Send and archive" state (issue 12): a reply to or forward of an archived message
 * starts switched on with the same targets (E-mail options, "Suggest archiving replies and
 * forwards"); otherwise, when switched on, the CRM rows matching the recipients are pre-selected
 * ("Suggest links automatically"), until the person changes the choice.
 */
export function useSendArchive(answeredMessageId: string | null, recipients: readonly string[]) {
  const [state, setState] = useState<SendArchiveState>({ on: false, targets: [], category: '', visibility: 'TENANT' });
  const touched = useRef(false);
  const settings = useQuery(VIEWER_SETTINGS, { fetchPolicy: 'cache-first' }).data?.viewer?.settings;
  const marks = useQuery(
    ANSWERED_ARCHIVE_MARKS,
    answeredMessageId && settings?.archiveSuggestReplies ? { variables: { messageIds: [answeredMessageId] } } : skipToken,
  ).data?.messageArchiveMarks;
  // Apollo compares variables by value: a new array with the same addresses is no new query.
  const addresses = [...new Set(recipients.map(bareAddress))].slice(0, 50);
  const suggested = useQuery(
    ARCHIVE_SUGGESTIONS_FOR_ADDRESSES,
    state.on && addresses.length ? { variables: { addresses } } : skipToken,
  ).data?.archiveSuggestionsForAddresses;

  useEffect(() => {
    const targets = marks?.[0]?.targets;
    if (touched.current || !targets?.length) return;
    setState((s) => ({ ...s, on: true, targets: targets.slice(0, MAX_ARCHIVE_TARGETS) }));
  }, [marks]);
  useEffect(() => {
    if (touched.current || !suggested || settings?.archiveAutoSuggest === false) return;
    setState((s) => (s.targets.length ? s : { ...s, targets: suggested.slice(0, MAX_ARCHIVE_TARGETS) }));
  }, [suggested, settings?.archiveAutoSuggest]);

  const change = (next: Partial<SendArchiveState>) => {
    if (!('on' in next)) touched.current = true;
    setState((s) => ({ ...s, ...next }));
  };
  return { state, change, suggested: suggested ?? [] };
}

/** "Ann <ann@x.nl>" → "ann@x.nl". */
function bareAddress(text: string): string {
  const match = /<([^>]+)>\s*$/.exec(text);
  return (match ? match[1]! : text).trim().toLowerCase();
}

/**
 * The "Send and archive" part of the composer: the switch, then the targets (suggested ones and
 * any found by name), a category and who sees the document. A minimal picker of its own: the
 * archive dialog's target picker (app/components/archive/) may replace the list and search.
 */
export function SendAndArchive({ archive }: { archive: ReturnType<typeof useSendArchive> }) {
  const t = useTranslations('sendArchive');
  const id = useId();
  const { state, change, suggested } = archive;
  const [search, setSearch] = useState('');
  const term = search.trim();
  const found = useQuery(FIND_ARCHIVE_TARGETS, term.length >= 2 ? { variables: { search: term } } : skipToken).data;
  const chosen = new Set(state.targets.map((x) => x.id));
  const candidates = dedupe([...state.targets, ...suggested]);
  const results: SendArchiveTarget[] = found
    ? dedupe([
        ...found.persons.edges.map((e) => ({ kind: 'PERSON' as const, ...e.node })),
        ...found.companies.edges.map((e) => ({ kind: 'COMPANY' as const, ...e.node })),
      ]).filter((x) => !chosen.has(x.id))
    : [];
  const toggle = (target: SendArchiveTarget, on: boolean) =>
    change({
      targets: on ? [...state.targets, target].slice(0, MAX_ARCHIVE_TARGETS) : state.targets.filter((x) => x.id !== target.id),
    });

  return (
    <fieldset className="compose-archive">
      <legend className="visually-hidden">{t('legend')}</legend>
      <label className="checkbox">
        <input type="checkbox" checked={state.on} onChange={(e) => change({ on: e.target.checked })} />
        {t('toggle')}
      </label>
      {state.on ? (
        <div className="compose-archive-options">
          {candidates.length ? (
            <ul className="compose-archive-targets" aria-label={t('targets')}>
              {candidates.map((target) => (
                <li key={target.id}>
                  <label className="checkbox">
                    <input type="checkbox" checked={chosen.has(target.id)} onChange={(e) => toggle(target, e.target.checked)} />
                    {t('target', { kind: target.kind, name: target.name })}
                  </label>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('noSuggestions')}</p>
          )}
          <label htmlFor={`${id}-find`}>{t('find')}</label>
          <input id={`${id}-find`} type="search" value={search} maxLength={200} onChange={(e) => setSearch(e.target.value)} />
          {results.length ? (
            <ul className="compose-archive-results" aria-label={t('results')}>
              {results.map((target) => (
                <li key={target.id}>
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      toggle(target, true);
                      setSearch('');
                    }}
                  >
                    {t('add', { kind: target.kind, name: target.name })}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <label htmlFor={`${id}-category`}>{t('category')}</label>
          <input
            id={`${id}-category`}
            type="text"
            value={state.category}
            maxLength={MAX_CATEGORY_LENGTH}
            onChange={(e) => change({ category: e.target.value })}
          />
          <label htmlFor={`${id}-visibility`}>{t('visibility')}</label>
          <select
            id={`${id}-visibility`}
            value={state.visibility}
            onChange={(e) => change({ visibility: e.target.value === 'PRIVATE' ? 'PRIVATE' : 'TENANT' })}
          >
            <option value="TENANT">{t('visibilityTenant')}</option>
            <option value="PRIVATE">{t('visibilityPrivate')}</option>
          </select>
        </div>
      ) : null}
    </fieldset>
  );
}

function dedupe(targets: SendArchiveTarget[]): SendArchiveTarget[] {
  return [...new Map(targets.map((x) => [x.id, x])).values()];
}
