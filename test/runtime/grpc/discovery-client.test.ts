/**
 * The gRPC client runtime over several servers: `Endpoints`, `direct:///` and `Etcd` (a real etcd on
 * a free loopback port), calls balanced by p2c or round robin, a server going away, no server at all,
 * and the RpcClientConf keys that shape calls (Timeout, App/Token). A JSON codec stands in for the
 * generated protobuf codecs.
 */
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Registration, registerService } from '../../../templates/runtime/core/discovery/registration.js';
import { RpcClient, type RpcClientConfig } from '../../../templates/runtime/grpc/client.js';
import type { MessageCodec, MethodSpec } from '../../../templates/runtime/grpc/method.js';
import { type RunningServer, serve } from '../../../templates/runtime/grpc/serve.js';
import { bindUnary, methodDefinition } from '../../../templates/runtime/grpc/server.js';
import { type EtcdServer, etcdSkipReason, startEtcd } from '../../helpers/etcd.js';
import { sleep } from '../../helpers/wait.js';
import { freePort } from '../../interop/peers.mjs';

const missing = etcdSkipReason();

interface Msg {
  wait?: number;
  served?: string;
  app?: string;
  token?: string;
}
const codec: MessageCodec<Msg> = {
  toBinary: (m) => new TextEncoder().encode(JSON.stringify(m)),
  fromBinary: (b) => JSON.parse(new TextDecoder().decode(b)) as Msg,
};
const who: MethodSpec<Msg, Msg> = { path: '/test.Who/Who', name: 'Who', requestStream: false, responseStream: false, request: codec, response: codec };

interface Instance {
  readonly name: string;
  readonly running: RunningServer;
  readonly address: string;
  /** Extra latency of every call, ms. */
  delay: number;
}

async function startInstance(name: string, delay = 0, listenOn = '127.0.0.1:0'): Promise<Instance> {
  const instance = { name, delay } as { name: string; delay: number; running: RunningServer; address: string };
  const definition = { Who: methodDefinition(who) };
  const running = await serve({
    listenOn,
    services: [
      {
        name: 'test.Who',
        definition,
        implementation: {
          Who: bindUnary<Msg, Msg>(async (request, ctx) => {
            await sleep((request.wait ?? 0) + instance.delay);
            return { served: name, app: ctx.metadata.get('app')[0]?.toString() ?? '', token: ctx.metadata.get('token')[0]?.toString() ?? '' };
          }),
        },
      },
    ],
  });
  instance.running = running;
  instance.address = `127.0.0.1:${running.port}`;
  return instance;
}

/** `calls` calls, `parallel` at a time; how many each instance served, and the failures by code. */
async function spread(client: RpcClient, calls: number, parallel = 1, request: Msg = {}): Promise<{ served: Record<string, number>; failed: Record<string, number> }> {
  const served: Record<string, number> = {};
  const failed: Record<string, number> = {};
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < calls) {
      next += 1;
      try {
        const reply = await client.unary(who, request, { deadline: 3000 });
        served[reply.served ?? '?'] = (served[reply.served ?? '?'] ?? 0) + 1;
      } catch (error) {
        const code = String((error as { code?: number }).code);
        failed[code] = (failed[code] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return { served, failed };
}

describe('a client of several servers', () => {
  let a: Instance;
  let b: Instance;
  beforeAll(async () => {
    a = await startInstance('a');
    b = await startInstance('b');
  });
  afterAll(async () => {
    await a?.running.shutdown(100);
    await b?.running.shutdown(100);
  });

  it('spreads calls over Endpoints (p2c) and sends App/Token as metadata', async () => {
    const client = new RpcClient({ Endpoints: [a.address, b.address], App: 'shop', Token: 's3cret' });
    const reply = await client.unary(who, {});
    expect([reply.app, reply.token]).toEqual(['shop', 's3cret']);
    const { served, failed } = await spread(client, 60, 4, { wait: 5 });
    expect(failed).toEqual({});
    expect(served.a).toBeGreaterThan(10);
    expect(served.b).toBeGreaterThan(10);
    client.close();
  });

  it('takes turns with round_robin on a direct:/// target', async () => {
    const client = new RpcClient(`direct:///${a.address},${b.address}`);
    const client2 = new RpcClient({ Target: `direct:///${a.address},${b.address}`, BalancerName: 'round_robin' });
    await client2.waitForReady(3000);
    await sleep(100);
    const { served } = await spread(client2, 40);
    expect(served).toEqual({ a: 20, b: 20 });
    client.close();
    client2.close();
  });

  it('sends clearly less than half of the calls to a server that turned slow (p2c)', async () => {
    const client = new RpcClient({ Endpoints: [a.address, b.address] });
    await client.waitForReady(3000);
    b.delay = 40;
    try {
      const { served, failed } = await spread(client, 200, 4, { wait: 2 });
      expect(failed).toEqual({});
      expect(served.b ?? 0).toBeLessThan(200 * 0.3);
    } finally {
      b.delay = 0;
      client.close();
    }
  });

  it('uses Timeout as the default deadline, and a call deadline wins over it', async () => {
    const client = new RpcClient({ Endpoints: [a.address], Timeout: 100 });
    await expect(client.unary(who, { wait: 500 })).rejects.toMatchObject({ code: grpc.status.DEADLINE_EXCEEDED });
    await expect(client.unary(who, { wait: 200 }, { deadline: 2000 })).resolves.toMatchObject({ served: 'a' });
    client.close();
  });
});

describe('NonBlock', () => {
  it('true (the default): a call to a server that is not up fails fast with UNAVAILABLE; false: it waits for the server until its deadline', async () => {
    const port = await freePort();
    const fast = new RpcClient({ Endpoints: [`127.0.0.1:${port}`] });
    const started = Date.now();
    await expect(fast.unary(who, {}, { deadline: 4000 })).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    expect(Date.now() - started).toBeLessThan(2000);
    fast.close();

    const waiting = new RpcClient({ Endpoints: [`127.0.0.1:${port}`], NonBlock: false });
    const call = waiting.unary(who, {}, { deadline: 8000 });
    await sleep(300);
    const late = await startInstance('late', 0, `127.0.0.1:${port}`);
    try {
      await expect(call).resolves.toMatchObject({ served: 'late' });
    } finally {
      waiting.close();
      await late.running.shutdown(100);
    }
  }, 15_000);
});

describe.skipIf(missing !== null)('a client that discovers its servers in etcd', () => {
  let etcd: EtcdServer;
  const started: Instance[] = [];
  const registrations: Registration[] = [];

  beforeAll(async () => {
    etcd = await startEtcd();
  }, 30_000);
  afterAll(async () => {
    for (const r of registrations) await r.stop(500);
    for (const i of started) await i.running.shutdown(100);
    await etcd?.stop();
  });

  const conf = (key: string, extra: Partial<RpcClientConfig> = {}): RpcClientConfig => ({ Etcd: { Hosts: [etcd.endpoint], Key: key }, ...extra });

  async function registered(name: string, key: string, ttlSeconds = 10): Promise<{ instance: Instance; registration: Registration }> {
    const instance = await startInstance(name);
    started.push(instance);
    const registration = registerService({ Hosts: [etcd.endpoint], Key: key }, { listenOn: '127.0.0.1:0', port: instance.running.port, ttlSeconds, log: () => undefined });
    registrations.push(registration);
    await registration.registered;
    return { instance, registration };
  }

  it('fails calls with UNAVAILABLE naming the key when no server is registered', async () => {
    const client = new RpcClient(conf('nobody.rpc'), { log: () => undefined });
    const error = await client.unary(who, {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: grpc.status.UNAVAILABLE });
    expect((error as Error).message).toContain('nobody.rpc');
    client.close();
  });

  it('finds both servers registered under one key, and keeps calling when one dies', async () => {
    const one = await registered('one', 'pair.rpc', 2);
    const two = await registered('two', 'pair.rpc', 2);
    const client = new RpcClient(conf('pair.rpc'), { log: () => undefined });
    const first = await spread(client, 60, 4, { wait: 5 });
    expect(first.failed).toEqual({});
    expect(first.served.one).toBeGreaterThan(10);
    expect(first.served.two).toBeGreaterThan(10);

    // "two" dies and stays registered (a hung process keeps its lease): its connections drop, and
    // calls go to "one". Only calls in flight on "two" when it died may fail.
    two.instance.running.server.forceShutdown();
    const during = await spread(client, 100, 2, { wait: 20 });
    expect(Object.values(during.failed).reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(2);
    expect(during.served.one).toBeGreaterThanOrEqual(98);
    // Its key goes (here by revoking, the way a SIGKILLed process's lease expires): the client drops it.
    await two.registration.stop();
    expect((await etcd.list('pair.rpc/')).length).toBe(1);
    void one;
    client.close();
  }, 30_000);

  it('follows a key written in the etcd:/// target form, and sees a server that registers later', async () => {
    const client = new RpcClient(`etcd:///${etcd.endpoint}?key=late.rpc`, { log: () => undefined });
    await expect(client.unary(who, {})).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    await registered('late', 'late.rpc');
    let reply: Msg | undefined;
    for (let i = 0; i < 40 && !reply; i++) {
      reply = await client.unary(who, {}).catch(() => undefined);
      if (!reply) await sleep(50);
    }
    expect(reply?.served).toBe('late');
    client.close();
  });
});
