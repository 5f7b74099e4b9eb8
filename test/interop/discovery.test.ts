/**
 * tsctl and go-zero in one etcd fleet (a real etcd, processes on loopback): the tsctl-generated shop
 * service (test/e2e/discovery-support.ts) and goctl's zrpc shop server (peers.mjs) register under
 * go-zero's keys, and each side's client discovers and calls the other's servers:
 *
 *  - go-zero's zrpc client (`shopclient -etcd … -key ts.rpc`) calls a tsctl server;
 *  - the tsctl client (`RpcClientConf.Etcd` under `go.rpc`) calls a go-zero server;
 *  - a go-zero and a tsctl server under one key (`mixed.rpc`): both clients spread their calls over both;
 *  - the two keys under `mixed.rpc/` have one shape: `<Key>/<lease id, decimal>` = `127.0.0.1:<port>`,
 *    attached to that lease, of go-zero's TTL (10 s).
 *
 * Orders.Get's label "served" names the instance that answered ($SHOP_INSTANCE on both sides).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from '../cli/run-cli.js';
import { type ShopFleet, type ShopInstance, buildShopFleet } from '../e2e/discovery-support.js';
import { type StartedProcess, startProcess } from '../e2e/support.js';
import { type EtcdServer, etcdSkipReason, startEtcd } from '../helpers/etcd.js';
import { sleep } from '../helpers/wait.js';
import { type RpcPeer, ensureRpcPeer, freePort, rpcPeerConfig, waitForPort } from './peers.mjs';
import { skipInterop, stopAll } from './support.js';

const SUITE = 'tsctl and go-zero in one etcd fleet (zrpc server and client, tsctl server and client)';
const skipGo = skipInterop('rpc', SUITE);
const etcdMissing = etcdSkipReason();
if (etcdMissing) console.warn(`go-zero interop: ${SUITE} skipped: ${etcdMissing}`);
const skip = skipGo || etcdMissing !== null;

/** discov.TimeToLive: the seconds of go-zero's registration lease. */
const LEASE_TTL = 10;

/** Polls `probe` until it returns a value; fails after `timeoutMs`. */
async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const since = Date.now();
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() - since > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(50);
  }
}

interface GoClientSummary {
  readonly calls: number;
  readonly ok: number;
  readonly failed: number;
  readonly errors: Record<string, number>;
  readonly servedBy: Record<string, number>;
  readonly discoveryMs: number;
  readonly lastError?: string;
}

describe.skipIf(skip)(`go-zero interop: ${SUITE}`, () => {
  let tmp = '';
  let peer: RpcPeer;
  let fleet: ShopFleet | undefined;
  let etcd: EtcdServer | undefined;
  const processes: StartedProcess[] = [];

  function etcdServer(): EtcdServer {
    if (!etcd) throw new Error('etcd did not start');
    return etcd;
  }

  function shopFleet(): ShopFleet {
    if (!fleet) throw new Error('the tsctl shop service was not built');
    return fleet;
  }

  /** Starts a tsctl shop server registered under `key`, answering as `instance`. */
  async function startTs(key: string, instance: string): Promise<ShopInstance> {
    const started = await shopFleet().start({ endpoint: etcdServer().endpoint, key, instance });
    processes.push(started.process);
    return started;
  }

  /** Starts goctl's shop server registered under `key`, answering as `instance`; resolves once its key is in etcd. */
  async function startGo(key: string, instance: string): Promise<{ process: StartedProcess; address: string }> {
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const port = await freePort();
      const file = path.join(tmp, `${instance}.yaml`);
      writeFileSync(file, rpcPeerConfig(port, { etcd: { hosts: [etcdServer().endpoint], key } }));
      const child = startProcess(peer.server, ['-f', file], tmp, { ...process.env, SHOP_INSTANCE: instance });
      processes.push(child);
      try {
        await waitForPort(port, { timeoutMs: 20_000, alive: () => child.child.exitCode === null && child.child.signalCode === null });
        const address = `127.0.0.1:${port}`;
        await until(`the key of ${instance}`, 5000, async () => ((await etcdServer().list(`${key}/`)).some((kv) => kv.value === address) ? true : undefined));
        return { process: child, address };
      } catch (error) {
        await child.stop(1000);
        lastError = new Error(`shop-server (${instance}) did not start: ${String(error)}\n${child.output()}`);
        if (!/address already in use/.test(child.output())) break;
      }
    }
    throw lastError;
  }

  /** Runs go-zero's zrpc client (`shopclient -etcd … -key key …`) and parses its one JSON line. */
  async function goClient(key: string, ...more: string[]): Promise<GoClientSummary> {
    const run = startProcess(peer.client, ['-etcd', etcdServer().endpoint, '-key', key, ...more], tmp);
    processes.push(run);
    const [line] = await run.waitFor(/^\{.*\}$/m, 20_000);
    expect(await run.exit(10_000), run.output()).toBe(0);
    return JSON.parse(line as string) as GoClientSummary;
  }

  /** Runs the tsctl client (the generated client-only package) configured with `Etcd` under `key`. */
  async function tsClient(key: string, plan: Parameters<ShopFleet['call']>[1]): Promise<Awaited<ReturnType<ShopFleet['call']>['result']>['summary']> {
    const call = shopFleet().call({ Etcd: { Hosts: [etcdServer().endpoint], Key: key } }, plan);
    processes.push(call.process);
    const { summary } = await call.result;
    return summary;
  }

  beforeAll(async () => {
    if (etcdMissing) throw new Error(`${SUITE}: ${etcdMissing}`);
    assertBuilt();
    tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-interop-fleet-'));
    etcd = await startEtcd();
    // Both synchronous; the Go builds take minutes when the Go build cache is cold, then a fraction of a second.
    peer = ensureRpcPeer();
    fleet = buildShopFleet();
  }, 900_000);

  afterAll(async () => {
    await stopAll(processes);
    await etcd?.stop();
    fleet?.remove();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }, 30_000);

  it('a go-zero zrpc client discovers a tsctl server through etcd and calls it', async () => {
    await startTs('ts.rpc', 'ts-1');
    const out = await goClient('ts.rpc', '-calls', '20');
    expect(out, out.lastError).toMatchObject({ calls: 20, ok: 20, failed: 0, errors: {}, servedBy: { 'ts-1': 20 } });
  }, 30_000);

  it('a tsctl client discovers a go-zero zrpc server through etcd and calls it', async () => {
    await startGo('go.rpc', 'go-1');
    const summary = await tsClient('go.rpc', { calls: 20 });
    expect(summary, JSON.stringify(summary.failures.slice(0, 3))).toMatchObject({ calls: 20, ok: 20, failed: 0, errors: {}, servedBy: { 'go-1': 20 } });
  }, 30_000);

  describe('a go-zero and a tsctl server under one key', () => {
    let go: { address: string };
    let ts: ShopInstance;

    beforeAll(async () => {
      [go, ts] = await Promise.all([startGo('mixed.rpc', 'go-m'), startTs('mixed.rpc', 'ts-m')]);
    }, 30_000);

    it('the tsctl client spreads its calls over both', async () => {
      const summary = await tsClient('mixed.rpc', { calls: 80, parallel: 4, sleepMs: 20 });
      console.log(`tsctl client, 80 calls (4 at a time, 20 ms each) over a go-zero and a tsctl server: ${JSON.stringify(summary.servedBy)}`);
      expect(summary.failed, JSON.stringify(summary.failures.slice(0, 3))).toBe(0);
      expect(summary.ok).toBe(80);
      expect(Object.keys(summary.servedBy).sort()).toEqual(['go-m', 'ts-m']);
      expect(summary.servedBy['go-m']).toBeGreaterThan(80 * 0.15);
      expect(summary.servedBy['ts-m']).toBeGreaterThan(80 * 0.15);
    }, 30_000);

    it('the go-zero client spreads its calls over both', async () => {
      // go-zero's p2c sends sequential fast calls mostly to one instance: slow calls four at a time do spread.
      const out = await goClient('mixed.rpc', '-calls', '40', '-parallel', '4', '-sleep', '20');
      console.log(`go-zero client, 40 calls (4 at a time, 20 ms each) over a go-zero and a tsctl server: ${JSON.stringify(out.servedBy)}`);
      expect(out, out.lastError).toMatchObject({ calls: 40, ok: 40, failed: 0, errors: {} });
      expect(Object.keys(out.servedBy).sort()).toEqual(['go-m', 'ts-m']);
      expect(out.servedBy['go-m']).toBeGreaterThan(40 * 0.15);
      expect(out.servedBy['ts-m']).toBeGreaterThan(40 * 0.15);
    }, 30_000);

    it("both keys have go-zero's shape: <Key>/<lease id, decimal> = 127.0.0.1:<port>, under a 10 s lease", async () => {
      const out = await etcdServer().ctl('get', '--prefix', 'mixed.rpc/', '-w', 'json');
      // Lease ids go beyond 2^53: keep them as decimal strings.
      const parsed = JSON.parse(out.replace(/"lease":(\d+)/g, '"lease":"$1"')) as { kvs?: { key: string; value: string; lease?: string }[] };
      const text = (base64: string): string => Buffer.from(base64, 'base64').toString('utf8');
      const entries = (parsed.kvs ?? []).map((kv) => ({ key: text(kv.key), value: text(kv.value), lease: kv.lease ?? '0' }));
      expect(entries.map((e) => e.value).sort()).toEqual([go.address, ts.address].sort());
      for (const entry of entries) {
        const who = entry.value === go.address ? 'go-zero' : 'tsctl';
        expect(entry.key, who).toMatch(/^mixed\.rpc\/\d+$/);
        expect(entry.value, who).toMatch(/^127\.0\.0\.1:\d+$/);
        expect(entry.key.slice('mixed.rpc/'.length), `${who}: the suffix is the key's lease`).toBe(entry.lease);
        const live = JSON.parse(await etcdServer().ctl('lease', 'timetolive', BigInt(entry.lease).toString(16), '-w', 'json')) as { 'granted-ttl': number; ttl: number };
        expect(live['granted-ttl'], who).toBe(LEASE_TTL);
        expect(live.ttl, who).toBeGreaterThan(0);
      }
    }, 30_000);
  });
});
