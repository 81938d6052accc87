'use client';
import { useSyncExternalStore } from 'react';
import type { ComposeDraft } from './compose-draft';

/**
 * The content a composer reopens with (`compose=restore`): after Undo send, or Edit on an Outbox
 * message. Kept in the page only: a reload opens an empty composer (drafts on the server are the
 * durable copy once saveDraft exists).
 */
let kept: ComposeDraft | null = null;
const listeners = new Set<() => void>();

export function keepDraft(draft: ComposeDraft | null) {
  kept = draft;
  listeners.forEach((l) => l());
}

export function useKeptDraft(): ComposeDraft | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => kept,
    () => null,
  );
}
