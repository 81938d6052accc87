/**
 * Without CONDSTORE (Exchange and Outlook.com, older servers) STATUS has no HIGHESTMODSEQ, so
 * chooseSyncStrategy cannot tell an unchanged folder from one whose flags changed and says
 * 'no-modseq': look inside. Doing that for every folder every poll round is a UID FETCH of every
 * stored UID each 30 s per folder. Instead a poll round compares what STATUS does say (UIDNEXT,
 * MESSAGES, UNSEEN) with the last round: new mail, expunges and \Seen changes move one of them
 * and are seen at once; other flag changes (\Flagged, \Answered, keywords) wait for the full
 * check every `fullCheckRounds` rounds.
 */

export interface PolledStatus {
  uidNext?: number;
  messages?: number;
  unseen?: number;
}

/** What the folder looked like, or null when STATUS did not say enough to compare. */
export function statusFingerprint(status: PolledStatus | undefined): string | null {
  if (status?.uidNext === undefined || status.messages === undefined || status.unseen === undefined) return null;
  return `${status.uidNext}/${status.messages}/${status.unseen}`;
}

/** True when a 'no-modseq' folder can be left alone this round. */
export function skipUnchangedFolder(options: {
  previous: string | undefined;
  current: string | null;
  round: number;
  fullCheckRounds: number;
}): boolean {
  const { previous, current, round, fullCheckRounds } = options;
  if (current === null || previous === undefined) return false;
  if (round % Math.max(1, fullCheckRounds) === 0) return false;
  return previous === current;
}
