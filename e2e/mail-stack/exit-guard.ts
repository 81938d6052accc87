const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Runs `cleanUpSync` if the process ends before `release()` is called: on normal
 * exit (a test crashed past its `finally`) and on SIGINT/SIGTERM, which otherwise end
 * Node without an 'exit' event. Only synchronous work can run there.
 *
 * On a signal, if no one else listens for it, the signal is raised again once our
 * listener is gone, so the process still ends the way Node's default would; if the
 * host listens itself (Playwright, mail:dev), the host decides how to end.
 *
 * @returns release: call it once the resource is freed normally.
 */
export function guardProcessExit(cleanUpSync: () => void): () => void {
  let done = false;
  const runOnce = () => {
    if (done) return;
    done = true;
    try {
      cleanUpSync();
    } catch {
      // best effort on the way out
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    runOnce();
    release();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const release = () => {
    process.off('exit', runOnce);
    for (const s of SIGNALS) process.off(s, onSignal);
  };
  process.on('exit', runOnce);
  for (const s of SIGNALS) process.on(s, onSignal);
  return release;
}
