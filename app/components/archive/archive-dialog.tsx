'use client';
import { useApolloClient, useMutation, useQuery, skipToken } from '@apollo/client/react';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { errorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import {
  ARCHIVE_ATTACHMENTS,
  ARCHIVE_MESSAGES,
  ARCHIVE_SUGGESTIONS,
  MESSAGE_ARCHIVE_MARKS,
  type NamedTarget,
} from './archive-queries';
import { archiveInChunks } from './archive-run';
import { pendingSourcesOf } from './pending-sources';
import { ArchiveTargetPicker } from './archive-target-picker';
import { VIEWER_SETTINGS } from '../compose/send-archive-queries';
import { NO_ARCHIVE_TARGETS, targetInputs, targetsLabel, untouchedTargets, type ArchiveTargets } from './archive-targets';
import { useModalDialog } from '../use-modal-dialog';
import './archive.css';

export interface ArchiveAttachmentChoice {
  id: string;
  filename: string | null;
}

type Status =
  | { state: 'idle' }
  | { state: 'running'; done: number; waiting?: number }
  | { state: 'done'; text: string }
  | { state: 'error'; text: string };

/**
 * "Archive to the CRM" for one message (the reader, a row) or many (the bulk toolbar): link to a
 * person and/or company (pre-selected from archiveSuggestions of the first message), optionally a
 * project and sale; a category; who sees it; the whole message or only chosen attachments (one
 * message only). Many messages go in chunks with a progress line, then "100 messages archived to
 * Acme BV". The inbox marks are refetched after it (the subscription does it for other tabs).
 */
export function ArchiveDialog({
  open,
  messageIds,
  attachments = [],
  onClose,
}: {
  open: boolean;
  messageIds: readonly string[];
  /** The message's attachments, when one message with attachments is archived. */
  attachments?: readonly ArchiveAttachmentChoice[];
  onClose: () => void;
}) {
  const t = useTranslations('archive.dialog');
  const errorText = useErrorText();
  const id = useId();
  const modal = useModalDialog(open);
  const client = useApolloClient();
  const first = messageIds[0];
  const suggestions = useQuery(
    ARCHIVE_SUGGESTIONS,
    open && first ? { variables: { messageId: first }, fetchPolicy: 'network-only' } : skipToken,
  ).data?.archiveSuggestions;
  // E-mail options → "Suggest links automatically": off, the suggestions are offered but not chosen.
  const autoSuggest = useQuery(VIEWER_SETTINGS, open ? { fetchPolicy: 'cache-first' } : skipToken).data?.viewer?.settings
    ?.archiveAutoSuggest;
  const [targets, setTargets] = useState<ArchiveTargets>(NO_ARCHIVE_TARGETS);
  const [touched, setTouched] = useState(false);
  const [category, setCategory] = useState('');
  const [visibility, setVisibility] = useState<'TENANT' | 'PRIVATE'>('TENANT');
  const [whole, setWhole] = useState(true);
  const [chosen, setChosen] = useState<string[]>([]);
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const [problem, setProblem] = useState<string | null>(null);
  const [archiveMessages] = useMutation(ARCHIVE_MESSAGES);
  const [archiveAttachments] = useMutation(ARCHIVE_ATTACHMENTS);

  // A new opening starts afresh; the suggestions fill the picker until the user changes it.
  useEffect(() => {
    if (!open) return;
    setTargets(NO_ARCHIVE_TARGETS);
    setTouched(false);
    setCategory('');
    setVisibility('TENANT');
    setWhole(true);
    setChosen([]);
    setStatus({ state: 'idle' });
    setProblem(null);
  }, [open, first]);
  useEffect(() => {
    const untouched = open && !touched ? untouchedTargets({ suggestions, autoSuggest }) : null;
    if (untouched) setTargets(untouched);
  }, [open, suggestions, touched, autoSuggest]);

  const single = messageIds.length === 1;
  const canChooseAttachments = single && attachments.length > 0;
  const running = status.state === 'running';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const inputs = targetInputs(targets);
    if (!inputs.length) return setProblem(t('noTarget'));
    if (!whole && !chosen.length) return setProblem(t('noAttachment'));
    setProblem(null);
    const options = { targets: inputs, category: category.trim() || null, visibility };
    let named: NamedTarget[] = [];
    try {
      setStatus({ state: 'running', done: 0 });
      if (!whole && first) {
        const result = await archiveAttachments({ variables: { ...options, messageId: first, attachmentIds: chosen } });
        named = result.data?.archiveAttachments.targets ?? [];
        setStatus({ state: 'done', text: t('attachmentsDone', { count: chosen.length, name: targetsLabel(named) ?? '' }) });
      } else {
        await archiveInChunks(
          messageIds,
          async (chunk) => {
            const result = await archiveMessages({ variables: { ...options, messageIds: chunk } });
            named = result.data?.archiveMessages.targets ?? named;
          },
          (done) => setStatus({ state: 'running', done }),
          {
            // New mail's source is still downloading: archive the rest now and these when stored.
            pendingOf: pendingSourcesOf,
            wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
            onWaiting: (waiting) => setStatus((s) => ({ state: 'running', done: s.state === 'running' ? s.done : 0, waiting })),
          },
        );
        setStatus({ state: 'done', text: t('done', { count: messageIds.length, name: targetsLabel(named) ?? '' }) });
      }
      void client.refetchQueries({ include: [MESSAGE_ARCHIVE_MARKS] });
    } catch (error) {
      setStatus({ state: 'error', text: t('failed', { error: errorText(errorInfo(error)) }) });
    }
  };

  return (
    <dialog
      ref={modal.ref}
      className="archive-dialog"
      aria-labelledby={`${id}-title`}
      onKeyDown={modal.onKeyDown}
      onClose={() => {
        onClose();
        modal.restoreFocus();
      }}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id={`${id}-title`}>{single ? t('title') : t('titleMany', { count: messageIds.length })}</h2>
        <fieldset disabled={running || status.state === 'done'}>
          <legend>{t('linkTo')}</legend>
          <ArchiveTargetPicker
            targets={targets}
            suggestions={suggestions ?? []}
            onChange={(next) => {
              setTouched(true);
              setTargets(next);
            }}
          />
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-category`}>{t('category')}</label>
          <input
            id={`${id}-category`}
            value={category}
            maxLength={100}
            placeholder={t('categoryHint')}
            onChange={(e) => setCategory(e.target.value)}
            disabled={running}
          />
        </div>
        <fieldset disabled={running}>
          <legend>{t('visibility')}</legend>
          <label>
            <input type="radio" name={`${id}-vis`} checked={visibility === 'TENANT'} onChange={() => setVisibility('TENANT')} />
            {t('visibilityTenant')}
          </label>
          <label>
            <input type="radio" name={`${id}-vis`} checked={visibility === 'PRIVATE'} onChange={() => setVisibility('PRIVATE')} />
            {t('visibilityPrivate')}
          </label>
        </fieldset>
        {canChooseAttachments ? (
          <fieldset disabled={running}>
            <legend>{t('what')}</legend>
            <label>
              <input type="radio" name={`${id}-what`} checked={whole} onChange={() => setWhole(true)} />
              {t('whole')}
            </label>
            <label>
              <input type="radio" name={`${id}-what`} checked={!whole} onChange={() => setWhole(false)} />
              {t('attachments')}
            </label>
            {!whole ? (
              <ul className="archive-attachments">
                {attachments.map((a) => (
                  <li key={a.id}>
                    <label>
                      <input
                        type="checkbox"
                        checked={chosen.includes(a.id)}
                        onChange={(e) => setChosen((c) => (e.target.checked ? [...c, a.id] : c.filter((x) => x !== a.id)))}
                      />
                      {a.filename ?? a.id}
                    </label>
                  </li>
                ))}
              </ul>
            ) : null}
          </fieldset>
        ) : null}
        <p className="archive-status" role="status" aria-live="polite">
          {status.state === 'running' && status.waiting
            ? t('waitingForSources', { count: status.waiting })
            : status.state === 'running' && !single
              ? t('progress', { done: status.done, total: messageIds.length })
              : null}
          {status.state === 'done' ? status.text : null}
        </p>
        {problem || status.state === 'error' ? (
          <p className="field-error" role="alert">
            {problem ?? (status.state === 'error' ? status.text : null)}
          </p>
        ) : null}
        <div className="dialog-actions">
          {status.state === 'done' ? (
            <button type="button" className="button primary" onClick={() => modal.ref.current?.close()}>
              {t('close')}
            </button>
          ) : (
            <>
              <button type="submit" className="button primary" disabled={running}>
                {t('submit')}
              </button>
              <button type="button" className="button" onClick={() => modal.ref.current?.close()}>
                {t('cancel')}
              </button>
            </>
          )}
        </div>
      </form>
    </dialog>
  );
}
