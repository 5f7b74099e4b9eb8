// The balancers of templates/runtime/core/discovery/p2c.ts against go-zero's p2c_ewma
// (zrpc/internal/balancer/p2c/p2c.go): load, latency and health learning, force-pick, and round robin.
// Time and randomness are injected, so every run picks the same way.
import { describe, expect, it } from 'vitest';
import type { Balancer, Picked } from '../../../templates/runtime/core/discovery/p2c.js';
import { acceptable, balancerNames, createBalancer, p2cBalancer, roundRobinBalancer } from '../../../templates/runtime/core/discovery/p2c.js';
import { mulberry32 } from '../../helpers/random.js';

const OK = 0;
const UNAVAILABLE = 14;

function fakeClock(seed = 1): { now: () => number; random: () => number; advance: (ms: number) => void; set: (ms: number) => void } {
  let time = 0;
  return {
    now: () => time,
    random: mulberry32(seed),
    advance: (ms) => {
      time += ms;
    },
    set: (ms) => {
      time = ms;
    },
  };
}

/**
 * Starts a call every `every` ms for `duration` ms; a call to `conn` ends `latency(conn)` ms later with
 * `code(conn, time)`. Returns how many calls each connection got, counting only calls started at or
 * after `countFrom`.
 */
function simulate(
  balancer: Balancer<string>,
  clock: ReturnType<typeof fakeClock>,
  conns: readonly string[],
  options: {
    duration: number;
    every: number;
    latency: (conn: string) => number;
    code?: (conn: string, time: number) => number;
    countFrom?: number;
  },
): Map<string, number> {
  const counts = new Map(conns.map((conn) => [conn, 0]));
  const pending: { end: number; picked: Picked<string> }[] = [];
  const finishUntil = (time: number): void => {
    pending.sort((a, b) => a.end - b.end);
    while (pending.length > 0 && (pending[0] as { end: number }).end <= time) {
      const call = pending.shift() as { end: number; picked: Picked<string> };
      clock.set(call.end);
      call.picked.done(options.code?.(call.picked.conn, call.end) ?? OK);
    }
  };
  for (let time = 0; time < options.duration; time += options.every) {
    finishUntil(time);
    clock.set(time);
    const picked = balancer.pick(conns);
    if (picked === undefined) throw new Error('no pick');
    if (time >= (options.countFrom ?? 0)) counts.set(picked.conn, (counts.get(picked.conn) ?? 0) + 1);
    pending.push({ end: time + options.latency(picked.conn), picked });
  }
  finishUntil(Number.POSITIVE_INFINITY);
  return counts;
}

function share(counts: Map<string, number>, conn: string): number {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return (counts.get(conn) ?? 0) / total;
}

describe('acceptable', () => {
  it('rejects exactly go-zero codes.Acceptable list: DEADLINE_EXCEEDED, INTERNAL, UNAVAILABLE, DATA_LOSS, UNIMPLEMENTED, RESOURCE_EXHAUSTED', () => {
    const rejected = Array.from({ length: 17 }, (_, code) => code).filter((code) => !acceptable(code));
    expect(rejected).toEqual([4, 8, 12, 13, 14, 15]);
    // Application errors are the caller's: NOT_FOUND, INVALID_ARGUMENT, PERMISSION_DENIED, UNKNOWN, CANCELLED.
    for (const code of [0, 1, 2, 3, 5, 7, 16]) expect(acceptable(code)).toBe(true);
  });
});

describe('p2cBalancer', () => {
  it('returns undefined without candidates and the only one with one', () => {
    const balancer = p2cBalancer<string>(fakeClock());
    expect(balancer.pick([])).toBeUndefined();
    expect(balancer.pick(['a'])?.conn).toBe('a');
  });

  it('prefers the connection with fewer calls in flight', () => {
    const balancer = p2cBalancer<string>(fakeClock());
    const first = balancer.pick(['a', 'b']);
    expect(first?.conn).toBe('a'); // equal loads: the first candidate
    // a has a call in flight: load 1 × 2 against b's 1 × 1.
    expect(balancer.pick(['a', 'b'])?.conn).toBe('b');
    expect(balancer.pick(['b', 'a'])?.conn).toBe('b'); // a:1 b:1 → a tie, the first candidate
    // b has two now, a one.
    expect(balancer.pick(['b', 'a'])?.conn).toBe('a');
  });

  it('counts a call once however often done is called', () => {
    const balancer = p2cBalancer<string>(fakeClock());
    const first = balancer.pick(['a', 'b']) as Picked<string>;
    first.done(OK);
    first.done(OK); // a second done must not leave a at −1 in flight
    balancer.pick(['b']); // b: one in flight
    // Were a at −1, its load would be 0 → the penalty, and b would win.
    expect(balancer.pick(['a', 'b'])?.conn).toBe('a');
  });

  it('keeps latency in nanoseconds, as go-zero, so sub-millisecond latencies still differ', () => {
    const clock = fakeClock();
    const balancer = p2cBalancer<string>(clock);
    const quick = balancer.pick(['a']) as Picked<string>;
    clock.set(0.2);
    quick.done(OK); // a: 200 µs → load ⌊√200001⌋ = 447
    const slower = balancer.pick(['b']) as Picked<string>;
    clock.set(1.0);
    slower.done(OK); // b: 800 µs → load ⌊√800001⌋ = 894 (in ms both would round to 0: a tie)
    expect(balancer.pick(['b', 'a'])?.conn).toBe('a');
  });

  it('sends clearly less traffic to a slow connection (two candidates)', () => {
    const clock = fakeClock();
    const counts = simulate(p2cBalancer<string>(clock), clock, ['fast', 'slow'], {
      duration: 10_000,
      every: 2,
      latency: (conn) => (conn === 'slow' ? 100 : 1),
    });
    expect(share(counts, 'slow')).toBeLessThan(0.2);
    // It is still tried now and then (force-pick), so a recovered server would win traffic back.
    expect(counts.get('slow')).toBeGreaterThanOrEqual(5);
  });

  it('sends clearly less traffic to a slow connection (many candidates)', () => {
    const clock = fakeClock(7);
    const conns = ['a', 'b', 'c', 'd', 'slow'];
    const counts = simulate(p2cBalancer<string>(clock), clock, conns, {
      duration: 10_000,
      every: 2,
      latency: (conn) => (conn === 'slow' ? 100 : 1),
    });
    expect(share(counts, 'slow')).toBeLessThan(0.05);
    for (const conn of ['a', 'b', 'c', 'd']) expect(share(counts, conn)).toBeGreaterThan(0.15);
  });

  it('avoids a connection that keeps failing once its success average drops below 500', () => {
    const clock = fakeClock(3);
    const conns = ['a', 'b', 'c', 'd', 'bad'];
    const failFrom = 2_000;
    const code = (conn: string, time: number): number => (conn === 'bad' && time >= failFrom ? UNAVAILABLE : OK);
    const options = { every: 5, latency: () => 2, code };
    // Before: an even share. The success average decays with time, exp(−t/10 s): below 500 after ~6.9 s.
    const before = simulate(p2cBalancer<string>(clock), clock, conns, { ...options, duration: failFrom });
    expect(share(before, 'bad')).toBeGreaterThan(0.15);
    const balancer = p2cBalancer<string>(clock);
    const after = simulate(balancer, clock, conns, { ...options, duration: 20_000, countFrom: failFrom + 8_000 });
    expect(share(after, 'bad')).toBeLessThan(0.08);
    for (const conn of ['a', 'b', 'c', 'd']) expect(share(after, conn)).toBeGreaterThan(0.2);
  });

  it('lets a first failing call mark a connection unhealthy at once, as go-zero (no history: weight 0)', () => {
    const clock = fakeClock(5);
    const conns = ['a', 'b', 'c', 'd', 'bad'];
    const counts = simulate(p2cBalancer<string>(clock), clock, conns, {
      duration: 4_000,
      every: 5,
      latency: () => 2,
      code: (conn) => (conn === 'bad' ? UNAVAILABLE : OK),
      countFrom: 1_000,
    });
    expect(share(counts, 'bad')).toBeLessThan(0.08);
  });

  it('avoids a failing connection of two as well (go-zero compares only loads there), probing it once a second', () => {
    const clock = fakeClock(9);
    const counts = simulate(p2cBalancer<string>(clock), clock, ['good', 'bad'], {
      duration: 10_000,
      every: 5,
      // The failing one answers fast: by load alone it would win most picks.
      latency: (conn) => (conn === 'bad' ? 1 : 3),
      code: (conn) => (conn === 'bad' ? UNAVAILABLE : OK),
      countFrom: 1_000,
    });
    expect(share(counts, 'bad')).toBeLessThan(0.01);
    expect(counts.get('bad')).toBeGreaterThanOrEqual(5);
  });

  it('force-picks the heavier connection when it has not been picked for over 1 s', () => {
    const clock = fakeClock();
    const balancer = p2cBalancer<string>(clock);
    // b is picked alone at 0 and answers in 500 ms: a heavy latency average.
    const slow = balancer.pick(['b']) as Picked<string>;
    clock.set(500);
    slow.done(OK);
    const picks: string[] = [];
    for (let time = 600; time <= 2_300; time += 100) {
      clock.set(time);
      const picked = balancer.pick(['a', 'b']) as Picked<string>;
      picks.push(`${time}:${picked.conn}`);
      clock.set(time + 1);
      picked.done(OK);
    }
    // Picked last at 0: 1000 − 0 is not over 1 s, 1100 − 0 is; then again 1100 ms after that.
    expect(picks.filter((pick) => pick.endsWith(':b'))).toEqual(['1100:b', '2200:b']);
  });

  it('forgets the stats of connections retain leaves out', () => {
    const clock = fakeClock();
    const balancer = p2cBalancer<string>(clock);
    const heavy = balancer.pick(['a']) as Picked<string>;
    clock.set(500);
    heavy.done(OK); // a: 500 ms latency
    const light = balancer.pick(['b']) as Picked<string>;
    clock.set(501);
    light.done(OK); // b: 1 ms latency
    clock.set(502);
    const before = balancer.pick(['a', 'b']) as Picked<string>;
    expect(before.conn).toBe('b');
    before.done(OK);

    balancer.retain(['a', 'b']);
    expect(balancer.pick(['a', 'b'])?.conn).toBe('b'); // kept: a is still heavy
    balancer.retain(['b']);
    // a comes back with fresh stats: no latency yet, so the lightest load of all.
    expect(balancer.pick(['a', 'b'])?.conn).toBe('a');
  });
});

describe('roundRobinBalancer', () => {
  it('cycles through the candidates from a random start', () => {
    const fromFirst = roundRobinBalancer<string>({ random: () => 0 });
    expect(Array.from({ length: 7 }, () => fromFirst.pick(['a', 'b', 'c'])?.conn)).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
    const fromSecond = roundRobinBalancer<string>({ random: () => 0.5 });
    expect(Array.from({ length: 4 }, () => fromSecond.pick(['a', 'b', 'c'])?.conn)).toEqual(['b', 'c', 'a', 'b']);
    expect(fromSecond.pick([])).toBeUndefined();
  });

  it('keeps cycling when the candidates shrink', () => {
    const balancer = roundRobinBalancer<string>({ random: () => 0 });
    balancer.pick(['a', 'b', 'c']);
    balancer.pick(['a', 'b', 'c']);
    balancer.pick(['a', 'b', 'c']); // next would be index 3
    expect([balancer.pick(['a', 'b'])?.conn, balancer.pick(['a', 'b'])?.conn]).toEqual(['b', 'a']);
  });
});

describe('createBalancer', () => {
  it('makes p2c_ewma by default and for an empty name, round_robin by name', () => {
    const clock = fakeClock();
    for (const name of ['p2c_ewma', '']) {
      const balancer = createBalancer<string>(name, clock);
      balancer.pick(['a', 'b']); // a in flight
      expect(balancer.pick(['a', 'b'])?.conn).toBe('b');
    }
    const roundRobin = createBalancer<string>('round_robin', { random: () => 0 });
    expect([roundRobin.pick(['a', 'b'])?.conn, roundRobin.pick(['a', 'b'])?.conn]).toEqual(['a', 'b']);
    expect(balancerNames).toEqual(['p2c_ewma', 'round_robin']);
  });

  it('refuses an unknown name, naming the valid ones', () => {
    expect(() => createBalancer('consistent_hash')).toThrow('unknown balancer "consistent_hash": use one of p2c_ewma, round_robin');
  });
});
