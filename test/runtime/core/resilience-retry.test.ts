// The retry policy of templates/runtime/core/resilience/retry.ts: retryable codes only, attempts capped,
// exponential backoff with full jitter, never a wait past the deadline, aborts, and policy validation.
// Time, randomness and sleeping are faked, so no test waits for real (but one, on the default timer).
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, type RetryClock, retry, retryPolicy } from '../../../templates/runtime/core/resilience/retry.js';
import { mulberry32 } from '../../helpers/random.js';

const UNAVAILABLE = 14;
const DEADLINE_EXCEEDED = 4;
const INTERNAL = 13;
const RESOURCE_EXHAUSTED = 8;

function grpcError(code: number): Error & { code: number } {
  return Object.assign(new Error(`status ${code}`), { code });
}

/** A clock whose sleeps end at once, moving time on by the wait; records every wait. */
function fakeClock(options: { start?: number; random?: () => number } = {}): RetryClock & { time: () => number; sleeps: number[] } {
  let time = options.start ?? 1_000_000;
  const sleeps: number[] = [];
  return {
    now: () => time,
    random: options.random ?? mulberry32(1),
    sleep: async (ms) => {
      sleeps.push(ms);
      time += ms;
    },
    time: () => time,
    sleeps,
  };
}

/** attempt(n) that fails with `codes[n − 1]` (the last repeating) — or resolves `n` on a 0 (OK). */
function scripted(codes: readonly number[]): { attempt: (n: number) => Promise<number>; calls: () => number } {
  let calls = 0;
  return {
    attempt: async (n) => {
      calls += 1;
      const code = codes[Math.min(n, codes.length) - 1] as number;
      if (code === 0) return n;
      throw grpcError(code);
    },
    calls: () => calls,
  };
}

describe('retryable codes', () => {
  it('retries UNAVAILABLE and succeeds on the second attempt', async () => {
    const clock = fakeClock();
    const { attempt, calls } = scripted([UNAVAILABLE, 0]);
    await expect(retry(attempt, { clock })).resolves.toBe(2);
    expect(calls()).toBe(2);
    expect(clock.sleeps).toHaveLength(1);
  });

  it.each([
    ['INTERNAL', INTERNAL],
    ['DEADLINE_EXCEEDED', DEADLINE_EXCEEDED],
    ['RESOURCE_EXHAUSTED', RESOURCE_EXHAUSTED],
  ])('does not retry %s', async (_name, code) => {
    const clock = fakeClock();
    const { attempt, calls } = scripted([code, 0]);
    await expect(retry(attempt, { clock })).rejects.toMatchObject({ code });
    expect(calls()).toBe(1);
    expect(clock.sleeps).toHaveLength(0);
  });

  it('does not retry errors without a code', async () => {
    let calls = 0;
    const failure = new Error('no code');
    await expect(
      retry(
        async () => {
          calls += 1;
          throw failure;
        },
        { clock: fakeClock() },
      ),
    ).rejects.toBe(failure);
    expect(calls).toBe(1);
  });

  it('retries the policy codes, read by codeOf', async () => {
    const clock = fakeClock();
    let calls = 0;
    const result = await retry(
      async (n) => {
        calls += 1;
        if (n < 3) throw { status: RESOURCE_EXHAUSTED };
        return 'ok';
      },
      { clock, policy: { retryableCodes: [RESOURCE_EXHAUSTED] }, codeOf: (e) => (e as { status: number }).status },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });
});

describe('attempts', () => {
  it('stops after maxAttempts and surfaces the last error', async () => {
    const clock = fakeClock();
    let calls = 0;
    const errors: Error[] = [];
    const failing = async (): Promise<never> => {
      calls += 1;
      const error = grpcError(UNAVAILABLE);
      errors.push(error);
      throw error;
    };
    const error = await retry(failing, { clock, policy: { maxAttempts: 4 } }).catch((e: unknown) => e);
    expect(calls).toBe(4);
    expect(error).toBe(errors[3]);
    expect(clock.sleeps).toHaveLength(3);
  });

  it('makes one attempt when maxAttempts is 1', async () => {
    const clock = fakeClock();
    const { attempt, calls } = scripted([UNAVAILABLE, 0]);
    await expect(retry(attempt, { clock, policy: { maxAttempts: 1 } })).rejects.toMatchObject({ code: UNAVAILABLE });
    expect(calls()).toBe(1);
  });

  it('defaults to three attempts', async () => {
    const { attempt, calls } = scripted([UNAVAILABLE]);
    await expect(retry(attempt, { clock: fakeClock() })).rejects.toMatchObject({ code: UNAVAILABLE });
    expect(calls()).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
    expect(DEFAULT_RETRY_POLICY).toEqual({ maxAttempts: 3, initialBackoffMs: 50, maxBackoffMs: 1000, multiplier: 2, retryableCodes: [14] });
  });
});

describe('backoff', () => {
  it('grows by the multiplier up to maxBackoffMs (random 1 − ε: the bound itself)', async () => {
    const clock = fakeClock({ random: () => 1 - Number.EPSILON });
    const { attempt } = scripted([UNAVAILABLE]);
    const told: [number, number][] = [];
    await retry(attempt, {
      clock,
      policy: { maxAttempts: 8, initialBackoffMs: 50, maxBackoffMs: 1000, multiplier: 2 },
      onRetry: (n, _error, delayMs) => told.push([n, delayMs]),
    }).catch(() => undefined);
    const bounds = [50, 100, 200, 400, 800, 1000, 1000];
    expect(clock.sleeps.map(Math.round)).toEqual(bounds);
    expect(told.map(([n]) => n)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(told.map(([, delay]) => delay)).toEqual(clock.sleeps);
  });

  it('jitters each wait over [0, bound)', async () => {
    const clock = fakeClock({ random: mulberry32(42) });
    const bounds = [50, 100, 200, 400, 800, 1000, 1000, 1000, 1000];
    for (let round = 0; round < 50; round++) {
      clock.sleeps.length = 0;
      const { attempt } = scripted([UNAVAILABLE]);
      await retry(attempt, { clock, policy: { maxAttempts: bounds.length + 1 } }).catch(() => undefined);
      expect(clock.sleeps).toHaveLength(bounds.length);
      clock.sleeps.forEach((ms, i) => {
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThan(bounds[i] as number);
      });
    }
    // Full jitter: the waits are spread out, not all at the bound.
    expect(new Set(clock.sleeps).size).toBe(bounds.length);
  });
});

describe('deadline', () => {
  it('never starts a wait that would end at or past the deadline; the last error surfaces', async () => {
    const clock = fakeClock({ random: () => 0.5 });
    const start = clock.time();
    const errors: Error[] = [];
    let calls = 0;
    const error = await retry(
      async () => {
        calls += 1;
        const e = grpcError(UNAVAILABLE);
        errors.push(e);
        throw e;
      },
      // Waits of 25, 50, 100 … ms: 25 + 50 fit in 100 ms, the third (100) would end at 175.
      { clock, deadline: start + 100, policy: { maxAttempts: 10 } },
    ).catch((e: unknown) => e);
    expect(clock.sleeps).toEqual([25, 50]);
    expect(calls).toBe(3);
    expect(error).toBe(errors[2]);
    expect(clock.time()).toBeLessThan(start + 100);
  });

  it('does not retry when the wait would end exactly at the deadline', async () => {
    const clock = fakeClock({ random: () => 0.5 });
    const { attempt, calls } = scripted([UNAVAILABLE, 0]);
    await expect(retry(attempt, { clock, deadline: clock.time() + 25 })).rejects.toMatchObject({ code: UNAVAILABLE });
    expect(calls()).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('makes no attempt after a sleep that overran the deadline', async () => {
    const clock = fakeClock({ random: () => 0.5 });
    const start = clock.time();
    const slowClock = { ...clock, sleep: async (ms: number) => clock.sleep(ms * 10) };
    const { attempt, calls } = scripted([UNAVAILABLE, 0]);
    await expect(retry(attempt, { clock: slowClock, deadline: start + 100 })).rejects.toMatchObject({ code: UNAVAILABLE });
    expect(calls()).toBe(1);
  });

  it('never waits past the deadline, whatever the jitter', async () => {
    const random = mulberry32(9);
    for (let round = 0; round < 200; round++) {
      const clock = fakeClock({ random });
      const deadline = clock.time() + 1 + Math.floor(random() * 400);
      const { attempt } = scripted([UNAVAILABLE]);
      await retry(attempt, { clock, deadline, policy: { maxAttempts: 20 } }).catch(() => undefined);
      expect(clock.time()).toBeLessThan(deadline);
    }
  });
});

describe('abort', () => {
  /** A clock whose sleeps last until aborted. */
  function stuckClock(): RetryClock & { sleeping: () => boolean } {
    let sleeping = false;
    return {
      now: () => 0,
      random: () => 0.5,
      sleep: (_ms, signal) =>
        new Promise<void>((_resolve, reject) => {
          sleeping = true;
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        }),
      sleeping: () => sleeping,
    };
  }

  it('rejects with the signal reason during the wait and makes no further attempt', async () => {
    const clock = stuckClock();
    const controller = new AbortController();
    const { attempt, calls } = scripted([UNAVAILABLE, 0]);
    const result = retry(attempt, { clock, signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(clock.sleeping()).toBe(true);
    const reason = new Error('caller went away');
    controller.abort(reason);
    await expect(result).rejects.toBe(reason);
    expect(calls()).toBe(1);
  });

  it('rejects with an AbortError when aborted without a reason', async () => {
    const controller = new AbortController();
    const { attempt } = scripted([UNAVAILABLE, 0]);
    const result = retry(attempt, { clock: stuckClock(), signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 0));
    controller.abort();
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('makes no attempt after a wait whose clock ignored the abort', async () => {
    const controller = new AbortController();
    const clock = fakeClock();
    const deaf = {
      ...clock,
      sleep: async (ms: number) => {
        controller.abort(new Error('stop'));
        await clock.sleep(ms);
      },
    };
    const { attempt, calls } = scripted([UNAVAILABLE, 0]);
    await expect(retry(attempt, { clock: deaf, signal: controller.signal })).rejects.toThrow('stop');
    expect(calls()).toBe(1);
  });

  it('makes no attempt when already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('already'));
    const { attempt, calls } = scripted([0]);
    await expect(retry(attempt, { clock: fakeClock(), signal: controller.signal })).rejects.toThrow('already');
    expect(calls()).toBe(0);
  });

  it('cuts the default timer short', async () => {
    const controller = new AbortController();
    const { attempt, calls } = scripted([UNAVAILABLE, 0]);
    const started = Date.now();
    const result = retry(attempt, {
      signal: controller.signal,
      policy: { initialBackoffMs: 60_000, maxBackoffMs: 60_000 },
      clock: { random: () => 0.99 },
    });
    setTimeout(() => controller.abort(new Error('stop')), 20);
    await expect(result).rejects.toThrow('stop');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(calls()).toBe(1);
  });

  it('waits on the default timer', async () => {
    const { attempt, calls } = scripted([UNAVAILABLE, 0]);
    await expect(retry(attempt, { policy: { initialBackoffMs: 5, maxBackoffMs: 5 } })).resolves.toBe(2);
    expect(calls()).toBe(2);
  });
});

describe('policy validation', () => {
  it.each([
    [{ maxAttempts: 0 }, /maxAttempts must be an integer of at least 1/],
    [{ maxAttempts: 2.5 }, /maxAttempts/],
    [{ maxAttempts: Number.NaN }, /maxAttempts/],
    [{ initialBackoffMs: -1 }, /initialBackoffMs must be a finite number of at least 0/],
    [{ initialBackoffMs: Number.POSITIVE_INFINITY }, /initialBackoffMs/],
    [{ initialBackoffMs: 100, maxBackoffMs: 50 }, /maxBackoffMs must be a finite number of at least initialBackoffMs \(100\)/],
    [{ multiplier: 0.5 }, /multiplier must be a finite number of at least 1/],
    [{ retryableCodes: [14, 17] }, /retryableCodes must be gRPC status codes/],
    [{ retryableCodes: 14 as unknown as number[] }, /retryableCodes must be an array/],
  ])('rejects %o', async (policy, message) => {
    expect(() => retryPolicy(policy)).toThrow(TypeError);
    expect(() => retryPolicy(policy)).toThrow(message);
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls += 1;
        },
        { policy, clock: fakeClock() },
      ),
    ).rejects.toThrow(TypeError);
    expect(calls).toBe(0);
  });

  it('fills what a partial policy leaves out with the defaults', () => {
    expect(retryPolicy({ maxAttempts: 5, multiplier: undefined })).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 5 });
    expect(retryPolicy()).toEqual(DEFAULT_RETRY_POLICY);
  });
});
