/**
 * Bulk archiving in requests of {@link ARCHIVE_CHUNK} messages (the API takes at most 200 in one),
 * so the dialog can show progress. Pure over the `send` it is given: tested without a server.
 */
export const ARCHIVE_CHUNK = 25;

export function chunks<T>(items: readonly T[], size = ARCHIVE_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Sends each chunk in turn, reporting the messages done; stops at the first failure (it throws). */
export async function archiveInChunks(
  ids: readonly string[],
  send: (chunk: string[]) => Promise<void>,
  onProgress: (done: number) => void,
): Promise<void> {
  let done = 0;
  for (const chunk of chunks(ids)) {
    await send(chunk);
    done += chunk.length;
    onProgress(done);
  }
}
