/**
 * Retry and the circuit breaker of the gRPC client runtime over a real loopback server: UNAVAILABLE
 * on a first attempt succeeds on the second; codes that are not safe to retry are not retried; a
 * retry never outlives the call's deadline; a downstream failing half the time trips the breaker
 * (calls fail fast, fewer reach the server), and the breaker counts a retried call once.
 */
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RpcClient } from '../../../templates/runtime/grpc/client.js';
import { RpcError } from '../../../templates/runtime/grpc/errors.js';
import type { MessageCodec, MethodSpec } from '../../../templates/runtime/grpc/method.js';
import { type RunningServer, serve } from '../../../templates/runtime/grpc/serve.js';
import { bindUnary, methodDefinition } from '../../../templates/runtime/grpc/server.js';

interface Msg {
  id: string;
  /** How the server answers: ok, or a status code, per attempt (the last entry repeats). */
  plan?: number[];
  attempt?: number;
}
const codec: MessageCodec<Msg> = {
  toBinary: (m) => new TextEncoder().encode(JSON.stringify(m)),
  fromBinary: (b) => JSON.parse(new TextDecoder().decode(b)) as Msg,
};
const call: MethodSpec<Msg, Msg> = { path: '/test.Flaky/Call', name: 'Call', requestStream: false, responseStream: false, request: codec, response: codec };

/** Attempts the server saw, by request id. */
const seen = new Map<string, number>();
let server: RunningServer;
let address = '';

beforeAll(async () => {
  server = await serve({
    listenOn: '127.0.0.1:0',
    services: [
      {
        name: 'test.Flaky',
        definition: { Call: methodDefinition(call) },
        implementation: {
          Call: bindUnary<Msg, Msg>(async (request) => {
            const attempt = (seen.get(request.id) ?? 0) + 1;
            seen.set(request.id, attempt);
            const plan = request.plan ?? [0];
            const code = plan[Math.min(attempt, plan.length) - 1] ?? 0;
            if (code !== 0) throw new RpcError(code, `planned ${grpc.status[code]} on attempt ${attempt}`);
            return { id: request.id, attempt };
          }),
        },
      },
    ],
  });
  address = `127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server?.shutdown(100);
});

describe('retry', () => {
  it('retries UNAVAILABLE: the call succeeds on its second attempt', async () => {
    const client = new RpcClient({ Endpoints: [address] });
    const reply = await client.unary(call, { id: 'r1', plan: [grpc.status.UNAVAILABLE, 0] });
    expect(reply).toEqual({ id: 'r1', attempt: 2 });
    client.close();
  });

  it('does not retry codes that are not safe to retry (INTERNAL, DEADLINE_EXCEEDED, a business error)', async () => {
    const client = new RpcClient({ Endpoints: [address] });
    for (const [id, code] of [['n1', grpc.status.INTERNAL], ['n2', grpc.status.NOT_FOUND], ['n3', grpc.status.ABORTED]] as const) {
      await expect(client.unary(call, { id, plan: [code, 0] })).rejects.toMatchObject({ code });
      expect(seen.get(id)).toBe(1);
    }
    client.close();
  });

  it('stops at MaxAttempts, and retries the codes the config lists', async () => {
    const client = new RpcClient({ Endpoints: [address], Retry: { MaxAttempts: 4, InitialBackoff: 1, Codes: ['UNAVAILABLE', 'ABORTED'] } });
    await expect(client.unary(call, { id: 'm1', plan: [grpc.status.ABORTED] })).rejects.toMatchObject({ code: grpc.status.ABORTED });
    expect(seen.get('m1')).toBe(4);
    client.close();
    const off = new RpcClient({ Endpoints: [address], Retry: { MaxAttempts: 1 } });
    await expect(off.unary(call, { id: 'm2', plan: [grpc.status.UNAVAILABLE, 0] })).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    expect(seen.get('m2')).toBe(1);
    off.close();
  });

  it('never retries past the deadline', async () => {
    const client = new RpcClient({ Endpoints: [address], Retry: { MaxAttempts: 10, InitialBackoff: 150, MaxBackoff: 150 } }, { breakers: false });
    const started = Date.now();
    const error = await client.unary(call, { id: 'd1', plan: [grpc.status.UNAVAILABLE] }, { deadline: 400 }).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect((error as { code?: number }).code).toBe(grpc.status.UNAVAILABLE);
    expect(elapsed).toBeLessThan(600);
    expect(seen.get('d1')).toBeLessThan(10);
    client.close();
  });
});

describe('circuit breaker', () => {
  it('trips when half the calls fail: calls fail fast with "circuit breaker is open", fewer reach the server', async () => {
    const client = new RpcClient({ Endpoints: [address], Retry: { MaxAttempts: 1 } });
    let reached = 0;
    let open = 0;
    let failed = 0;
    for (let i = 0; i < 600; i++) {
      const id = `b${i}`;
      try {
        await client.unary(call, { id, plan: [i % 2 === 0 ? grpc.status.INTERNAL : 0] });
      } catch (error) {
        const e = error as { code?: number; details?: string };
        if (e.code === grpc.status.UNAVAILABLE && /circuit breaker is open/.test(e.details ?? '')) open += 1;
        else failed += 1;
      }
      if (seen.has(id)) reached += 1;
    }
    console.log(`breaker: ${reached} of 600 reached the server, ${open} rejected by the open breaker, ${failed} failed there`);
    expect(open).toBeGreaterThan(30);
    expect(reached).toBe(600 - open);
    client.close();
  });

  it('counts a retried call once: a call that needs two attempts is one success', async () => {
    const client = new RpcClient({ Endpoints: [address], Retry: { MaxAttempts: 2, InitialBackoff: 1 } });
    // Every call fails once with UNAVAILABLE, then succeeds: as attempts, half fail; as calls, none do.
    for (let i = 0; i < 300; i++) {
      await expect(client.unary(call, { id: `once${i}`, plan: [grpc.status.UNAVAILABLE, 0] })).resolves.toMatchObject({ attempt: 2 });
    }
    client.close();
  });
});
