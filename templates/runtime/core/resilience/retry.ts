/**
 * Retrying a call that failed in a way that is safe to repeat. go-zero has no such policy (only
 * fixed-interval helpers such as `core/fx/retry.go`); this one is tsctl's own, shaped like gRPC's
 * retry service config: exponential backoff with full jitter, only for listed status codes
 * (UNAVAILABLE by default: the call did not reach a server that could act on it), and never past the
 * call's deadline — a wait that would end at or after it is not started and the last error surfaces.
 *
 * Status codes are plain gRPC numbers; this module has no transport. Time is wall-clock milliseconds
 * (`Date.now()`), as deadlines are; waiting and randomness are injected for tests.
 */

/** How a call is retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included; 1 turns retrying off. An integer, at least 1. */
  readonly maxAttempts: number;
  /** Upper bound of the wait before the second attempt, ms; at least 0. */
  readonly initialBackoffMs: number;
  /** Upper bound of any wait, ms; at least `initialBackoffMs`. */
  readonly maxBackoffMs: number;
  /** Growth of the bound from one wait to the next; at least 1. */
  readonly multiplier: number;
  /** gRPC status codes worth another attempt (integers 0–16). */
  readonly retryableCodes: readonly number[];
}

/** 3 attempts, waits bounded by 50 ms, 100 ms, … up to 1 s, on UNAVAILABLE (14) only. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 3,
  initialBackoffMs: 50,
  maxBackoffMs: 1000,
  multiplier: 2,
  retryableCodes: Object.freeze([14]),
});

/** Time, randomness and waiting of `retry`; injected by tests. */
export interface RetryClock {
  /** Wall-clock milliseconds, comparable to deadlines. Defaults to `Date.now()`. */
  now(): number;
  /** A number in [0, 1). Defaults to `Math.random()`. */
  random(): number;
  /** Resolves after `ms`; rejects early when `signal` aborts. Defaults to a timer. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Options of `retry`. */
export interface RetryOptions {
  /** Overrides of DEFAULT_RETRY_POLICY; the result is validated. */
  readonly policy?: Partial<RetryPolicy>;
  /** When the call must be over, ms since the epoch; no wait is started that would end at or after it. */
  readonly deadline?: number;
  /** Aborts the retrying: a wait under way rejects with the signal's reason and no attempt follows. */
  readonly signal?: AbortSignal;
  /** The gRPC status code of an error, or undefined (not retried). Default: its numeric `code` property. */
  readonly codeOf?: (error: unknown) => number | undefined;
  /** Told before each wait: the attempt that failed (1 = the first), its error, and the wait, ms. */
  readonly onRetry?: (attempt: number, error: unknown, delayMs: number) => void;
  readonly clock?: Partial<RetryClock>;
}

/** The policy `partial` makes of the defaults; throws a TypeError naming the first invalid field. */
export function retryPolicy(partial: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...stripUndefined(partial) };
  const fail = (field: string, rule: string, value: unknown): never => {
    throw new TypeError(`retry policy: ${field} must be ${rule}, got ${String(value)}`);
  };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    fail('maxAttempts', 'an integer of at least 1', policy.maxAttempts);
  }
  if (!Number.isFinite(policy.initialBackoffMs) || policy.initialBackoffMs < 0) {
    fail('initialBackoffMs', 'a finite number of at least 0', policy.initialBackoffMs);
  }
  if (!Number.isFinite(policy.maxBackoffMs) || policy.maxBackoffMs < policy.initialBackoffMs) {
    fail('maxBackoffMs', `a finite number of at least initialBackoffMs (${policy.initialBackoffMs})`, policy.maxBackoffMs);
  }
  if (!Number.isFinite(policy.multiplier) || policy.multiplier < 1) {
    fail('multiplier', 'a finite number of at least 1', policy.multiplier);
  }
  if (!Array.isArray(policy.retryableCodes)) {
    fail('retryableCodes', 'an array of gRPC status codes', policy.retryableCodes);
  }
  for (const code of policy.retryableCodes) {
    if (!Number.isInteger(code) || code < 0 || code > 16) {
      fail('retryableCodes', 'gRPC status codes (integers 0–16)', code);
    }
  }
  return policy;
}

function stripUndefined(partial: Partial<RetryPolicy>): Partial<RetryPolicy> {
  return Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined)) as Partial<RetryPolicy>;
}

/** The default `codeOf`: an error's `code` property when it is a number. */
function numericCode(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'number') return code;
  }
  return undefined;
}

/** The error an aborted signal stands for: its reason, or an AbortError. */
function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** A timer that an abort cuts short. */
function timerSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Calls `attempt(n)` (n = 1, 2, …) until it resolves, and resolves with its result. After a failure it
 * tries again only when the error's code is retryable, attempts are left, and the wait — full jitter,
 * random in [0, min(maxBackoffMs, initialBackoffMs · multiplier^(n−1))) after attempt n — ends before
 * `deadline`; otherwise it rejects with that failure's error. An abort of `signal` (before an attempt
 * or during a wait) rejects with the signal's reason, or an AbortError, and makes no further attempt.
 * An invalid policy throws a TypeError before any attempt.
 */
export async function retry<T>(attempt: (n: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const policy = retryPolicy(options.policy);
  const now = options.clock?.now ?? Date.now;
  const random = options.clock?.random ?? Math.random;
  const sleep = options.clock?.sleep ?? timerSleep;
  const codeOf = options.codeOf ?? numericCode;
  const { deadline, signal } = options;
  const retryable = new Set(policy.retryableCodes);

  for (let n = 1; ; n++) {
    if (signal?.aborted) throw abortReason(signal);
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= policy.maxAttempts) throw error;
      const code = codeOf(error);
      if (code === undefined || !retryable.has(code)) throw error;
      const bound = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * policy.multiplier ** (n - 1));
      const delayMs = random() * bound;
      if (deadline !== undefined && now() + delayMs >= deadline) throw error;
      options.onRetry?.(n, error, delayMs);
      await sleep(delayMs, signal);
      if (signal?.aborted) throw abortReason(signal);
      // A sleep that overran the deadline leaves no time for another attempt.
      if (deadline !== undefined && now() >= deadline) throw error;
    }
  }
}
