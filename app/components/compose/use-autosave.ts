'use client';
import { useMutation } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { errorInfo } from '../../client/error-message';
import { DISCARD_DRAFT, SAVE_DRAFT, type ComposeInput } from './compose-queries';

/** Quiet time after the last change before the draft is saved. @default 5 s */
export const AUTOSAVE_DELAY_MS = 5000;

/**
 * Autosave (issue 11, Drafts): `changed()` after each edit saves the draft once typing has stopped
 * for AUTOSAVE_DELAY_MS; `flush()` saves at once (on close); `discard()` deletes it. The server
 * keeps the draft and its copy in the account's Drafts folder (saveDraft). Saves never overlap:
 * a change during a save is saved right after it.
 */
export function useAutosave(initialId: string | null, input: () => ComposeInput) {
  const [save] = useMutation(SAVE_DRAFT);
  const [remove] = useMutation(DISCARD_DRAFT);
  const id = useRef(initialId);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const running = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const latest = useRef(input);
  latest.current = input;

  const run = async (): Promise<void> => {
    if (running.current) {
      again.current = true;
      return running.current;
    }
    running.current = save({ variables: { id: id.current, input: latest.current() } })
      .then((result) => {
        const draft = result.data?.saveDraft;
        if (draft) {
          id.current = draft.id;
          setSavedAt(draft.savedAt);
        }
        setFailed(false);
      })
      .catch((error: unknown) => {
        // The draft went meanwhile (sent, discarded elsewhere): the next save starts a new one.
        if (errorInfo(error).code === 'NOT_FOUND') id.current = null;
        setFailed(true);
      })
      .finally(() => {
        running.current = null;
      });
    await running.current;
    if (again.current) {
      again.current = false;
      await run();
    }
  };

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  return {
    draftId: () => id.current,
    savedAt,
    failed,
    changed: () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void run(), AUTOSAVE_DELAY_MS);
    },
    flush: async () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      await run();
    },
    /** Stops saving and deletes the saved draft, if any. */
    discard: () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      const current = id.current;
      id.current = null;
      if (current) void remove({ variables: { id: current } }).catch(() => {});
    },
    /** Stops saving (the message was sent: the server removes the draft). */
    stop: () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    },
  };
}
