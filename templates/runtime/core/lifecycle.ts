/**
 * Process lifecycle shared by generated services: a graceful stop on SIGTERM / SIGINT.
 */

/**
 * Runs `stop` once on the first SIGTERM or SIGINT and exits when it settles; a second signal exits
 * at once. Returns a function that removes the handlers.
 */
export function onShutdownSignal(stop: () => Promise<void>, log: (message: string) => void = (m) => console.error(m)): () => void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: shutting down`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return () => {
    process.off('SIGTERM', handler);
    process.off('SIGINT', handler);
  };
}
