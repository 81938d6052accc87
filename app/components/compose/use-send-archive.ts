'use client';
import { skipToken, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import {
  NO_ARCHIVE_TARGETS,
  targetInputs,
  targetsFromList,
  untouchedTargets,
  type ArchiveSuggestion,
  type ArchiveTargets,
} from '../archive/archive-targets';
import {
  ARCHIVE_SUGGESTIONS_FOR_ADDRESSES,
  THREAD_ARCHIVE_TARGETS,
  VIEWER_SETTINGS,
  type ArchiveOnSendInput,
  type KeptArchive,
} from './send-archive-queries';

/** What "Send and archive" holds while the message is written. */
export interface SendArchiveState {
  on: boolean;
  targets: ArchiveTargets;
  category: string;
  visibility: 'TENANT' | 'PRIVATE';
}

/** The intent as sendMessage takes it (one person, company, project and sale at most); null: send only. */
export function archiveInput(state: SendArchiveState): ArchiveOnSendInput | null {
  if (!state.on) return null;
  return { targets: targetInputs(state.targets), category: state.category.trim() || null, visibility: state.visibility };
}

/**
 * The intent saveDraft keeps: as sent, but null while no target is chosen yet (the server takes
 * one to ten, as for sending; the draft is saved meanwhile, reopening switched off).
 */
export function draftArchiveInput(state: SendArchiveState): ArchiveOnSendInput | null {
  const input = archiveInput(state);
  return input?.targets.length ? input : null;
}

const NO_SUGGESTIONS: ArchiveSuggestion[] = [];

/**
 * The composer's "Send and archive" state (issue 12): a reply to or forward of an archived message
 * starts switched on with the same targets (E-mail options, "Suggest archiving replies and
 * forwards"); otherwise, when switched on, the CRM rows matching the recipients are pre-selected
 * ("Suggest links automatically"; off: offered in the picker, not chosen), until the person
 * changes the choice. Derived rather than copied into state: a recipient typed later still counts.
 * A composer reopened on what was switched on (`kept`: a saved draft, Undo send, Edit in the
 * Outbox) starts on with those targets as the person's own choice: no suggestion replaces them.
 */
export function useSendArchive(answeredMessageId: string | null, recipients: readonly string[], kept?: KeptArchive | null) {
  // null: as the answered message suggests (off for a new message); the user's switch wins.
  const [switched, setOn] = useState<boolean | null>(kept ? true : null);
  // null: untouched, the pre-selection shows.
  const [chosen, setTargets] = useState<ArchiveTargets | null>(kept ? targetsFromList(kept.targets) : null);
  const [category, setCategory] = useState(kept?.category ?? '');
  const [visibility, setVisibility] = useState<SendArchiveState['visibility']>(kept?.visibility ?? 'TENANT');
  const settings = useQuery(VIEWER_SETTINGS, { fetchPolicy: 'cache-first' }).data?.viewer?.settings;
  // The answered message's thread (it, or a message it answers, archived by anyone the viewer may see).
  const answered = useQuery(
    THREAD_ARCHIVE_TARGETS,
    answeredMessageId && settings?.archiveSuggestReplies ? { variables: { messageId: answeredMessageId } } : skipToken,
  ).data?.threadArchiveTargets;
  const on = switched ?? Boolean(answered?.length);
  // Apollo compares variables by value: a new array with the same addresses is no new query.
  const addresses = [...new Set(recipients.map(bareAddress))].slice(0, 50);
  const found = useQuery(ARCHIVE_SUGGESTIONS_FOR_ADDRESSES, on && addresses.length ? { variables: { addresses } } : skipToken);
  // While the suggestions for changed recipients load, the last ones stay (no flicker in the picker).
  const suggestions = !on
    ? undefined
    : addresses.length
      ? (found.data ?? found.previousData)?.archiveSuggestionsForAddresses
      : NO_SUGGESTIONS;
  const targets =
    chosen ?? untouchedTargets({ answered, suggestions, autoSuggest: settings?.archiveAutoSuggest }) ?? NO_ARCHIVE_TARGETS;
  const state: SendArchiveState = { on, targets, category, visibility };
  return {
    state,
    suggestions: suggestions ?? NO_SUGGESTIONS,
    /** The recipients match no CRM row: the user has to search. */
    noMatch: suggestions?.length === 0,
    setOn,
    setTargets,
    setCategory,
    setVisibility,
  };
}

export type SendArchive = ReturnType<typeof useSendArchive>;

/** "Ann <ann@x.nl>" → "ann@x.nl". */
function bareAddress(text: string): string {
  const match = /<([^>]+)>\s*$/.exec(text);
  return (match ? match[1]! : text).trim().toLowerCase();
}
