/**
 * Bulk archiving in requests of {@link ARCHIVE_CHUNK} messages (the API takes at most 200 in one),
 * so the dialog can show progress. Pure over the `send` and `wait` it is given: tested without a
 * server or a clock.
 */
export const ARCHIVE_CHUNK = 25;

export function chunks<T>(items: readonly T[], size = ARCHIVE_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Messages whose source the server has not stored yet (ARCHIVE_SOURCE_NOT_STORED: new or freshly
 * imported mail, downloaded in the background) are archived later instead of failing the run:
 * the others go now, these are tried again every `delayMs` until `rounds` run out.
 */
export interface WaitForSources {
  /** The ids a failure names as not stored yet; null: any other failure (it stops the run). */
  pendingOf: (error: unknown) => readonly string[] | null;
  wait: (ms: number) => Promise<void>;
  /** Told how many messages are waiting, before each wait. */
  onWaiting?: (count: number) => void;
  /** @default 5000 */
  delayMs?: number;
  /** @default 24 (two minutes at the default delay) */
  rounds?: number;
}

/**
 * Sends each chunk in turn, reporting the messages done; stops at the first failure (it throws),
 * except messages still downloading (see WaitForSources), which are sent again after a wait.
 */
export async function archiveInChunks(
  ids: readonly string[],
  send: (chunk: string[]) => Promise<void>,
  onProgress: (done: number) => void,
  sources?: WaitForSources,
): Promise<void> {
  let done = 0;
  let later: string[] = [];
  let lastWaitError: unknown = null;

  const sendNow = async (chunk: string[]): Promise<void> => {
    try {
      await send(chunk);
      done += chunk.length;
      onProgress(done);
    } catch (error) {
      const pending = new Set(sources?.pendingOf(error) ?? []);
      const waiting = chunk.filter((id) => pending.has(id));
      if (!waiting.length) throw error;
      lastWaitError = error;
      later.push(...waiting);
      const ready = chunk.filter((id) => !pending.has(id));
      if (ready.length) await sendNow(ready);
    }
  };

  for (const chunk of chunks(ids)) await sendNow(chunk);
  for (let round = 0; later.length && sources; round += 1) {
    if (round >= (sources.rounds ?? 24)) throw lastWaitError;
    sources.onWaiting?.(later.length);
    await sources.wait(sources.delayMs ?? 5000);
    const again = later;
    later = [];
    for (const chunk of chunks(again)) await sendNow(chunk);
  }
}
