/**
 * A queue of one: `run(task)` starts `task` once every task queued before it has settled, so at
 * most one runs at a time in this process. For work that holds a whole message source in memory
 * (cutting an attachment, parsing an archived .eml): many requests at once then wait their turn
 * instead of each holding tens of MB.
 */
export function oneAtATime(): <T>(task: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const turn = last.then(task, task);
    last = turn.catch(() => undefined);
    return turn;
  };
}
