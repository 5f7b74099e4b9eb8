/**
 * The vendored gRPC runtime over a real loopback connection: all four streaming kinds, deadlines,
 * metadata, cancellation, error statuses and graceful shutdown. A JSON codec stands in for the
 * generated protobuf codecs, which have tests of their own.
 */
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CallOptions, RpcClient, type Requests } from '../../../templates/runtime/grpc/client.js';
import { RpcError, notFound, status } from '../../../templates/runtime/grpc/errors.js';
import type { MessageCodec, MethodSpec } from '../../../templates/runtime/grpc/method.js';
import { type RunningServer, serve } from '../../../templates/runtime/grpc/serve.js';
import {
  bindBidiStream,
  bindClientStream,
  bindServerStream,
  bindUnary,
  methodDefinition,
} from '../../../templates/runtime/grpc/server.js';

interface Num {
  n: number;
  note?: string;
}
const codec: MessageCodec<Num> = {
  toBinary: (m) => new TextEncoder().encode(JSON.stringify(m)),
  fromBinary: (b) => JSON.parse(new TextDecoder().decode(b)) as Num,
};
const spec = (name: string, requestStream: boolean, responseStream: boolean): MethodSpec<Num, Num> => ({
  path: `/test.Calc/${name}`,
  name,
  requestStream,
  responseStream,
  request: codec,
  response: codec,
});
const methods = {
  double: spec('Double', false, false),
  count: spec('Count', false, true),
  sum: spec('Sum', true, false),
  echo: spec('Echo', true, true),
  slow: spec('Slow', false, false),
};

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason);
    });
  });

let slowAborted = false;
const implementation = {
  Double: bindUnary<Num, Num>(async (req, ctx) => {
    if (req.n < 0) throw notFound(`no square root for ${req.n}`);
    if (req.n === 13) throw new Error('unlucky');
    ctx.responseMetadata.set('x-served-by', 'calc');
    return { n: req.n * 2, note: ctx.metadata.get('x-note')[0]?.toString() ?? '' };
  }),
  Count: bindServerStream<Num, Num>(async function* (req) {
    for (let i = 1; i <= req.n; i += 1) yield { n: i };
  }),
  Sum: bindClientStream<Num, Num>(async (reqs) => {
    let total = 0;
    for await (const r of reqs) total += r.n;
    return { n: total };
  }),
  Echo: bindBidiStream<Num, Num>(async function* (reqs) {
    for await (const r of reqs) yield { n: r.n * 10 };
  }),
  Slow: bindUnary<Num, Num>(async (req, ctx) => {
    try {
      await sleep(req.n, ctx.signal);
    } catch (e) {
      slowAborted = true;
      throw e;
    }
    return req;
  }),
};

class CalcClient extends RpcClient {
  double = (r: Num, o?: CallOptions): Promise<Num> => this.unary(methods.double, r, o);
  count = (r: Num, o?: CallOptions): AsyncIterable<Num> => this.serverStream(methods.count, r, o);
  sum = (r: Requests<Num>, o?: CallOptions): Promise<Num> => this.clientStream(methods.sum, r, o);
  echo = (r: Requests<Num>, o?: CallOptions): AsyncIterable<Num> => this.bidiStream(methods.echo, r, o);
  slow = (r: Num, o?: CallOptions): Promise<Num> => this.unary(methods.slow, r, o);
}

let running: RunningServer;
let client: CalcClient;

beforeAll(async () => {
  const definition: grpc.ServiceDefinition = {
    Double: methodDefinition(methods.double),
    Count: methodDefinition(methods.count),
    Sum: methodDefinition(methods.sum),
    Echo: methodDefinition(methods.echo),
    Slow: methodDefinition(methods.slow),
  };
  running = await serve({ listenOn: '127.0.0.1:0', services: [{ name: 'test.Calc', definition, implementation }] });
  client = new CalcClient(`127.0.0.1:${running.port}`);
  await client.waitForReady(5000);
});

afterAll(async () => {
  client.close();
  await running.shutdown(1000);
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function* generate(values: number[]): AsyncIterable<Num> {
  for (const n of values) yield { n };
}

describe('grpc runtime', () => {
  it('serves a unary call with metadata both ways', async () => {
    const metadata = new grpc.Metadata();
    metadata.set('x-note', 'hi');
    expect(await client.double({ n: 21 }, { metadata })).toEqual({ n: 42, note: 'hi' });
    expect(await client.double({ n: 1 }, { metadata: { 'x-note': 'rec' } })).toEqual({ n: 2, note: 'rec' });
  });

  it('streams from the server', async () => {
    expect((await collect(client.count({ n: 4 }))).map((m) => m.n)).toEqual([1, 2, 3, 4]);
  });

  it('streams from the client, from sync and async iterables', async () => {
    expect(await client.sum([{ n: 1 }, { n: 2 }, { n: 3 }])).toEqual({ n: 6 });
    expect(await client.sum(generate([5, 5]))).toEqual({ n: 10 });
    expect(await client.sum([])).toEqual({ n: 0 });
  });

  it('cancels a client stream on abort, and rejects with the error its request iterable throws', async () => {
    await expect(client.sum([{ n: 1 }], { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: status.CANCELLED });
    const controller = new AbortController();
    const endless = (async function* () {
      for (;;) {
        yield { n: 1 };
        await sleep(10);
      }
    })();
    const call = client.sum(endless, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(call).rejects.toMatchObject({ code: status.CANCELLED });
    const broken = (async function* () {
      yield { n: 1 };
      throw new Error('no more requests');
    })();
    await expect(client.sum(broken)).rejects.toThrow('no more requests');
    expect(await client.sum([{ n: 2 }])).toEqual({ n: 2 });
  });

  it('streams both ways', async () => {
    expect((await collect(client.echo(generate([1, 2, 3])))).map((m) => m.n)).toEqual([10, 20, 30]);
  });

  it('streams many messages with backpressure', async () => {
    const many = Array.from({ length: 2000 }, (_, i) => i);
    const got = await collect(client.echo(generate(many)));
    expect(got).toHaveLength(2000);
    expect(got[1999]).toEqual({ n: 19990 });
    expect(await collect(client.count({ n: 5000 }))).toHaveLength(5000);
  });

  it('returns the status logic throws, and INTERNAL for other errors', async () => {
    await expect(client.double({ n: -1 })).rejects.toMatchObject({ code: status.NOT_FOUND, details: 'no square root for -1' });
    await expect(client.double({ n: 13 })).rejects.toMatchObject({ code: status.INTERNAL, details: 'unlucky' });
    expect(new RpcError(status.ABORTED, 'x').code).toBe(status.ABORTED);
  });

  it('enforces deadlines on both sides', async () => {
    slowAborted = false;
    await expect(client.slow({ n: 2000 }, { deadline: 100 })).rejects.toMatchObject({ code: status.DEADLINE_EXCEEDED });
    await sleep(200);
    expect(slowAborted).toBe(true);
    expect(await client.slow({ n: 1 }, { deadline: new Date(Date.now() + 5000) })).toEqual({ n: 1 });
  });

  it('cancels on abort', async () => {
    const controller = new AbortController();
    const call = client.slow({ n: 2000 }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(call).rejects.toMatchObject({ code: status.CANCELLED });
    await expect(client.double({ n: 1 }, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: status.CANCELLED });
  });

  it('stops a server stream when the caller stops reading', async () => {
    let seen = 0;
    for await (const m of client.count({ n: 100000 })) {
      seen = m.n;
      if (seen === 3) break;
    }
    expect(seen).toBe(3);
    expect(await client.double({ n: 2 })).toMatchObject({ n: 4 });
  });

  it('answers UNIMPLEMENTED for a method the server does not have', async () => {
    const stray = new (class extends RpcClient {
      call = (r: Num): Promise<Num> => this.unary({ ...methods.double, path: '/test.Calc/Nope' }, r);
    })(`127.0.0.1:${running.port}`);
    await expect(stray.call({ n: 1 })).rejects.toMatchObject({ code: status.UNIMPLEMENTED });
    stray.close();
  });
});

describe('graceful shutdown', () => {
  it('lets an in-flight call finish, then refuses new ones', async () => {
    const server = await serve({
      listenOn: '127.0.0.1:0',
      services: [{ name: 'test.Calc', definition: { Slow: methodDefinition(methods.slow) }, implementation: { Slow: implementation.Slow } }],
    });
    const c = new CalcClient(`127.0.0.1:${server.port}`);
    const inFlight = c.slow({ n: 300 });
    await sleep(50);
    const stopped = server.shutdown(5000);
    expect(await inFlight).toEqual({ n: 300 });
    await stopped;
    await expect(c.slow({ n: 1 }, { deadline: 1000 })).rejects.toMatchObject({ code: status.UNAVAILABLE });
    c.close();
  });
});
