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

/** The steps of a graceful stop, in go-zero's order (`core/proc/shutdown.go`). */
export interface StopSteps {
  /** Deregistration from discovery (go-zero's wrap-up); none when the service is not registered. */
  readonly deregister?: (() => Promise<void>) | undefined;
  /** The pause after deregistering, so clients notice before the listener closes (go-zero Shutdown.WrapUpTime, 1 s). */
  readonly wrapUpMs: number;
  /** The time from the signal until running calls are cut (go-zero Shutdown.WaitTime, 5.5 s). */
  readonly waitMs: number;
  /** Stops serving: health NOT_SERVING, no new calls, running ones drained for `graceMs`, then cut. */
  readonly shutdown: (graceMs: number) => Promise<void>;
  /** Closes what the service opened (pools, clients), after the server stopped. */
  readonly close?: (() => Promise<void>) | undefined;
}

/** Deregisters, waits WrapUpTime, stops serving with what is left of WaitTime, then closes the rest. */
export async function stopInOrder(steps: StopSteps): Promise<void> {
  const started = Date.now();
  if (steps.deregister) {
    await steps.deregister();
    await new Promise((resolve) => setTimeout(resolve, steps.wrapUpMs));
  }
  await steps.shutdown(Math.max(0, steps.waitMs - (Date.now() - started)));
  await steps.close?.();
}
