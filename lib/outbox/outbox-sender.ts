import 'server-only';
import type { Db } from '../../db/client.ts';
import {
  abandonExpiredSends,
  claimDueOutboxMessage,
  extendOutboxLease,
  finishOutboxAttempt,
  nextOutboxDue,
  resolveUncertainSends,
  sweepOutbox,
} from '../../db/queries/outbox.ts';
import type { OutboxMessage } from '../../db/schema/index.ts';
import type { EventBus } from '../events/event-bus.ts';
import { backoffDelay } from '../sync/backoff.ts';
import { classifySendFailure, MAX_SEND_ATTEMPTS, type SendFailure } from './classify-send-failure.ts';
import { OUTBOX_WAKE_TOPIC, outboxTopic, type OutboxChanged } from './outbox-events.ts';

/** What the SMTP side reports for an accepted message. */
export interface SubmitResult {
  rejected: string[];
  /** The server's reply to the end of data, e.g. "250 2.0.0 Ok: queued as 4F1A2". */
  response: string;
}

/**
 * Sends one outbox message's bytes through the account's SMTP server. Must call `handedOver()`
 * once the last byte of the message has gone to the socket (from then on a broken connection
 * leaves the outcome unknown), and reject with nodemailer's error (`responseCode`, `code`).
 */
export type SubmitMessage = (message: OutboxMessage, handedOver: () => void) => Promise<SubmitResult>;

export interface OutboxSenderOptions {
  /** A sender's hold on a claimed message, renewed every third of it while sending. @default 120_000 */
  leaseMs?: number;
  /** Look for due messages at least this often (a lost wake-up, another process's expired lease). @default 15_000 */
  pollMs?: number;
  /** First retry after a transient failure; doubles up to `maxRetryMs`. @default 30_000 */
  retryBaseMs?: number;
  /** @default 1_800_000 (30 min) */
  maxRetryMs?: number;
}

/** Sent and cancelled messages stay listed in the Outbox this long. @default 7 days */
const KEEP_DONE_MS = 7 * 24 * 3600_000;
/** Uploads never sent are removed after this. @default 1 day */
const KEEP_UPLOADS_MS = 24 * 3600_000;
/** @default 1 hour */
const SWEEP_EVERY_MS = 3600_000;

export interface OutboxSender {
  wake(): void;
  stop(): Promise<void>;
}

/**
 * One sender per process (every process may run one): claims due messages one at a time
 * (SKIP LOCKED: never two senders on one message), composes-once bytes are submitted, the outcome
 * is written back (classify-send-failure.ts), and the user's outbox announced. Woken by
 * `OUTBOX_WAKE_TOPIC`, by the next due time (undo delay, schedule, backoff), or by its poll.
 */
export function startOutboxSender(
  deps: {
    db: Db;
    bus: EventBus;
    submit: SubmitMessage;
    /**
     * After the server accepted a message (its row is `sent`): the copy in Sent, the draft removed
     * (lib/drafts/after-sent.ts). Its failure is logged, never turns the message back.
     */
    onSent?: (message: OutboxMessage) => Promise<void>;
    log?: (msg: string, extra?: object) => void;
  },
  options: OutboxSenderOptions = {},
): OutboxSender {
  const { leaseMs = 120_000, pollMs = 15_000, retryBaseMs = 30_000, maxRetryMs = 1_800_000 } = options;
  const { db, bus, submit } = deps;
  let stopped = false;
  let lastSweep = 0;
  let wakeUp: (() => void) | null = null;
  let woken = false;
  const wake = () => {
    woken = true;
    wakeUp?.();
  };
  const wakes = bus.subscribe(OUTBOX_WAKE_TOPIC);
  void (async () => {
    for await (const _ of wakes) wake();
  })().catch(() => {});

  const announce = async (row: OutboxMessage | null) => {
    if (!row) return;
    await bus.publish<OutboxChanged>(outboxTopic(row.userId), { outboxId: row.id, state: row.state }).catch(() => {});
  };

  /** Never throws: the message is sent whatever happens after (a failure here is logged). */
  const afterSent = async (row: OutboxMessage) => {
    try {
      await deps.onSent?.(row);
    } catch (error) {
      deps.log?.('outbox: after-send step failed', { outboxId: row.id, error: String(error) });
    }
  };

  const sendOne = async (message: OutboxMessage) => {
    await announce(message);
    let handedOver = false;
    const renew = setInterval(
      () => void extendOutboxLease(db, message.id, leaseMs).catch(() => {}),
      Math.max(1_000, leaseMs / 3),
    );
    try {
      const result = await submit(message, () => (handedOver = true));
      const sent = await finishOutboxAttempt(db, message.id, { state: 'sent', rejectedRecipients: result.rejected });
      await announce(sent);
      if (sent?.state === 'sent') await afterSent(sent);
    } catch (error) {
      const failure = error as SendFailure & { response?: string; message?: string };
      const outcome = classifySendFailure(failure, handedOver);
      const words = failure.response ?? failure.message ?? String(error);
      const errorCode = outcome === 'uncertain' ? 'SEND_UNCERTAIN' : outcome === 'failed' ? 'SEND_REFUSED' : 'SEND_RETRYING';
      deps.log?.('outbox: attempt failed', {
        outboxId: message.id,
        outcome,
        code: failure.code,
        responseCode: failure.responseCode,
      });
      const row =
        outcome === 'retry' && message.attempts < MAX_SEND_ATTEMPTS
          ? await finishOutboxAttempt(db, message.id, {
              state: 'queued',
              nextAttemptAt: new Date(Date.now() + backoffDelay(message.attempts, { baseMs: retryBaseMs, maxMs: maxRetryMs })),
              errorCode,
              error: words,
            })
          : await finishOutboxAttempt(db, message.id, {
              state: outcome === 'uncertain' ? 'uncertain' : 'failed',
              errorCode: outcome === 'retry' ? 'SEND_GAVE_UP' : errorCode,
              error: words,
            });
      await announce(row);
    } finally {
      clearInterval(renew);
    }
  };

  const loop = (async () => {
    while (!stopped) {
      try {
        for (const row of await abandonExpiredSends(db)) await announce(row);
        // Found in the account's mail: accepted after all, so what follows acceptance follows now.
        for (const row of await resolveUncertainSends(db)) {
          await announce(row);
          await afterSent(row);
        }
        if (Date.now() - lastSweep > SWEEP_EVERY_MS) {
          lastSweep = Date.now();
          await sweepOutbox(db, { doneMs: KEEP_DONE_MS, uploadsMs: KEEP_UPLOADS_MS });
        }
        const message = await claimDueOutboxMessage(db, leaseMs);
        if (message) {
          await sendOne(message);
          continue;
        }
        const due = await nextOutboxDue(db);
        await sleepUntil(due ? Math.min(pollMs, Math.max(0, due.getTime() - Date.now())) : pollMs);
      } catch (error) {
        deps.log?.('outbox: sender round failed', { error: String(error) });
        await sleepUntil(pollMs);
      }
    }
  })();

  function sleepUntil(ms: number): Promise<void> {
    if (woken || stopped) {
      woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        woken = false;
        resolve();
      }
      wakeUp = done;
    });
  }

  return {
    wake,
    async stop() {
      stopped = true;
      wake();
      await wakes.return?.();
      await loop;
    },
  };
}
