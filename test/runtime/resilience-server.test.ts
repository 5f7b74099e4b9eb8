/**
 * go-zero's server-side breakers in the vendored runtime, over loopback: a gRPC method whose logic
 * keeps failing with INTERNAL gets calls answered UNAVAILABLE "circuit breaker is open" without its
 * logic running; an HTTP route answering 500 gets 503s the same way (4xx answers, a jwt 401
 * included, are not failures). With the breaker off, every call reaches the logic.
 */
import * as grpc from '@grpc/grpc-js';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY } from '../../templates/runtime/core/resilience/retry.js';
import { RpcClient } from '../../templates/runtime/grpc/client.js';
import { RpcError } from '../../templates/runtime/grpc/errors.js';
import type { MessageCodec, MethodSpec } from '../../templates/runtime/grpc/method.js';
import { type RunningServer, serve } from '../../templates/runtime/grpc/serve.js';
import { bindUnary, methodDefinition } from '../../templates/runtime/grpc/server.js';
import { HttpError } from '../../templates/runtime/http/errors.js';
import { type RouteSpec, createApp } from '../../templates/runtime/http/server.js';

interface Msg {
  code: number;
}
const codec: MessageCodec<Msg> = {
  toBinary: (m) => new TextEncoder().encode(JSON.stringify(m)),
  fromBinary: (b) => JSON.parse(new TextDecoder().decode(b)) as Msg,
};
const fail: MethodSpec<Msg, Msg> = { path: '/test.Failing/Fail', name: 'Fail', requestStream: false, responseStream: false, request: codec, response: codec };

const servers: RunningServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.shutdown(100);
});

async function failingServer(breaker: boolean): Promise<{ address: string; runs: () => number }> {
  let runs = 0;
  const server = await serve({
    listenOn: '127.0.0.1:0',
    breaker,
    services: [
      {
        name: 'test.Failing',
        definition: { Fail: methodDefinition(fail) },
        implementation: {
          Fail: bindUnary<Msg, Msg>(async (request) => {
            runs += 1;
            if (request.code !== 0) throw new RpcError(request.code, 'planned failure');
            return request;
          }),
        },
      },
    ],
  });
  servers.push(server);
  return { address: `127.0.0.1:${server.port}`, runs: () => runs };
}

/** No client breaker and no retry: every call reaches the server once. */
const direct = { breakers: false, retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 } } as const;

describe('gRPC server breaker (per method)', () => {
  it('answers UNAVAILABLE "circuit breaker is open" without running the logic once the method keeps failing', async () => {
    const { address, runs } = await failingServer(true);
    const client = new RpcClient(address, direct);
    const codes = new Map<string, number>();
    for (let i = 0; i < 200; i++) {
      const error = (await client.unary(fail, { code: grpc.status.INTERNAL }).catch((e: unknown) => e)) as { code: number; details: string };
      const key = `${grpc.status[error.code]}: ${error.details}`;
      codes.set(key, (codes.get(key) ?? 0) + 1);
    }
    const open = codes.get('UNAVAILABLE: circuit breaker is open') ?? 0;
    console.log(`gRPC server breaker: ${JSON.stringify(Object.fromEntries(codes))}`);
    expect(open).toBeGreaterThan(100);
    expect(runs()).toBe(200 - open);
    // Business errors are successes to the breaker: NOT_FOUND does not open it.
    client.close();
    const other = await failingServer(true);
    const otherClient = new RpcClient(other.address, direct);
    for (let i = 0; i < 100; i++) {
      await expect(otherClient.unary(fail, { code: grpc.status.NOT_FOUND })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    }
    expect(other.runs()).toBe(100);
    otherClient.close();
  });

  it('runs every call when Middlewares.Breaker is off', async () => {
    const { address, runs } = await failingServer(false);
    const client = new RpcClient(address, direct);
    for (let i = 0; i < 100; i++) await expect(client.unary(fail, { code: grpc.status.INTERNAL })).rejects.toMatchObject({ code: grpc.status.INTERNAL });
    expect(runs()).toBe(100);
    client.close();
  });
});

describe('HTTP breaker (per route)', () => {
  const base = { timeoutMs: null, maxBytes: null, middleware: [], hasResponse: true, schema: {}, fields: null } as const;
  const routes = (counter: { runs: number }): RouteSpec[] => [
    {
      ...base,
      jwtSecret: null,
      method: 'GET',
      url: '/boom',
      handler: 'boom',
      logic: (async () => {
        counter.runs += 1;
        throw new HttpError(500, 'boom');
      }) as RouteSpec['logic'],
    },
    {
      ...base,
      jwtSecret: 'secret-for-tests',
      method: 'GET',
      url: '/private',
      handler: 'private',
      logic: (async () => ({ ok: true })) as RouteSpec['logic'],
    },
  ];

  it('answers 503 "circuit breaker is open" without running the logic once the route keeps failing; 401s never open it', async () => {
    const counter = { runs: 0 };
    const app = createApp(routes(counter), { breaker: true });
    const statuses = new Map<number, number>();
    let openBody: unknown;
    for (let i = 0; i < 200; i++) {
      const response = await app.inject({ method: 'GET', url: '/boom' });
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      if (response.statusCode === 503) openBody = response.json();
    }
    console.log(`HTTP breaker: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(statuses.get(503) ?? 0).toBeGreaterThan(100);
    expect(openBody).toEqual({ code: 503, msg: 'circuit breaker is open' });
    expect(counter.runs).toBe(statuses.get(500));
    for (let i = 0; i < 100; i++) expect((await app.inject({ method: 'GET', url: '/private' })).statusCode).toBe(401);
    await app.close();
  });

  it('runs every request without the breaker', async () => {
    const counter = { runs: 0 };
    const app = createApp(routes(counter));
    for (let i = 0; i < 100; i++) expect((await app.inject({ method: 'GET', url: '/boom' })).statusCode).toBe(500);
    expect(counter.runs).toBe(100);
    await app.close();
  });
});
