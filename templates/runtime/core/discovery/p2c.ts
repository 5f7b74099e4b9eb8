/**
 * Client-side load balancing over the connections of one RPC service, as go-zero's `p2c_ewma`
 * (`zrpc/internal/balancer/p2c/p2c.go`, v1.10.x) and gRPC's `round_robin`.
 *
 * p2c ("power of two choices") keeps, per connection, an exponentially weighted moving average of the
 * call latency and of the success rate, and the number of calls in flight. A pick compares two
 * connections by load, sqrt(latency + 1) × (inflight + 1), and takes the lighter one; a connection the
 * lighter one keeps winning against is still tried once a second, so its stats stay fresh.
 *
 * Units: the clock is in milliseconds (as `performance.now()`), but the latency average is kept in
 * nanoseconds, as go-zero does, so the load numbers — and the whole-number rounding go-zero applies to
 * them — are the same as go-zero's for the same latencies.
 *
 * Status codes are plain gRPC numbers here (0 OK, 14 UNAVAILABLE, ...); this module has no transport.
 */

/** Time window of the moving averages: a sample Δt after the previous one weighs the past by exp(−Δt/τ) (go-zero decayTime). */
const decayMs = 10_000;
/** A connection not picked for longer than this is picked even when it is the heavier one (go-zero forcePick). */
const forcePickMs = 1_000;
/** Success score of a fresh connection, and of each acceptable call (go-zero initSuccess). */
const initSuccess = 1000;
/** A connection is healthy while its success average is above this (go-zero throttleSuccess). */
const throttleSuccess = initSuccess / 2;
/** Load reported for a connection whose load computes to 0 (go-zero penalty, math.MaxInt32). */
const penalty = 2 ** 31 - 1;
/** Random pairs drawn, among three or more candidates, looking for two healthy ones (go-zero pickTimes). */
const pickTimes = 3;
const nsPerMs = 1e6;

/** gRPC status codes that count as a failure of the server rather than of the call (go-zero codes.Acceptable). */
const unacceptable: ReadonlySet<number> = new Set([
  4, // DEADLINE_EXCEEDED
  13, // INTERNAL
  14, // UNAVAILABLE
  15, // DATA_LOSS
  12, // UNIMPLEMENTED
  8, // RESOURCE_EXHAUSTED
]);

/**
 * go-zero's codes.Acceptable: whether a call outcome counts as a success for the balancer and breaker.
 * Everything is acceptable except DEADLINE_EXCEEDED, INTERNAL, UNAVAILABLE, DATA_LOSS, UNIMPLEMENTED
 * and RESOURCE_EXHAUSTED; application errors such as NOT_FOUND or INVALID_ARGUMENT are the caller's
 * problem, not the server's.
 */
export function acceptable(grpcCode: number): boolean {
  return !unacceptable.has(grpcCode);
}

/** A connection chosen for one call. */
export interface Picked<C> {
  readonly conn: C;
  /** Report the call's end once: its gRPC status code (0 = OK). Updates load and health stats. */
  done(code: number): void;
}

/** Chooses the connection for each call. */
export interface Balancer<C> {
  /** Picks one of `candidates` (the connections that can take a call now); undefined when empty. */
  pick(candidates: readonly C[]): Picked<C> | undefined;
  /** Forget stats of connections no longer present. */
  retain(conns: readonly C[]): void;
}

/** Time and randomness of a balancer; injected by tests. */
export interface BalancerClock {
  /** Monotonic time in milliseconds; fractions count. Defaults to `performance.now()`. */
  now(): number;
  /** A number in [0, 1). Defaults to `Math.random()`. */
  random(): number;
}

/** The balancer names `createBalancer` knows; the first is the default, as in go-zero. */
export const balancerNames: readonly string[] = ['p2c_ewma', 'round_robin'];

interface Stats {
  /** Moving average of the call latency, in whole nanoseconds (go-zero lag). */
  lag: number;
  inflight: number;
  /** Moving average of the success score, 0..1000, whole (go-zero success). */
  success: number;
  /** Calls picked (go-zero requests; go-zero logs and resets it each minute). */
  requests: number;
  /** When the last call ended, ms; 0 before the first (go-zero last). */
  last: number;
  /** When this connection was last picked, ms; 0 before the first (go-zero pick). */
  pick: number;
}

function load(stats: Stats): number {
  // The +1 keeps a fresh connection (lag 0) from scoring 0.
  const value = Math.floor(Math.sqrt(stats.lag + 1)) * (stats.inflight + 1);
  return value === 0 ? penalty : value;
}

function healthy(stats: Stats): boolean {
  return stats.success > throttleSuccess;
}

function defaultClock(clock: Partial<BalancerClock> | undefined): BalancerClock {
  return {
    now: clock?.now ?? (() => performance.now()),
    random: clock?.random ?? Math.random,
  };
}

function randomIndex(random: () => number, length: number): number {
  return Math.min(length - 1, Math.floor(random() * length));
}

/**
 * go-zero's `p2c_ewma`: picks the less loaded of two connections — the only two, or a random pair of
 * healthy ones among more — and learns latency and health from each call's `done`.
 *
 * Unlike go-zero, whose picker starts every connection afresh whenever the set of ready connections
 * changes, stats survive such changes here; `retain` drops those of connections that are gone. And
 * of two connections an unhealthy one loses to a healthy one, as it does among more in go-zero.
 */
export function p2cBalancer<C>(clock?: Partial<BalancerClock>): Balancer<C> {
  const { now, random } = defaultClock(clock);
  const stats = new Map<C, Stats>();

  const statsOf = (conn: C): Stats => {
    let entry = stats.get(conn);
    if (entry === undefined) {
      entry = { lag: 0, inflight: 0, success: initSuccess, requests: 0, last: 0, pick: 0 };
      stats.set(conn, entry);
    }
    return entry;
  };

  const choose = (first: C, second: C | undefined): C => {
    const start = now();
    const a = statsOf(first);
    if (second === undefined) {
      a.pick = start;
      return first;
    }
    const b = statsOf(second);
    // A healthy connection wins over an unhealthy one whatever their loads (go-zero compares loads
    // only, so of two servers it would favour one that fails fast); the other is still probed by the
    // force-pick below, once a second, so it can recover. Otherwise the lighter wins, the first on
    // ties, as go-zero swaps only when the first is strictly heavier.
    const secondWins = healthy(a) !== healthy(b) ? healthy(b) : load(a) > load(b);
    const [lighter, lighterStats, heavier, heavierStats] = secondWins ? [second, b, first, a] : [first, a, second, b];
    if (start - heavierStats.pick > forcePickMs) {
      heavierStats.pick = start;
      return heavier;
    }
    lighterStats.pick = start;
    return lighter;
  };

  const finish = (entry: Stats, start: number, code: number): void => {
    entry.inflight -= 1;
    const end = now();
    const sinceLast = Math.max(0, end - entry.last);
    entry.last = end;
    const lag = Math.max(0, end - start) * nsPerMs;
    // The first sample (no latency yet) replaces the initial values outright, success included.
    const weight = entry.lag === 0 ? 0 : Math.exp(-sinceLast / decayMs);
    entry.lag = Math.floor(entry.lag * weight + lag * (1 - weight));
    const score = acceptable(code) ? initSuccess : 0;
    entry.success = Math.floor(entry.success * weight + score * (1 - weight));
  };

  return {
    pick(candidates) {
      let chosen: C;
      switch (candidates.length) {
        case 0:
          return undefined;
        case 1:
          chosen = choose(candidates[0] as C, undefined);
          break;
        case 2:
          chosen = choose(candidates[0] as C, candidates[1] as C);
          break;
        default: {
          let first = candidates[0] as C;
          let second = candidates[1] as C;
          for (let attempt = 0; attempt < pickTimes; attempt++) {
            const i = randomIndex(random, candidates.length);
            let j = randomIndex(random, candidates.length - 1);
            if (j >= i) j += 1;
            first = candidates[i] as C;
            second = candidates[j] as C;
            if (healthy(statsOf(first)) && healthy(statsOf(second))) break;
          }
          chosen = choose(first, second);
        }
      }
      const entry = statsOf(chosen);
      entry.inflight += 1;
      entry.requests += 1;
      const start = now();
      let finished = false;
      return {
        conn: chosen,
        done(code) {
          if (finished) return;
          finished = true;
          finish(entry, start, code);
        },
      };
    },
    retain(conns) {
      const keep = new Set(conns);
      for (const conn of stats.keys()) {
        if (!keep.has(conn)) stats.delete(conn);
      }
    },
  };
}

/**
 * gRPC's `round_robin`: each pick takes the next candidate in turn, starting at a random one so that
 * many clients do not all begin with the same server.
 */
export function roundRobinBalancer<C>(clock?: Partial<BalancerClock>): Balancer<C> {
  const { random } = defaultClock(clock);
  let next: number | undefined;
  return {
    pick(candidates) {
      if (candidates.length === 0) return undefined;
      next ??= randomIndex(random, candidates.length);
      const conn = candidates[next % candidates.length] as C;
      next = (next % candidates.length) + 1;
      return { conn, done() {} };
    },
    retain() {},
  };
}

/**
 * The balancer an RPC client's `BalancerName` names: `p2c_ewma` (go-zero's default, also for an empty
 * name) or `round_robin`. Any other name throws, listing the valid ones.
 */
export function createBalancer<C>(name: string, clock?: Partial<BalancerClock>): Balancer<C> {
  switch (name) {
    case '':
    case 'p2c_ewma':
      return p2cBalancer<C>(clock);
    case 'round_robin':
      return roundRobinBalancer<C>(clock);
    default:
      throw new Error(`unknown balancer ${JSON.stringify(name)}: use one of ${balancerNames.join(', ')}`);
  }
}
