/**
 * Generated gRPC services in an etcd fleet (a real etcd, processes on loopback): a fresh `tsctl gen
 * rpc` service registers under go-zero's key with only `Etcd` added to its yaml; the generated
 * client-only package, configured with `Etcd`, discovers it and calls it; two instances share the
 * load; a slow instance gets clearly less of it (p2c); a deleted key comes back; and SIGTERM removes
 * the key before the listener closes while a slow call still completes.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from '../cli/run-cli.js';
import { type EtcdServer, etcdSkipReason, startEtcd } from '../helpers/etcd.js';
import { sleep, until } from '../helpers/wait.js';
import { type ShopFleet, type ShopInstance, buildShopFleet } from './discovery-support.js';

const missing = etcdSkipReason();

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe.skipIf(missing !== null)('generated services discover each other through etcd', () => {
  let etcd: EtcdServer;
  let fleet: ShopFleet;
  const instances: ShopInstance[] = [];
  const conf = (key: string): object => ({ Etcd: { Hosts: [etcd.endpoint], Key: key } });
  const start = async (key: string, instance: string, delayMs = 0, extraConfig: readonly string[] = []): Promise<ShopInstance> => {
    const started = await fleet.start({ endpoint: etcd.endpoint, key, instance, delayMs, extraConfig });
    instances.push(started);
    return started;
  };

  /** Sends SIGTERM; the ms until its key left etcd and until its port refused connections (polled every 20 ms). */
  const terminate = async (instance: ShopInstance, prefix: string, timeoutMs: number): Promise<{ keyGone: number; closed: number }> => {
    const signalled = Date.now();
    instance.process.child.kill('SIGTERM');
    let keyGone = -1;
    let closed = -1;
    await until(
      async () => {
        if (keyGone < 0 && (await etcd.list(prefix)).length === 0) keyGone = Date.now() - signalled;
        if (closed < 0 && !(await accepts(instance.port))) closed = Date.now() - signalled;
        return keyGone >= 0 && closed >= 0;
      },
      timeoutMs,
      'key gone and listener closed',
      20,
    );
    return { keyGone, closed };
  };

  beforeAll(async () => {
    assertBuilt();
    [etcd, fleet] = await Promise.all([startEtcd(), Promise.resolve().then(buildShopFleet)]);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.process.stop()));
    await etcd?.stop();
    fleet?.remove();
  });

  it("registers under go-zero's key with only Etcd in its yaml, and a client configured with Etcd calls it", async () => {
    const a = await start('shop.rpc', 'a');
    const listed = await etcd.list('shop.rpc/');
    expect(listed).toHaveLength(1);
    expect(listed[0]?.key).toMatch(/^shop\.rpc\/\d+$/);
    expect(listed[0]?.value).toBe(a.address);
    const { summary } = await fleet.call(conf('shop.rpc'), { calls: 20 }).result;
    expect(summary).toMatchObject({ calls: 20, ok: 20, failed: 0, servedBy: { a: 20 } });
  }, 30_000);

  it('spreads calls over two instances under one key', async () => {
    await start('shop.rpc', 'b');
    const { summary } = await fleet.call(conf('shop.rpc'), { calls: 80, parallel: 4, sleepMs: 10 }).result;
    expect(summary.failed).toBe(0);
    expect(summary.servedBy.a).toBeGreaterThan(15);
    expect(summary.servedBy.b).toBeGreaterThan(15);
  }, 30_000);

  it('sends clearly less than half of the calls to an instance that is slow (p2c)', async () => {
    await start('p2c.rpc', 'fast');
    await start('p2c.rpc', 'slow', 60);
    const { summary } = await fleet.call(conf('p2c.rpc'), { calls: 200, parallel: 4, sleepMs: 5 }).result;
    console.log(`p2c: ${JSON.stringify(summary.servedBy)}`);
    expect(summary.failed).toBe(0);
    expect(summary.servedBy.slow ?? 0).toBeLessThan(200 * 0.25);
  }, 30_000);

  it('puts its key back within 2 s after etcdctl del', async () => {
    await start('del.rpc', 'd');
    const [registered] = await etcd.list('del.rpc/');
    await etcd.ctl('del', registered?.key ?? '');
    const back = await until(async () => (await etcd.list('del.rpc/')).length === 1, 2000, 'the key back', 20);
    console.log(`deleted key back after ${back} ms`);
    expect(await etcd.list('del.rpc/')).toEqual([registered]);
  }, 30_000);

  it('on SIGTERM deregisters before the listener closes, and a slow call in flight completes', async () => {
    const t = await start('term.rpc', 't');
    const call = fleet.call(conf('term.rpc'), { calls: 1, sleepMs: 2500, timeoutMs: 10_000 });
    await sleep(500);
    const { keyGone, closed } = await terminate(t, 'term.rpc/', 8000);
    const { summary } = await call.result;
    console.log(`SIGTERM: key gone after ${keyGone} ms, listener closed after ${closed} ms`);
    expect(keyGone).toBeLessThan(closed);
    expect(summary).toMatchObject({ calls: 1, ok: 1, servedBy: { t: 1 } });
    expect(await t.process.exit(10_000)).toBe(0);
  }, 30_000);

  it("takes go-zero's Shutdown.WrapUpTime as the pause between deregistering and closing the listener", async () => {
    const w = await start('wrap.rpc', 'w', 0, ['Shutdown:', '  WrapUpTime: 150ms', '  WaitTime: 3s']);
    const { keyGone, closed } = await terminate(w, 'wrap.rpc/', 5000);
    console.log(`WrapUpTime 150ms: key gone after ${keyGone} ms, listener closed after ${closed} ms`);
    expect(keyGone).toBeLessThan(closed);
    expect(closed).toBeGreaterThanOrEqual(150);
    expect(closed).toBeLessThan(800);
    expect(await w.process.exit(5000)).toBe(0);
  }, 30_000);
});
