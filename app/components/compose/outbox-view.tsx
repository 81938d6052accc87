'use client';
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { errorInfo } from '../../client/error-message';
import { useErrorText } from '../../client/use-error-text';
import {
  DISCARD_OUTBOX_MESSAGE,
  EDIT_OUTBOX_MESSAGE,
  OUTBOX,
  OUTBOX_CHANGED,
  RETRY_SEND,
  type OutboxMessageView,
} from './compose-queries';
import { keepDraft } from './kept-draft';
import { outboxItemStatus } from './outbox-item-status';
import { draftFromOutboxEdit } from './outbox-edit-draft';
import { useOpenComposer } from './use-open-composer';

/**
 * The Outbox (issue 11): what was handed over to be sent and is not done yet, or went wrong,
 * newest first, live through outboxChanged. Failed messages show the server's words and can be
 * retried, edited (the composer reopens with them; the old one is discarded once the new one is
 * accepted) or discarded; "may have been sent" asks the person, never resends by itself; one being
 * retried after a transient failure says when, and can be tried now (outbox-item-status.ts).
 */
export function OutboxView() {
  const t = useTranslations('outbox');
  const format = useFormatter();
  const errorText = useErrorText();
  const open = useOpenComposer();
  const { data, error, refetch } = useQuery(OUTBOX, { fetchPolicy: 'cache-and-network' });
  useSubscription(OUTBOX_CHANGED, { onData: () => void refetch() });
  const [retry] = useMutation(RETRY_SEND);
  const [editMessage] = useMutation(EDIT_OUTBOX_MESSAGE);
  const [discard] = useMutation(DISCARD_OUTBOX_MESSAGE, { refetchQueries: ['Outbox'] });
  const [problem, setProblem] = useState<string | null>(null);
  const act = (run: Promise<unknown>) =>
    run.then(() => setProblem(null)).catch((e: unknown) => setProblem(t('actionFailed', { reason: errorText(errorInfo(e)) })));
  // Edit asks the server for the message's files as new uploads and its thread, then reopens
  // the composer with them (the old message is discarded once the new one is accepted).
  const edit = (m: OutboxMessageView) =>
    void act(
      editMessage({ variables: { id: m.id } }).then(({ data: taken }) => {
        if (!taken) return;
        keepDraft(draftFromOutboxEdit(taken.editOutboxMessage));
        open({ mode: 'restore' });
      }),
    );
  const messages = data?.outbox ?? [];
  return (
    <section className="outbox" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t('title')}</h2>
      {error ? (
        <p role="alert" className="alert">
          {t('loadFailed', { reason: errorText(errorInfo(error)) })}
        </p>
      ) : null}
      {problem ? (
        <p role="alert" className="alert">
          {problem}
        </p>
      ) : null}
      {data && !messages.length ? <p className="muted">{t('empty')}</p> : null}
      <ul className="outbox-list">
        {messages.map((m) => {
          const status = outboxItemStatus(m);
          return (
            <li key={m.id} className="outbox-item" aria-label={m.subject || t('noSubject')}>
              <strong>{m.subject || t('noSubject')}</strong>
              <span className="muted">{t('toList', { list: [...m.to, ...m.cc, ...m.bcc].join(', ') })}</span>
              <span className={status.problem ? 'field-error' : 'muted'}>
                {t(status.label, { at: format.dateTime(new Date(status.at), { dateStyle: 'medium', timeStyle: 'short' }) })}
              </span>
              {m.errorMessage ? <span className="field-error">{m.errorMessage}</span> : null}
              {m.rejectedRecipients.length ? (
                <span className="field-error">{t('rejected', { list: m.rejectedRecipients.join(', ') })}</span>
              ) : null}
              <span className="outbox-actions">
                {status.retry ? (
                  <button type="button" className="button" onClick={() => void act(retry({ variables: { id: m.id } }))}>
                    {t(status.retry)}
                  </button>
                ) : null}
                {status.edit ? (
                  <button type="button" className="button" onClick={() => edit(m)}>
                    {t('edit')}
                  </button>
                ) : null}
                {status.discard ? (
                  <button type="button" className="button" onClick={() => void act(discard({ variables: { id: m.id } }))}>
                    {t('discard')}
                  </button>
                ) : null}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
