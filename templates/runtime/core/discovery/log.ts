/**
 * Logging of discovery and registration: a line per change of state ("registered", "etcd
 * unreachable", "lost"), never a line per retry, so an etcd outage of an hour is two lines, not 3600.
 */

/** Where discovery writes its lines; `console` by default. */
export type DiscoveryLog = (level: 'info' | 'error', message: string) => void;

/** The default log: errors to stderr, the rest to stdout. */
export const consoleLog: DiscoveryLog = (level, message) => {
  if (level === 'error') console.error(message);
  else console.log(message);
};

/** Remembers the last state and logs only when it changes. */
export class StateLog {
  #state: string | undefined;
  readonly #log: DiscoveryLog;

  constructor(log: DiscoveryLog = consoleLog) {
    this.#log = log;
  }

  get state(): string | undefined {
    return this.#state;
  }

  /** Moves to `state`; logs `message` only when the state differs from the last one. */
  set(state: string, level: 'info' | 'error', message: string): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#log(level, message);
  }
}

/** A one-line description of a thrown value. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
