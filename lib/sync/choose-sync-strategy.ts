/**
 * What to do with one folder, decided from what we stored last time and what the server says
 * now (SELECT or STATUS), without touching either. The folder sync only carries it out
 * (STYLE.md rule 1, after EmailEngine's `determineSyncStrategy`).
 */

/** The folder's cursor as stored in `mail_folders`. */
export interface StoredFolderState {
  uidValidity: number | null;
  uidNext: number | null;
  /** CONDSTORE HIGHESTMODSEQ (RFC 7162) as a decimal string: it is a 63-bit number. */
  highestModseq: string | null;
  /** Everything with INTERNALDATE at or after this is stored; null until a first import completed. */
  importedSince: Date | null;
}

/** The folder as the server reports it now. */
export interface RemoteFolderState {
  uidValidity: number;
  uidNext: number;
  /** Absent when the server has no CONDSTORE or the mailbox does not keep mod-sequences (NOMODSEQ). */
  highestModseq: string | null;
}

export type SyncStrategyType = 'none' | 'partial' | 'full' | 'reset';

export type SyncReason =
  /** Never imported: search the window and import everything in it. */
  | 'first-sync'
  /** An import was interrupted (process stopped or killed): import what is still missing. */
  | 'import-incomplete'
  /** The window grew: import the older messages (backfill). */
  | 'window-widened'
  /** UIDVALIDITY changed (RFC 3501 §2.3.1.1): every stored UID is void; re-map rows to the new UIDs. */
  | 'uidvalidity-changed'
  /** No stored cursor to compare with (e.g. a server that just gained CONDSTORE). */
  | 'no-cursor'
  /** No CONDSTORE: flag changes cannot be detected from the folder state, so always look. */
  | 'no-modseq'
  /** UIDNEXT moved: new messages arrived. */
  | 'new-messages'
  /** HIGHESTMODSEQ moved: flags changed or messages were expunged (RFC 7162). */
  | 'changed'
  | 'unchanged';

export interface SyncStrategy {
  type: SyncStrategyType;
  reason: SyncReason;
}

export function chooseSyncStrategy(stored: StoredFolderState, remote: RemoteFolderState, windowStart: Date): SyncStrategy {
  if (stored.uidValidity === null) return { type: 'full', reason: 'first-sync' };
  if (stored.uidValidity !== remote.uidValidity) return { type: 'reset', reason: 'uidvalidity-changed' };
  if (stored.importedSince === null) return { type: 'full', reason: 'import-incomplete' };
  // Narrowing the window (a later start) deletes nothing: what we have stays, only widening acts.
  if (windowStart.getTime() < stored.importedSince.getTime()) return { type: 'full', reason: 'window-widened' };
  if (stored.uidNext === null) return { type: 'partial', reason: 'no-cursor' };
  if (remote.highestModseq === null) return { type: 'partial', reason: 'no-modseq' };
  if (remote.uidNext !== stored.uidNext) return { type: 'partial', reason: 'new-messages' };
  if (stored.highestModseq === null || BigInt(remote.highestModseq) !== BigInt(stored.highestModseq)) {
    return { type: 'partial', reason: 'changed' };
  }
  return { type: 'none', reason: 'unchanged' };
}
