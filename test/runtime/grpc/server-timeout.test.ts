/**
 * go-zero's server Timeout and MethodTimeouts on a real loopback server: a unary call slower than its
 * timeout gets DEADLINE_EXCEEDED ("context deadline exceeded") at the timeout and its logic's signal is
 * aborted; a sooner client deadline still wins; Timeout 0 means none; streams get no server timeout.
 */
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { status } from '../../../templates/runtime/grpc/errors.js';
import type { MessageCodec, MethodSpec } from '../../../templates/runtime/grpc/method.js';
import { type RunningServer, type ServerTimeouts, serve } from '../../../templates/runtime/grpc/serve.js';
import { type CallContext, bindServerStream, bindUnary, methodDefinition } from '../../../templates/runtime/grpc/server.js';

interface Num {
  n: number;
}
const codec: MessageCodec<Num> = {
  toBinary: (m) => new TextEncoder().encode(JSON.stringify(m)),
  fromBinary: (b) => JSON.parse(new TextDecoder().decode(b)) as Num,
};
const spec = (name: string, responseStream = false): MethodSpec<Num, Num> => ({
  path: `/test.Slow/${name}`,
  name,
  requestStream: false,
  responseStream,
  request: codec,
  response: codec,
});
const methods = { wait: spec('Wait'), fast: spec('Fast'), stubborn: spec('Stubborn'), ticks: spec('Ticks', true) };

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason);
    });
  });

/** What the last call's logic saw. */
let seen: { aborted: boolean; reason?: unknown; deadline?: Date | undefined } = { aborted: false };
const waitLogic = async (req: Num, ctx: CallContext): Promise<Num> => {
  const mine: typeof seen = { aborted: false, deadline: ctx.deadline };
  seen = mine;
  ctx.signal.addEventListener('abort', () => {
    mine.aborted = true;
    mine.reason = ctx.signal.reason;
  });
  await sleep(req.n, ctx.signal);
  return req;
};

function binding() {
  return {
    name: 'test.Slow',
    definition: {
      Wait: methodDefinition(methods.wait),
      Fast: methodDefinition(methods.fast),
      Stubborn: methodDefinition(methods.stubborn),
      Ticks: methodDefinition(methods.ticks),
    },
    implementation: {
      Wait: bindUnary<Num, Num>(waitLogic),
      Fast: bindUnary<Num, Num>(waitLogic),
      // Ignores its signal: the caller must not wait for it.
      Stubborn: bindUnary<Num, Num>(async (req) => {
        await sleep(req.n);
        return req;
      }),
      Ticks: bindServerStream<Num, Num>(async function* (req, ctx) {
        await sleep(req.n, ctx.signal);
        yield req;
      }),
    },
  };
}

/** A plain @grpc/grpc-js client (no retries, no breaker): the server's behaviour, nothing else. */
class SlowClient {
  private readonly client: grpc.Client;
  constructor(address: string) {
    this.client = new grpc.Client(address, grpc.credentials.createInsecure());
  }
  private unary(spec: MethodSpec<Num, Num>, r: Num, deadline?: number): Promise<Num> {
    const d = methodDefinition(spec);
    return new Promise((resolve, reject) =>
      this.client.makeUnaryRequest(d.path, d.requestSerialize, d.responseDeserialize, r, new grpc.Metadata(), deadline === undefined ? {} : { deadline: Date.now() + deadline }, (error, res) =>
        error ? reject(error) : resolve(res as Num),
      ),
    );
  }
  wait = (r: Num, deadline?: number): Promise<Num> => this.unary(methods.wait, r, deadline);
  fast = (r: Num): Promise<Num> => this.unary(methods.fast, r);
  stubborn = (r: Num): Promise<Num> => this.unary(methods.stubborn, r);
  ticks = async (r: Num): Promise<Num[]> => {
    const d = methodDefinition(methods.ticks);
    const out: Num[] = [];
    for await (const m of this.client.makeServerStreamRequest(d.path, d.requestSerialize, d.responseDeserialize, r)) out.push(m as Num);
    return out;
  };
  close(): void {
    this.client.close();
  }
}

async function start(timeouts: ServerTimeouts | undefined): Promise<{ server: RunningServer; client: SlowClient }> {
  const server = await serve({ listenOn: '127.0.0.1:0', services: [binding()], ...(timeouts ? { timeouts } : {}) });
  return { server, client: new SlowClient(`127.0.0.1:${server.port}`) };
}

async function timed<T>(p: Promise<T>): Promise<{ ms: number; error: unknown }> {
  const t0 = Date.now();
  try {
    await p;
    return { ms: Date.now() - t0, error: undefined };
  } catch (error) {
    return { ms: Date.now() - t0, error };
  }
}

describe('server Timeout', () => {
  let s: { server: RunningServer; client: SlowClient };
  beforeAll(async () => {
    s = await start({ defaultMs: 200, methods: [{ FullMethod: '/test.Slow/Fast', Timeout: 80 }] });
  });
  afterAll(async () => {
    s.client.close();
    await s.server.shutdown(1000);
  });

  it('answers DEADLINE_EXCEEDED at the timeout and aborts the logic', async () => {
    const { ms, error } = await timed(s.client.wait({ n: 2000 }));
    expect(error).toMatchObject({ code: status.DEADLINE_EXCEEDED, details: 'context deadline exceeded' });
    expect(ms).toBeGreaterThanOrEqual(180);
    expect(ms).toBeLessThan(600);
    expect(seen.aborted).toBe(true);
    expect(seen.reason).toMatchObject({ code: status.DEADLINE_EXCEEDED });
    expect(seen.deadline).toBeInstanceOf(Date);
  });

  it('lets a call within the timeout succeed', async () => {
    expect(await s.client.wait({ n: 20 })).toEqual({ n: 20 });
    await sleep(250);
    expect(seen.aborted, String(seen.reason)).toBe(false);
  });

  it('keeps a sooner client deadline', async () => {
    const before = Date.now();
    const { ms, error } = await timed(s.client.wait({ n: 2000 }, 60));
    expect(error).toMatchObject({ code: status.DEADLINE_EXCEEDED });
    expect(ms).toBeLessThan(180);
    // The server's copy of the client's deadline (sent as a grpc-timeout), not its own 200 ms.
    expect(seen.deadline!.getTime()).toBeLessThan(before + 150);
  });

  it('gives a later client deadline the server timeout', async () => {
    const before = Date.now();
    const { ms, error } = await timed(s.client.wait({ n: 2000 }, 5000));
    expect(error).toMatchObject({ code: status.DEADLINE_EXCEEDED, details: 'context deadline exceeded' });
    expect(ms).toBeLessThan(600);
    expect(seen.deadline!.getTime()).toBeLessThan(before + 1000);
  });

  it('applies a MethodTimeout to its method', async () => {
    const { ms, error } = await timed(s.client.fast({ n: 2000 }));
    expect(error).toMatchObject({ code: status.DEADLINE_EXCEEDED });
    expect(ms).toBeLessThan(180);
  });

  it('does not wait for logic that ignores its signal', async () => {
    const { ms, error } = await timed(s.client.stubborn({ n: 1500 }));
    expect(error).toMatchObject({ code: status.DEADLINE_EXCEEDED });
    expect(ms).toBeLessThan(600);
  });

  it('does not apply to streams (go-zero’s timeout interceptor is unary-only)', async () => {
    expect(await s.client.ticks({ n: 350 })).toEqual([{ n: 350 }]);
  });
});

describe('MethodTimeouts', () => {
  it('can give one method longer than the default, or none (0)', async () => {
    const s = await start({
      defaultMs: 100,
      methods: [
        { FullMethod: '/test.Slow/Wait', Timeout: 400 },
        { FullMethod: '/test.Slow/Stubborn', Timeout: 0 },
      ],
    });
    expect(await s.client.wait({ n: 250 })).toEqual({ n: 250 });
    expect(await s.client.stubborn({ n: 250 })).toEqual({ n: 250 });
    await expect(s.client.fast({ n: 250 })).rejects.toMatchObject({ code: status.DEADLINE_EXCEEDED });
    s.client.close();
    await s.server.shutdown(1000);
  });
});

describe('Timeout 0', () => {
  it('means no server timeout, MethodTimeouts included (as in go-zero)', async () => {
    const s = await start({ defaultMs: 0, methods: [{ FullMethod: '/test.Slow/Fast', Timeout: 50 }] });
    expect(await s.client.wait({ n: 300 })).toEqual({ n: 300 });
    expect(await s.client.fast({ n: 150 })).toEqual({ n: 150 });
    s.client.close();
    await s.server.shutdown(1000);
  });

  it('is the default without a timeouts option', async () => {
    const s = await start(undefined);
    expect(await s.client.wait({ n: 300 })).toEqual({ n: 300 });
    s.client.close();
    await s.server.shutdown(1000);
  });
});
