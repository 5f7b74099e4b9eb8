// The adaptive breaker of templates/runtime/core/resilience/breaker.ts against go-zero's googleBreaker
// (core/breaker/googlebreaker.go, core/collection/rollingwindow.go): protection, the drop formula with
// its failing/working-bucket terms, probes, recovery, the rolling window, permits, run and Breakers.
// Time and randomness are injected, so every run drops the same calls.
import { describe, expect, it } from 'vitest';
import {
  Breaker,
  BreakerOpenError,
  Breakers,
  grpcAcceptable,
  httpAcceptable,
} from '../../../templates/runtime/core/resilience/breaker.js';
import { mulberry32 } from '../../helpers/random.js';

/** go-zero's constants (googlebreaker.go), restated so the tests check the formula, not the code. */
const K = 1.5;
const MIN_K = 1.1;
const PROTECTION = 5;
const BUCKETS = 40;
const BUCKET_MS = 250;
const WINDOW_MS = 10_000;

interface FakeClock {
  now: () => number;
  random: () => number;
  advance: (ms: number) => void;
  set: (ms: number) => void;
  /** Makes random() return `value` (a number) or draw from `value` (a function). */
  setRandom: (value: number | (() => number)) => void;
  /** How many times random() was called. */
  draws: () => number;
}

function fakeClock(seed = 1): FakeClock {
  let time = 0;
  let source: () => number = mulberry32(seed);
  let draws = 0;
  return {
    now: () => time,
    random: () => {
      draws += 1;
      return source();
    },
    advance: (ms) => {
      time += ms;
    },
    set: (ms) => {
      time = ms;
    },
    setRandom: (value) => {
      source = typeof value === 'number' ? () => value : value;
    },
    draws: () => draws,
  };
}

/** One call through `breaker`: dropped, or let through and reported as `ok`. */
function call(breaker: Breaker, ok: boolean): 'dropped' | 'passed' {
  const permit = breaker.allow();
  if (permit === undefined) return 'dropped';
  if (ok) permit.accept();
  else permit.reject();
  return 'passed';
}

/** Takes `count` permits while the window is empty, to report later at chosen times. */
function permits(breaker: Breaker, count: number): { accept(): void; reject(): void }[] {
  return Array.from({ length: count }, () => {
    const permit = breaker.allow();
    if (permit === undefined) throw new Error('an empty breaker dropped a call');
    return permit;
  });
}

/** Whether the next call is dropped when random() returns `value`; a pass leaves no record. */
function dropsAt(breaker: Breaker, clock: FakeClock, value: number): boolean {
  clock.setRandom(value);
  return breaker.allow() === undefined;
}

describe('protection', () => {
  it('drops nothing while requests stay within protection + k·accepts', () => {
    const clock = fakeClock();
    clock.setRandom(0); // drop whenever the drop ratio is above 0
    const breaker = new Breaker('svc', clock);
    // requests − protection ≤ 0 for the first six calls (0…5 requests before each).
    for (let i = 0; i <= PROTECTION; i++) expect(call(breaker, false)).toBe('passed');
    expect(call(breaker, false)).toBe('dropped');
  });

  it('never drops while every call succeeds', () => {
    const clock = fakeClock();
    clock.setRandom(0);
    const breaker = new Breaker('svc', clock);
    for (let i = 0; i < 2000; i++) {
      expect(call(breaker, true)).toBe('passed');
      clock.advance(10);
    }
  });

  it('lets failures through up to protection plus the weighted accepts', () => {
    const clock = fakeClock();
    clock.setRandom(0);
    const breaker = new Breaker('svc', clock);
    for (let i = 0; i < 10; i++) call(breaker, true);
    // 10 accepts weigh 15: 10 + f − 5 − 15 ≤ 0 while f ≤ 10 failures are recorded.
    let failures = 0;
    while (call(breaker, false) === 'passed') failures += 1;
    expect(failures).toBe(11);
  });
});

describe('drop ratio', () => {
  it('with half the calls failing, drops exactly where (requests − protection − k·accepts)/(requests + 1) says', () => {
    const clock = fakeClock(7);
    const draws = mulberry32(7);
    let lastDraw = Number.NaN;
    clock.setRandom(() => {
      lastDraw = draws();
      return lastDraw;
    });
    const outcomes = mulberry32(99);
    const breaker = new Breaker('svc', clock);
    // Time stands still: one bucket with successes and failures, so no failing or working buckets,
    // w = k, and no probe (none is more than a second after the last pass).
    let requests = 0;
    let accepts = 0;
    let expectedDrops = 0;
    let variance = 0;
    let drops = 0;
    for (let i = 0; i < 4000; i++) {
      const ratio = Math.max(0, (requests - PROTECTION - K * accepts) / (requests + 1));
      const before = clock.draws();
      const ok = outcomes() < 0.5;
      const result = call(breaker, ok);
      if (ratio > 0) {
        expect(clock.draws()).toBe(before + 1);
        expect(result).toBe(lastDraw < ratio ? 'dropped' : 'passed');
      } else {
        expect(result).toBe('passed');
      }
      expectedDrops += ratio;
      variance += ratio * (1 - ratio);
      requests += 1;
      if (result === 'dropped') drops += 1;
      else if (ok) accepts += 1;
    }
    // The aggregate stays within 4σ of the formula's expectation, and the breaker sheds most calls:
    // with a 50 % success rate, k·accepts cannot keep up with requests.
    expect(Math.abs(drops - expectedDrops)).toBeLessThan(4 * Math.sqrt(variance) + 1);
    expect(drops / requests).toBeGreaterThan(0.5);
  });

  it('weighs accepts less after a run of failing buckets (w = max(k − (k − minK)·failing/40, minK))', () => {
    const clock = fakeClock();
    const breaker = new Breaker('svc', clock);
    const taken = permits(breaker, 24);
    for (const permit of taken.slice(0, 4)) permit.accept(); // bucket 0: 4 successes
    for (let bucket = 1; bucket <= 4; bucket++) {
      clock.set(bucket * BUCKET_MS);
      for (const permit of taken.slice(5 * bucket - 1, 5 * bucket + 4)) permit.reject();
    }
    // 4 failing buckets after the last success (20 failures over buckets 1–4).
    const failing = 4;
    const w = Math.max(K - ((K - MIN_K) * failing) / BUCKETS, MIN_K);
    const ratio = (24 - PROTECTION - w * 4) / (24 + 1);
    expect(dropsAt(breaker, clock, ratio + 1e-9)).toBe(false);
    expect(dropsAt(breaker, clock, ratio - 1e-9)).toBe(true);
  });

  it('drops less after a run of working buckets (× (40 − working)/40)', () => {
    const clock = fakeClock();
    const breaker = new Breaker('svc', clock);
    const taken = permits(breaker, 24);
    for (const permit of taken.slice(0, 20)) permit.reject(); // bucket 0: 20 failures
    clock.set(BUCKET_MS);
    for (const permit of taken.slice(20, 22)) permit.accept(); // bucket 1: 2 successes
    clock.set(2 * BUCKET_MS);
    for (const permit of taken.slice(22, 24)) permit.accept(); // bucket 2: 2 successes
    const working = 2;
    const ratio = ((24 - PROTECTION - K * 4) / (24 + 1)) * ((BUCKETS - working) / BUCKETS);
    expect(dropsAt(breaker, clock, ratio + 1e-9)).toBe(false);
    expect(dropsAt(breaker, clock, ratio - 1e-9)).toBe(true);
  });

  it('does not let empty buckets break a run', () => {
    const clock = fakeClock();
    const breaker = new Breaker('svc', clock);
    const taken = permits(breaker, 24);
    for (const permit of taken.slice(0, 20)) permit.reject();
    clock.set(BUCKET_MS);
    for (const permit of taken.slice(20, 22)) permit.accept();
    clock.set(5 * BUCKET_MS); // buckets 2–4 stay empty
    for (const permit of taken.slice(22, 24)) permit.accept();
    const ratio = ((24 - PROTECTION - K * 4) / (24 + 1)) * ((BUCKETS - 2) / BUCKETS);
    expect(dropsAt(breaker, clock, ratio + 1e-9)).toBe(false);
    expect(dropsAt(breaker, clock, ratio - 1e-9)).toBe(true);
  });
});

describe('probes', () => {
  it('lets a call through when none has passed for more than a second', () => {
    const clock = fakeClock();
    const breaker = new Breaker('svc', clock);
    for (let i = 0; i < 50; i++) call(breaker, false);
    expect(dropsAt(breaker, clock, 0.999)).toBe(false); // a pass by chance starts the probe clock
    clock.advance(1000);
    expect(dropsAt(breaker, clock, 0)).toBe(true); // exactly a second: not yet
    clock.advance(1);
    expect(dropsAt(breaker, clock, 0)).toBe(false); // forced through
    expect(dropsAt(breaker, clock, 0)).toBe(true); // and the next one is dropped again
  });

  it('drops most calls to a server that always fails, but still lets some through', () => {
    const clock = fakeClock(3);
    const breaker = new Breaker('svc', clock);
    const passedAt: number[] = [];
    let drops = 0;
    for (let time = 0; time < 20_000; time += 10) {
      clock.set(time);
      if (call(breaker, false) === 'passed') passedAt.push(time);
      else drops += 1;
    }
    expect(drops / 2000).toBeGreaterThan(0.9);
    expect(passedAt.length).toBeGreaterThan(20);
    // Once the breaker sheds, no second goes by without a probe.
    const gaps = passedAt.slice(1).map((time, i) => time - (passedAt[i] as number));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1010);
  });
});

describe('recovery', () => {
  it('closes again once the failures have rolled out of the window', () => {
    const clock = fakeClock(5);
    const breaker = new Breaker('svc', clock);
    let time = 0;
    for (; time < 10_000; time += 10) {
      clock.set(time);
      call(breaker, false);
    }
    const dropsBy = (from: number, to: number, ok: boolean): number => {
      let drops = 0;
      for (time = from; time < to; time += 10) {
        clock.set(time);
        if (call(breaker, ok) === 'dropped') drops += 1;
      }
      return drops;
    };
    const justAfter = dropsBy(10_000, 11_000, true);
    expect(justAfter).toBeGreaterThan(50); // still shedding right after the server recovers
    dropsBy(11_000, 10_000 + WINDOW_MS, true);
    // One window after recovery, nothing is dropped.
    expect(dropsBy(10_000 + WINDOW_MS, 30_000, true)).toBe(0);
  });
});

describe('rolling window', () => {
  it('forgets outcomes a window after their bucket started', () => {
    const clock = fakeClock();
    clock.setRandom(0);
    const breaker = new Breaker('svc', clock);
    for (let i = 0; i <= PROTECTION; i++) call(breaker, false);
    expect(call(breaker, false)).toBe('dropped');
    clock.set(WINDOW_MS - 1); // bucket 0 is the oldest of the window still
    expect(call(breaker, false)).toBe('dropped');
    clock.set(WINDOW_MS); // bucket 0 has left the window; only that drop remains
    expect(call(breaker, false)).toBe('passed');
  });

  it('rolls bucket by bucket', () => {
    const clock = fakeClock();
    clock.setRandom(0);
    const breaker = new Breaker('svc', clock);
    // Four failures in bucket 0, three in bucket 1: seven requests, dropping from the seventh call.
    for (let i = 0; i < 4; i++) call(breaker, false);
    clock.set(BUCKET_MS + 100);
    for (let i = 0; i < 2; i++) expect(call(breaker, false)).toBe('passed');
    expect(call(breaker, false)).toBe('dropped');
    // Bucket 0 leaves the window at 10 s (its start + window); bucket 1's three remain.
    clock.set(WINDOW_MS);
    expect(call(breaker, false)).toBe('passed'); // 3 requests before it
    expect(call(breaker, false)).toBe('passed'); // 4
    expect(call(breaker, false)).toBe('passed'); // 5
    expect(call(breaker, false)).toBe('dropped'); // 6
    clock.set(WINDOW_MS + BUCKET_MS); // bucket 1 gone too; bucket 40 (= 0 again) holds 4
    expect(call(breaker, false)).toBe('passed');
    expect(call(breaker, false)).toBe('passed');
    expect(call(breaker, false)).toBe('dropped');
  });
});

describe('permits', () => {
  it('count an outcome once, however often they are reported', () => {
    const clock = fakeClock();
    clock.setRandom(0);
    const breaker = new Breaker('svc', clock);
    const permit = breaker.allow();
    expect(permit).toBeDefined();
    permit?.reject();
    permit?.reject();
    permit?.accept();
    // One request so far: five more failures pass before the breaker drops.
    for (let i = 0; i < PROTECTION; i++) expect(call(breaker, false)).toBe('passed');
    expect(call(breaker, false)).toBe('dropped');
  });

  it('leave no record when never reported', () => {
    const clock = fakeClock();
    clock.setRandom(0);
    const breaker = new Breaker('svc', clock);
    for (let i = 0; i < 100; i++) expect(breaker.allow()).toBeDefined();
    expect(call(breaker, false)).toBe('passed');
  });
});

describe('run', () => {
  it('settles as fn does while the breaker lets calls through', async () => {
    const breaker = new Breaker('svc', fakeClock());
    await expect(breaker.run(async () => 42)).resolves.toBe(42);
    const failure = new Error('boom');
    await expect(breaker.run(() => Promise.reject(failure))).rejects.toBe(failure);
    await expect(
      breaker.run(() => {
        throw failure;
      }),
    ).rejects.toBe(failure);
  });

  it('rejects with BreakerOpenError without calling fn when the breaker drops', async () => {
    const clock = fakeClock();
    clock.setRandom(0);
    const breaker = new Breaker('target/pkg.Svc/Call', clock);
    for (let i = 0; i <= PROTECTION; i++) {
      await expect(breaker.run(() => Promise.reject(new Error('down')))).rejects.toThrow('down');
    }
    let called = false;
    const error = await breaker
      .run(async () => {
        called = true;
      })
      .catch((e: unknown) => e);
    expect(called).toBe(false);
    expect(error).toBeInstanceOf(BreakerOpenError);
    expect(error).toBeInstanceOf(Error);
    expect((error as BreakerOpenError).message).toBe('circuit breaker is open');
    expect((error as BreakerOpenError).breaker).toBe('target/pkg.Svc/Call');
  });

  it('counts errors that acceptable() clears as successes', async () => {
    const clock = fakeClock();
    clock.setRandom(0);
    const breaker = new Breaker('svc', clock);
    const notFound = Object.assign(new Error('not found'), { code: 5 });
    const acceptable = (e: unknown): boolean => grpcAcceptable((e as { code: number }).code);
    for (let i = 0; i < 50; i++) {
      await expect(breaker.run(() => Promise.reject(notFound), acceptable)).rejects.toBe(notFound);
    }
    await expect(breaker.run(async () => 'still closed')).resolves.toBe('still closed');
  });
});

describe('Breakers', () => {
  it('keeps one breaker per name', () => {
    const breakers = new Breakers(fakeClock());
    const a = breakers.get('a');
    expect(a.name).toBe('a');
    expect(breakers.get('a')).toBe(a);
    expect(breakers.get('b')).not.toBe(a);
  });

  it('gives each name its own window', () => {
    const clock = fakeClock();
    clock.setRandom(0);
    const breakers = new Breakers(clock);
    for (let i = 0; i <= PROTECTION; i++) call(breakers.get('a'), false);
    expect(call(breakers.get('a'), false)).toBe('dropped');
    expect(call(breakers.get('b'), false)).toBe('passed');
  });
});

describe('acceptable', () => {
  it('fails HTTP 5xx only', () => {
    expect(httpAcceptable(200)).toBe(true);
    expect(httpAcceptable(404)).toBe(true);
    expect(httpAcceptable(499)).toBe(true);
    expect(httpAcceptable(500)).toBe(false);
    expect(httpAcceptable(503)).toBe(false);
  });

  it('fails the gRPC codes of go-zero codes.Acceptable', () => {
    const failures = [4, 8, 12, 13, 14, 15];
    for (let code = 0; code <= 16; code++) expect(grpcAcceptable(code)).toBe(!failures.includes(code));
  });
});
