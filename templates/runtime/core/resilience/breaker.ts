/**
 * The adaptive circuit breaker of go-zero (`core/breaker/googlebreaker.go`, with the rolling window of
 * `core/collection/rollingwindow.go`; read at go-zero HEAD 11f2109, Aug 2026), after the client-side
 * throttling of Google's SRE book ("Handling Overload").
 *
 * A breaker counts, over the last 10 seconds, the calls it let through that succeeded (accepts) and
 * every call it saw (requests, the ones it dropped included). Once requests outgrow accepts, it drops
 * a share of the new calls at random, without asking the server:
 *
 *     w         = max(k − (k − minK) · failingBuckets / buckets, minK)
 *     dropRatio = (requests − protection − w · accepts) / (requests + 1)
 *
 * A call passes when dropRatio ≤ 0. Otherwise it passes anyway when no call has passed for more than
 * a second (a probe), and else it is dropped with probability dropRatio · (buckets − workingBuckets) /
 * buckets. `failingBuckets` is the run of newest buckets with failures and no success (each one
 * lowers w, so a server failing for longer is trusted less), `workingBuckets` the run of newest
 * buckets with successes and no failure (each one lowers the drop chance, so a server that recovered
 * gets its traffic back quickly); buckets without outcomes do not break either run.
 *
 * There is no open/half-open/closed state machine: the breaker is "open" to the degree it drops calls.
 * Time is in milliseconds (`performance.now()` by default); randomness is injected for tests.
 */
/** Length of the window the breaker remembers, ms (go-zero window, 10 s). */
const windowMs = 10_000;
/** Buckets the window is cut into, 250 ms each (go-zero buckets). */
const buckets = 40;
const bucketMs = windowMs / buckets;
/** A call passes when none has for longer than this, ms, so the server is still probed (go-zero forcePassDuration). */
const forcePassMs = 1_000;
/** Weight of an accept while no failing bucket follows the last success; each one takes (k − minK)/40 off (go-zero k). */
const k = 1.5;
/** Lowest weight of an accept, reached after a whole window of failing buckets (go-zero minK). */
const minK = 1.1;
/** Requests beyond the weighted accepts that are let through before any drop (go-zero protection). */
const protection = 5;

/** go-zero's ErrServiceUnavailable text (`core/breaker/breaker.go`). */
const openMessage = 'circuit breaker is open';

/** Time and randomness of a breaker; injected by tests. */
export interface BreakerClock {
  /** Monotonic time in milliseconds; fractions count. Defaults to `performance.now()`. */
  now(): number;
  /** A number in [0, 1). Defaults to `Math.random()`. */
  random(): number;
}

/** The outcome of one call the breaker let through; report it once, later reports are ignored. */
export interface BreakerPermit {
  /** The call succeeded, or failed in a way that is not the server's fault. */
  accept(): void;
  /** The call failed because of the server (see `grpcAcceptable`, `httpAcceptable`). */
  reject(): void;
}

/** A call the breaker rejected without making it (go-zero ErrServiceUnavailable). */
export class BreakerOpenError extends Error {
  /** Name of the breaker that rejected the call. */
  readonly breaker: string;

  constructor(breaker: string) {
    super(openMessage);
    this.name = 'BreakerOpenError';
    this.breaker = breaker;
  }
}

/**
 * go-zero's codes.Acceptable (`zrpc/internal/codes/accept.go`), shared with the balancer: whether a
 * gRPC status code counts as a success. DEADLINE_EXCEEDED, INTERNAL, UNAVAILABLE, DATA_LOSS,
 * UNIMPLEMENTED and RESOURCE_EXHAUSTED are failures; everything else, OK included, is not. go-zero's
 * server side also fails on its own open breaker and on a context deadline, which are UNAVAILABLE and
 * DEADLINE_EXCEEDED as status codes, so the same function serves both sides.
 */
export { acceptable as grpcAcceptable } from '../discovery/p2c.ts';

/** go-zero's REST breaker (`rest/handler/breakerhandler.go`): a response status of 500 or more is a failure. */
export function httpAcceptable(status: number): boolean {
  return status < 500;
}

/** Counts of one bucket (go-zero `core/breaker/bucket.go`); `total` includes drops. */
interface Bucket {
  total: number;
  success: number;
  failure: number;
}

/** What a bucket is told of a call (go-zero bucket.go success, fail, drop). */
const success = 0;
const failure = 1;
const drop = 2;
type Outcome = typeof success | typeof failure | typeof drop;

/** Sums of the buckets within the window (go-zero windowResult). */
interface History {
  accepts: number;
  total: number;
  failingBuckets: number;
  workingBuckets: number;
}

/**
 * go-zero's RollingWindow with its breaker buckets: `buckets` buckets of `bucketMs`, a ring whose
 * current bucket is the one time was last aligned to; buckets the clock has moved past the window are
 * emptied on the next add and left out of sums meanwhile.
 */
class RollingWindow {
  readonly #now: () => number;
  readonly #ring: Bucket[] = [];
  #offset = 0;
  /** Start of the current bucket, ms. */
  #lastTime: number;
  /** Sums of success and total over the buckets within the window, kept as buckets fill and expire. */
  #accepts = 0;
  #total = 0;

  constructor(now: () => number) {
    this.#now = now;
    for (let i = 0; i < buckets; i++) this.#ring.push({ total: 0, success: 0, failure: 0 });
    this.#lastTime = now();
  }

  /**
   * Empties the buckets the clock has moved past (the whole ring once a window has passed, or when
   * time went back) and makes the bucket of now the current one. An expired bucket counts in no sum
   * either way; go-zero empties it on the next add, here also before a read.
   */
  #advance(): void {
    const now = this.#now();
    const passed = Math.floor((now - this.#lastTime) / bucketMs);
    if (passed === 0) return;
    const span = passed > 0 && passed < buckets ? passed : buckets;
    for (let i = 1; i <= span; i++) {
      const bucket = this.#ring[(this.#offset + i) % buckets] as Bucket;
      this.#accepts -= bucket.success;
      this.#total -= bucket.total;
      bucket.total = 0;
      bucket.success = 0;
      bucket.failure = 0;
    }
    this.#offset = (this.#offset + span) % buckets;
    this.#lastTime = now - ((now - this.#lastTime) % bucketMs);
  }

  add(outcome: Outcome): void {
    this.#advance();
    const bucket = this.#ring[this.#offset] as Bucket;
    bucket.total += 1;
    this.#total += 1;
    if (outcome === success) {
      bucket.success += 1;
      this.#accepts += 1;
    } else if (outcome === failure) bucket.failure += 1;
  }

  /** The sums of accepts and requests (drops included) within the window: no scan. */
  sums(): { accepts: number; total: number } {
    this.#advance();
    return { accepts: this.#accepts, total: this.#total };
  }

  /** Sums the buckets within the window, oldest first, with the runs of failing and working buckets. */
  history(): History {
    this.#advance();
    const result: History = { accepts: this.#accepts, total: this.#total, failingBuckets: 0, workingBuckets: 0 };
    for (let i = 1; i <= buckets; i++) {
      const bucket = this.#ring[(this.#offset + i) % buckets] as Bucket;
      if (bucket.failure > 0) result.workingBuckets = 0;
      else if (bucket.success > 0) result.workingBuckets += 1;
      if (bucket.success > 0) result.failingBuckets = 0;
      else if (bucket.failure > 0) result.failingBuckets += 1;
    }
    return result;
  }
}

/**
 * One adaptive circuit breaker (go-zero's googleBreaker behind `breaker.NewBreaker`). Take a permit
 * with `allow` and report the call's outcome on it, or let `run` do both.
 */
export class Breaker {
  /** What the breaker guards, for errors and logs (go-zero: target/method, full method, or `METHOD://path`). */
  readonly name: string;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #stat: RollingWindow;
  /** When a call last passed while the breaker was dropping, ms; undefined before the first. */
  #lastPass: number | undefined;

  constructor(name: string, clock?: Partial<BreakerClock>) {
    this.name = name;
    this.#now = clock?.now ?? (() => performance.now());
    this.#random = clock?.random ?? Math.random;
    this.#stat = new RollingWindow(this.#now);
  }

  /** go-zero's accept: whether the next call may go to the server. */
  #pass(): boolean {
    // The weight of accepts is at least minK: when even that leaves nothing to drop, no bucket scan.
    const sums = this.#stat.sums();
    if (sums.total - protection - minK * sums.accepts <= 0) return true;
    const history = this.#stat.history();
    const weight = Math.max(k - ((k - minK) * history.failingBuckets) / buckets, minK);
    let dropRatio = (history.total - protection - weight * history.accepts) / (history.total + 1);
    if (dropRatio <= 0) return true;

    const now = this.#now();
    if (this.#lastPass !== undefined && now - this.#lastPass > forcePassMs) {
      this.#lastPass = now;
      return true;
    }

    dropRatio *= (buckets - history.workingBuckets) / buckets;
    if (this.#random() < dropRatio) return false;
    this.#lastPass = now;
    return true;
  }

  /**
   * A permit for one call, or undefined when the breaker drops it (the drop is counted as a request,
   * as in go-zero). Report the call's outcome on the permit exactly once; a permit never reported
   * leaves no trace.
   */
  allow(): BreakerPermit | undefined {
    if (!this.#pass()) {
      this.#stat.add(drop);
      return undefined;
    }
    let reported = false;
    const report = (outcome: Outcome): void => {
      if (reported) return;
      reported = true;
      this.#stat.add(outcome);
    };
    return {
      accept: () => report(success),
      reject: () => report(failure),
    };
  }

  /**
   * Runs `fn` under the breaker: rejects with BreakerOpenError, without calling `fn`, when the breaker
   * drops the call; otherwise settles as `fn` does. A result is a success; an error (thrown or
   * rejected) is a failure unless `acceptable(error)` says otherwise (go-zero DoWithAcceptable).
   */
  async run<T>(fn: () => Promise<T>, acceptable?: (error: unknown) => boolean): Promise<T> {
    const permit = this.allow();
    if (permit === undefined) throw new BreakerOpenError(this.name);
    let result: T;
    try {
      result = await fn();
    } catch (error) {
      let ok = false;
      try {
        ok = acceptable?.(error) ?? false;
      } finally {
        if (ok) permit.accept();
        else permit.reject();
      }
      throw error;
    }
    permit.accept();
    return result;
  }
}

/**
 * Breakers by name, each made on first use and kept (go-zero keeps one per name process-wide in
 * `core/breaker/breakers.go`; the name is target + method on clients, the full method on gRPC
 * servers, `METHOD://path` on REST routes). All share the clock given here.
 */
export class Breakers {
  readonly #clock: Partial<BreakerClock> | undefined;
  readonly #byName = new Map<string, Breaker>();

  constructor(clock?: Partial<BreakerClock>) {
    this.#clock = clock;
  }

  /** The breaker named `name`, made now if there is none yet. */
  get(name: string): Breaker {
    let breaker = this.#byName.get(name);
    if (breaker === undefined) {
      breaker = new Breaker(name, this.#clock);
      this.#byName.set(name, breaker);
    }
    return breaker;
  }
}
