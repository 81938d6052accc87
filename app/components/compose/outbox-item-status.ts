import type { OutboxMessageView } from './compose-queries';

/** The catalog key (namespace `outbox`) of an outbox entry's status line. */
export type OutboxStatusKey =
  'stateQUEUED' | 'stateRETRYING' | 'stateSENDING' | 'stateSENT' | 'stateFAILED' | 'stateUNCERTAIN' | 'stateCANCELLED';

export interface OutboxItemStatus {
  label: OutboxStatusKey;
  /** The time the label names: the send time, or for a retry the next attempt. */
  at: string;
  /** Shown as a problem (the person has something to decide or to know). */
  problem: boolean;
  /** The button that sends it now, if any: "Retry", "Retry now", "Send anyway". */
  retry: 'retry' | 'retryNow' | 'sendAnyway' | null;
  edit: boolean;
  discard: boolean;
}

/**
 * What an outbox entry says and offers, decided from its state alone (STYLE.md rule 1). A queued
 * message that failed transiently (the server was unreachable, or answered 4xx) is not "waiting to
 * be sent" like one in its undo delay: it says it is being retried and when, and offers to try now
 * (retrySend), since the backoff can be many minutes once the server is back.
 */
export function outboxItemStatus(
  m: Pick<OutboxMessageView, 'state' | 'errorCode' | 'sendAt' | 'nextAttemptAt'>,
): OutboxItemStatus {
  const retrying = m.state === 'QUEUED' && m.errorCode === 'SEND_RETRYING';
  const decided = m.state === 'FAILED' || m.state === 'UNCERTAIN';
  return {
    label: retrying ? 'stateRETRYING' : `state${m.state}`,
    at: retrying ? m.nextAttemptAt : m.sendAt,
    problem: decided || retrying,
    retry: retrying ? 'retryNow' : m.state === 'FAILED' ? 'retry' : m.state === 'UNCERTAIN' ? 'sendAnyway' : null,
    edit: decided || m.state === 'CANCELLED',
    discard: m.state !== 'QUEUED' && m.state !== 'SENDING',
  };
}
