/**
 * go-zero's own etcd registration and discovery, measured on the goctl zrpc peer (peers.mjs, logic in
 * test/interop/go/overlay/shop/) and a real etcd (test/helpers/etcd.ts): the reference tsctl's
 * registration and discovery are compared against.
 *
 *  - a server with `Etcd: {Hosts, Key}` puts `<Key>/<lease id, decimal>` = `127.0.0.1:<port>` (its
 *    ListenOn as is: zrpc/internal/rpcpubserver.go figureOutListenOn rewrites only an empty or 0.0.0.0
 *    host) under a lease of 10 s (discov.TimeToLive); with `ID: 7` the key is `<Key>/7`;
 *  - `shopclient -etcd … -key …` (a zrpc client over go-zero's discov resolver) reaches it, and spreads
 *    its calls over two servers registered under one key (Orders.Get's label "served" names the
 *    instance: $SHOP_INSTANCE);
 *  - SIGTERM: go-zero revokes the lease first (a wrap-up listener of core/proc), closes the gRPC port
 *    WrapUpTime (1 s) later (a shutdown listener: GracefulStop), and the process exits after that;
 *  - the key comes back after `etcdctl del` (the publisher watches its key and puts it again) and after
 *    etcd was down longer than the lease (a new lease, after the old one is revoked): the times are
 *    printed as go-zero's reference numbers.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedProcess, startProcess } from '../e2e/support.js';
import { type EtcdServer, etcdRequired, etcdStatus, startEtcd } from '../helpers/etcd.js';
import { sleep } from '../helpers/wait.js';
import { type RpcPeer, ensureRpcPeer, freePort, rpcPeerConfig, waitForPort } from './peers.mjs';
import { skipInterop } from './support.js';

const SUITE = 'go-zero etcd registration and discovery (goctl zrpc server, zrpc client)';
const skipGo = skipInterop('rpc', SUITE);
const etcdMissing = etcdStatus();
if (etcdMissing) console.warn(`go-zero interop: ${SUITE} ${etcdRequired() ? 'FAILS (CI or TSCTL_REQUIRE_ETCD=1)' : 'skipped'}: ${etcdMissing}`);
const skip = skipGo || (etcdMissing !== null && !etcdRequired());

const KEY = 'shop.rpc';
/** discov.TimeToLive: the seconds of go-zero's registration lease. */
const LEASE_TTL = 10;

interface GoServer {
  readonly instance: string;
  readonly port: number;
  /** What go-zero registers: `127.0.0.1:<port>`. */
  readonly address: string;
  readonly process: StartedProcess;
  /** Resolves with Date.now() when the process has exited. */
  readonly exited: Promise<number>;
}

/** A key under KEY/ with the lease it is attached to (decimal, as etcd's JSON has it: beyond 2^53). */
interface Entry {
  readonly key: string;
  readonly value: string;
  readonly lease: string;
}

/** Polls `probe` every `everyMs` until it returns a value; fails after `timeoutMs`. ms: since `since`. */
async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, since = Date.now(), everyMs = 50): Promise<{ value: T; ms: number }> {
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return { value, ms: Date.now() - since };
    if (Date.now() - since > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

/** Whether 127.0.0.1:`port` accepts a connection now. */
function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe.skipIf(skip)(`go-zero interop: ${SUITE}`, () => {
  let tmp = '';
  let peer: RpcPeer;
  let etcd: EtcdServer | undefined;
  const processes: StartedProcess[] = [];
  /** go-1: registered under KEY for the whole file. */
  let first: GoServer;

  function etcdServer(): EtcdServer {
    if (!etcd) throw new Error('etcd did not start');
    return etcd;
  }

  /** Starts the goctl shop server registered under `key` (with `id`), answering as `instance`. */
  async function startServer(instance: string, key: string, id?: number): Promise<GoServer> {
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const port = await freePort();
      const file = path.join(tmp, `${instance}.yaml`);
      writeFileSync(file, rpcPeerConfig(port, { etcd: { hosts: [etcdServer().endpoint], key, ...(id === undefined ? {} : { id }) } }));
      const child = startProcess(peer.server, ['-f', file], tmp, { ...process.env, SHOP_INSTANCE: instance });
      processes.push(child);
      const exited = new Promise<number>((resolve) => {
        if (child.child.exitCode !== null || child.child.signalCode !== null) resolve(Date.now());
        else child.child.once('exit', () => resolve(Date.now()));
      });
      try {
        await waitForPort(port, { timeoutMs: 20_000, alive: () => child.child.exitCode === null && child.child.signalCode === null });
        return { instance, port, address: `127.0.0.1:${port}`, process: child, exited };
      } catch (error) {
        await child.stop(1000);
        lastError = new Error(`shop-server (${instance}) did not start: ${String(error)}\n${child.output()}`);
        if (!/address already in use/.test(child.output())) break;
      }
    }
    throw lastError;
  }

  /** The keys under `prefix` with their leases (etcd's JSON, lease ids kept as decimal strings). */
  async function entries(prefix: string): Promise<Entry[]> {
    const out = await etcdServer().ctl('get', '--prefix', prefix, '-w', 'json');
    const parsed = JSON.parse(out.replace(/"lease":(\d+)/g, '"lease":"$1"')) as { kvs?: { key: string; value: string; lease?: string }[] };
    const text = (base64: string): string => Buffer.from(base64, 'base64').toString('utf8');
    return (parsed.kvs ?? []).map((kv) => ({ key: text(kv.key), value: text(kv.value), lease: kv.lease ?? '0' }));
  }

  /** The keys `server` registered (by value: its address). */
  async function registered(server: GoServer): Promise<Entry[]> {
    return (await entries(`${KEY}/`)).filter((entry) => entry.value === server.address);
  }

  /** Runs shopclient with `args` and parses its one JSON line. */
  async function client(args: readonly string[]): Promise<{
    calls: number;
    ok: number;
    failed: number;
    errors: Record<string, number>;
    servedBy: Record<string, number>;
    discoveryMs: number;
    lastError?: string;
  }> {
    const run = startProcess(peer.client, args, tmp);
    processes.push(run);
    const [line] = await run.waitFor(/^\{.*\}$/m, 30_000);
    expect(await run.exit(10_000), run.output()).toBe(0);
    return JSON.parse(line as string);
  }

  const discover = (...more: string[]): string[] => ['-etcd', etcdServer().endpoint, '-key', KEY, ...more];

  beforeAll(async () => {
    if (etcdMissing) throw new Error(`${SUITE}: ${etcdMissing}`);
    tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-interop-discovery-'));
    // The Go builds take minutes when the Go build cache is cold, then a fraction of a second.
    peer = ensureRpcPeer();
    etcd = await startEtcd();
    first = await startServer('go-1', KEY);
  }, 900_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop(8000)));
    await etcd?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }, 30_000);

  it('registers <Key>/<lease id, decimal> = 127.0.0.1:<port> under a 10 s lease', async () => {
    // go-zero puts the key before its gRPC port listens: it is there once the port is open.
    const { value: keys } = await until('the key of go-1', 5000, async () => ((await registered(first)).length > 0 ? registered(first) : undefined));
    expect(keys).toHaveLength(1);
    const [entry] = keys as [Entry];
    expect(entry.key).toMatch(/^shop\.rpc\/\d+$/);
    expect(entry.value).toBe(`127.0.0.1:${first.port}`);
    const suffix = entry.key.slice(`${KEY}/`.length);
    // The suffix is the lease the key is attached to, in decimal (int64(lease) formatted with %d).
    expect(entry.lease).toBe(suffix);
    const leases = JSON.parse((await etcdServer().ctl('lease', 'list', '-w', 'json')).replace(/"id":(\d+)/g, '"id":"$1"')) as { leases?: { id: string }[] };
    expect((leases.leases ?? []).map((l) => l.id)).toContain(suffix);
    const hex = BigInt(suffix).toString(16);
    const live = JSON.parse(await etcdServer().ctl('lease', 'timetolive', hex, '--keys', '-w', 'json')) as { 'granted-ttl': number; ttl: number; keys: string[] | null };
    expect(live['granted-ttl']).toBe(LEASE_TTL);
    expect(live.ttl).toBeGreaterThan(0);
    expect((live.keys ?? []).map((k) => Buffer.from(k, 'base64').toString('utf8'))).toEqual([entry.key]);
    // etcd.list (keys and values) sees the same.
    expect((await etcdServer().list(`${KEY}/`)).filter((kv) => kv.value === first.address)).toEqual([{ key: entry.key, value: entry.value }]);
  });

  it('a go-zero zrpc client finds it through etcd: shopclient -etcd … -key …', async () => {
    const out = await client(discover('-calls', '5'));
    expect(out).toMatchObject({ calls: 5, ok: 5, failed: 0, errors: {}, servedBy: { 'go-1': 5 } });
    expect(out.discoveryMs).toBeGreaterThanOrEqual(0);
    const ping = await client(discover('-calls', '3', '-method', 'Ping'));
    expect(ping).toMatchObject({ calls: 3, ok: 3, failed: 0, errors: {}, servedBy: {} });
  });

  it('with Etcd.ID 7 the key is <Key>/7 (the lease still holds it)', async () => {
    const seven = await startServer('go-7', KEY, 7);
    try {
      const { value: keys } = await until('the key of go-7', 5000, async () => ((await registered(seven)).length > 0 ? registered(seven) : undefined));
      expect(keys.map((e) => e.key)).toEqual([`${KEY}/7`]);
      const [entry] = keys as [Entry];
      expect(entry.lease).not.toBe('0');
      const live = JSON.parse(await etcdServer().ctl('lease', 'timetolive', BigInt(entry.lease).toString(16), '-w', 'json')) as { 'granted-ttl': number };
      expect(live['granted-ttl']).toBe(LEASE_TTL);
    } finally {
      await seven.process.stop(8000);
    }
    // Revoked on SIGTERM: gone by the time the process has exited.
    expect(await registered(seven)).toEqual([]);
  });

  it('two servers under one key: the client calls both', async () => {
    const second = await startServer('go-2', KEY);
    try {
      await until('the keys of go-1 and go-2', 5000, async () =>
        (await registered(first)).length === 1 && (await registered(second)).length === 1 ? true : undefined,
      );
      // go-zero's p2c balancer sends sequential fast calls mostly to one instance: slow calls (x-sleep-ms
      // 20) four at a time make the busy instance's in-flight count raise its load.
      const out = await client(discover('-calls', '40', '-parallel', '4', '-sleep', '20'));
      console.log(`go-zero reference: 40 calls (4 at a time, 20 ms each) over two go-zero servers under one key: ${JSON.stringify(out.servedBy)}`);
      expect(out).toMatchObject({ calls: 40, ok: 40, failed: 0, errors: {} });
      expect(Object.keys(out.servedBy).sort()).toEqual(['go-1', 'go-2']);
      expect((out.servedBy['go-1'] ?? 0) + (out.servedBy['go-2'] ?? 0)).toBe(40);
    } finally {
      await second.process.stop(8000);
    }
  });

  it('SIGTERM: the key is revoked first, then the port closes, then the process exits', async () => {
    const leaving = await startServer('go-3', KEY);
    try {
      await until('the key of go-3', 5000, async () => ((await registered(leaving)).length === 1 ? true : undefined));
      const start = Date.now();
      leaving.process.child.kill('SIGTERM');
      let keyGone: number | undefined;
      let portClosed: number | undefined;
      let exitedAt: number | undefined;
      void leaving.exited.then((at) => {
        exitedAt = at - start;
      });
      while (Date.now() - start < 10_000 && (keyGone === undefined || portClosed === undefined || exitedAt === undefined)) {
        if (keyGone === undefined && (await registered(leaving)).length === 0) keyGone = Date.now() - start;
        if (portClosed === undefined && !(await portOpen(leaving.port))) portClosed = Date.now() - start;
        await sleep(20);
      }
      console.log(`go-zero reference: after SIGTERM, key revoked by ${keyGone} ms, gRPC port closed by ${portClosed} ms, process exited at ${exitedAt} ms`);
      expect(keyGone, 'the key is revoked within 10 s of SIGTERM').toBeDefined();
      expect(portClosed, 'the port closes within 10 s of SIGTERM').toBeDefined();
      expect(exitedAt, 'the process exits within 10 s of SIGTERM').toBeDefined();
      // Revoke is a wrap-up listener (at once); GracefulStop a shutdown listener, WrapUpTime (1 s) later.
      expect(keyGone as number).toBeLessThan(portClosed as number);
      expect(keyGone as number).toBeLessThan(exitedAt as number);
      expect(keyGone as number).toBeLessThan(800);
      expect(portClosed as number).toBeGreaterThanOrEqual(800);
    } finally {
      await leaving.process.stop(8000);
    }
  });

  it('after etcdctl del the key is back at once (same key, same lease)', async () => {
    const [before] = (await registered(first)) as [Entry];
    expect(before).toBeDefined();
    const start = Date.now();
    expect((await etcdServer().ctl('del', before.key)).trim()).toBe('1');
    const { value: after, ms } = await until('the key of go-1 after del', 10_000, async () => {
      const keys = await registered(first);
      return keys.length > 0 ? keys : undefined;
    }, start, 10);
    console.log(`go-zero reference: after \`etcdctl del\` of its key, go-zero puts it back within ${ms} ms (same key and lease)`);
    expect(after).toEqual([before]);
    expect(ms).toBeLessThan(3000);
  });

  it('after etcd was down for 15 s (longer than the lease) the server registers again', async () => {
    const [before] = (await registered(first)) as [Entry];
    expect(before).toBeDefined();
    await etcdServer().pause();
    await sleep(15_000);
    await etcdServer().resume();
    const resumed = Date.now();
    // etcd restores the old lease with its TTL renewed, so the old key is back with etcd; go-zero's
    // keepalive gave up (no answer within the TTL): it revokes the old lease, then grants a new one and
    // puts <Key>/<new lease>. Both happen after gRPC's reconnect backoff, so the times vary.
    let staleGone: number | undefined;
    let gapFrom: number | undefined;
    let gap = 0;
    const { value: renewed, ms } = await until(
      'a key of go-1 under a new lease',
      30_000,
      async () => {
        const keys = await registered(first);
        const now = Date.now() - resumed;
        if (staleGone === undefined && !keys.some((k) => k.lease === before.lease)) staleGone = now;
        if (keys.length === 0 && gapFrom === undefined) gapFrom = now;
        const fresh = keys.find((k) => k.lease !== before.lease);
        if (fresh && gapFrom !== undefined) gap = now - gapFrom;
        return fresh;
      },
      resumed,
    );
    console.log(
      `go-zero reference: etcd down 15 s then back: old key (lease ${before.lease}) gone ${staleGone} ms after etcd was back, ` +
        `new key ${renewed.key} registered ${ms} ms after (no key for ~${gap} ms in between)`,
    );
    expect(renewed.key).toBe(`${KEY}/${renewed.lease}`);
    expect(renewed.value).toBe(first.address);
    // The old lease ends (revoked, or expired 10 s after etcd restored it).
    await until('the old key of go-1 gone', 15_000, async () => ((await registered(first)).some((k) => k.lease === before.lease) ? undefined : true));
    expect((await registered(first)).map((k) => k.key)).toEqual([renewed.key]);
    const out = await client(discover('-calls', '3'));
    expect(out).toMatchObject({ calls: 3, ok: 3, failed: 0, servedBy: { 'go-1': 3 } });
  }, 90_000);
});
