/**
 * The vendored etcd client (templates/runtime/etcd/) against a real etcd (Debian's 3.4): key-value
 * calls, leases and their keepalive, watches with replay and compaction, host failover, auth, errors
 * and close(). Skipped when etcd is not installed, unless etcd is required (CI), where it fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type AddressInfo, type Socket, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EtcdClient, EtcdError, type WatchEvent } from '../../../templates/runtime/etcd/client.js';
import { prefixEnd } from '../../../templates/runtime/etcd/messages.js';
import { ProtoWriter, WireType } from '../../../templates/runtime/protobuf/wire.js';
import { type EtcdServer, etcdRequired, etcdStatus, startEtcd } from '../../helpers/etcd.js';
import { sleep } from '../../helpers/wait.js';
import { freePort } from '../../interop/peers.mjs';

const missing = etcdStatus();

/** Polls `condition` every 25 ms; resolves with the time it took, or fails after `timeoutMs`. */
async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await condition()) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

/** The lease of `key` as etcdctl reports it (decimal), or undefined when the key does not exist. */
async function ctlLease(etcd: EtcdServer, key: string): Promise<string | undefined> {
  // etcdctl's JSON carries int64s as numbers that can exceed 2^53: read the lease as digits.
  const out = await etcd.ctl('get', key, '-w', 'json');
  if (!out.includes('"kvs"')) return undefined;
  return /"lease":(\d+)/.exec(out)?.[1] ?? '0';
}

describe('prefixEnd', () => {
  it.each([
    ['aa', [0x61, 0x62]],
    ['a\u00ff', [0x61, 0xc3, 0xc0]],
    ['', [0]],
  ])('%j', (key, want) => {
    expect([...prefixEnd(key)]).toEqual(want);
  });
});

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

/**
 * TLS needs an etcd started with certificates, which the etcd helper does not do: a gRPC server that
 * answers KV.Range like etcd stands in, with TLS and client certificates required.
 */
describe.skipIf(!hasOpenssl)('EtcdClient over TLS (a stand-in for etcd)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tsctl-etcd-tls-'));
  const file = (name: string): string => path.join(dir, name);
  let server: grpc.Server;
  let endpoint: string;
  /** Restarts the server with a certificate for etcd.test rather than 127.0.0.1. */
  let startNamed: () => Promise<string>;

  /** A self-signed certificate and key (EC P-256) for `subjectAltName`. */
  const certificate = (name: string, altName: string): void => {
    const made = spawnSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
      '-subj', `/CN=${name}`, '-addext', `subjectAltName=${altName}`, '-keyout', file(`${name}.key`), '-out', file(`${name}.pem`),
    ], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`openssl: ${made.stderr}`);
  };

  beforeAll(async () => {
    certificate('server-ip', 'IP:127.0.0.1');
    certificate('server-name', 'DNS:etcd.test');
    certificate('client', 'DNS:client');
    // RangeResponse{header{revision 7}, kvs[{key, value "über", create 5, mod 6, lease 9}]}
    const response = new ProtoWriter();
    response.tag(1, WireType.LengthDelimited).fork().tag(1, WireType.Varint).uint64(1).tag(3, WireType.Varint).int64(7n).join();
    response.tag(2, WireType.LengthDelimited).fork();
    response.tag(1, WireType.LengthDelimited).string('/tls/k').tag(2, WireType.Varint).int64(5n).tag(3, WireType.Varint).int64(6n);
    response.tag(4, WireType.Varint).int64(1n).tag(5, WireType.LengthDelimited).string('über').tag(6, WireType.Varint).int64(9n);
    response.join().tag(99, WireType.LengthDelimited).string('an unknown field');
    const body = Buffer.from(response.finish());
    const identity = (b: Buffer): Buffer => b;
    const definition = {
      Range: { path: '/etcdserverpb.KV/Range', requestStream: false, responseStream: false, requestSerialize: identity, requestDeserialize: identity, responseSerialize: identity, responseDeserialize: identity },
    };
    const start = async (cert: string): Promise<string> => {
      server = new grpc.Server();
      server.addService(definition, { Range: (_call: unknown, callback: grpc.sendUnaryData<Buffer>) => callback(null, body) });
      const credentials = grpc.ServerCredentials.createSsl(readFileSync(file('client.pem')), [{ private_key: readFileSync(file(`${cert}.key`)), cert_chain: readFileSync(file(`${cert}.pem`)) }], true);
      const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', credentials, (error, bound) => (error ? reject(error) : resolve(bound))));
      return `127.0.0.1:${port}`;
    };
    endpoint = await start('server-ip');
    startNamed = () => start('server-name');
  });

  afterAll(() => {
    server?.forceShutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  const clientCert = { certFile: file('client.pem'), certKeyFile: file('client.key') };

  it('verifies the server and presents a client certificate', async () => {
    const c = new EtcdClient({ hosts: [endpoint], caCertFile: file('server-ip.pem'), ...clientCert });
    try {
      expect(await c.get('/tls/k')).toEqual({ revision: 7n, kvs: [{ key: '/tls/k', value: 'über', createRevision: 5n, modRevision: 6n, lease: 9n }] });
    } finally {
      c.close();
    }
    // Without a client certificate the server refuses the connection.
    const anonymous = new EtcdClient({ hosts: [endpoint], caCertFile: file('server-ip.pem'), requestTimeoutMs: 1000 });
    try {
      await expect(anonymous.get('/tls/k')).rejects.toMatchObject({ code: 14 });
    } finally {
      anonymous.close();
    }
  });

  it('checks the server name unless insecureSkipVerify', async () => {
    server.forceShutdown();
    const named = await startNamed();
    const strict = new EtcdClient({ hosts: [named], caCertFile: file('server-name.pem'), ...clientCert, requestTimeoutMs: 1000 });
    const lax = new EtcdClient({ hosts: [named], caCertFile: file('server-ip.pem'), ...clientCert, insecureSkipVerify: true });
    try {
      await expect(strict.get('/tls/k')).rejects.toMatchObject({ code: 14 });
      expect((await lax.get('/tls/k')).revision).toBe(7n);
    } finally {
      strict.close();
      lax.close();
    }
  });

  it('throws for a certificate without its key, or a file that does not exist', () => {
    expect(() => new EtcdClient({ hosts: ['127.0.0.1:1'], certFile: file('client.pem') })).toThrow(/certKeyFile/);
    expect(() => new EtcdClient({ hosts: ['127.0.0.1:1'], caCertFile: file('none.pem') })).toThrow(/ENOENT/);
    expect(() => new EtcdClient({ hosts: [] })).toThrow(/no hosts/);
  });
});

describe.skipIf(missing !== null && !etcdRequired())('EtcdClient against a real etcd', () => {
  let etcd: EtcdServer;
  let client: EtcdClient;
  const clients: EtcdClient[] = [];
  const newClient = (options: Partial<ConstructorParameters<typeof EtcdClient>[0]> = {}): EtcdClient => {
    const made = new EtcdClient({ hosts: [etcd.endpoint], ...options });
    clients.push(made);
    return made;
  };

  beforeAll(async () => {
    if (missing !== null) throw new Error(`etcd is required here (CI or TSCTL_REQUIRE_ETCD=1): ${missing}`);
    etcd = await startEtcd();
    client = newClient();
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await etcd?.stop();
  });

  it('puts, gets, gets a prefix and deletes', async () => {
    const first = await client.put('/kv/a', '1');
    const second = await client.put('/kv/b', 'zwei – ünïcødé ✓ 🚀');
    await client.put('/kv/b/c', '3');
    await client.put('/kw', 'outside the prefix');
    expect(second.revision).toBeGreaterThan(first.revision);

    const one = await client.get('/kv/b');
    expect(one.kvs).toHaveLength(1);
    expect(one.kvs[0]).toMatchObject({ key: '/kv/b', value: 'zwei – ünïcødé ✓ 🚀', lease: 0n });
    expect(one.kvs[0]?.modRevision).toBe(second.revision);
    expect(one.kvs[0]?.createRevision).toBe(second.revision);
    expect(one.revision).toBeGreaterThanOrEqual(second.revision);
    // etcdctl reads the same bytes.
    expect(await etcd.list('/kv/b')).toContainEqual({ key: '/kv/b', value: 'zwei – ünïcødé ✓ 🚀' });

    const all = await client.get('/kv/', { prefix: true });
    expect(all.kvs.map((kv) => [kv.key, kv.value])).toEqual([
      ['/kv/a', '1'],
      ['/kv/b', 'zwei – ünïcødé ✓ 🚀'],
      ['/kv/b/c', '3'],
    ]);
    expect((await client.get('/kv/none')).kvs).toEqual([]);

    const single = await client.delete('/kv/a');
    expect(single.deleted).toBe(1);
    expect(single.revision).toBeGreaterThan(all.revision);
    expect((await client.delete('/kv/a')).deleted).toBe(0);
    const prefixed = await client.delete('/kv/b', { prefix: true });
    expect(prefixed.deleted).toBe(2);
    expect((await client.get('/kv/', { prefix: true })).kvs).toEqual([]);
    expect((await client.get('/kw')).kvs).toHaveLength(1);
  });

  it('grants a lease, attaches a key to it and revokes it', async () => {
    const lease = await client.grant(30);
    expect(lease.ttl).toBe(30);
    expect(lease.id).toBeGreaterThan(0n);
    await client.put('/lease/k', 'v', { lease: lease.id });
    expect((await client.get('/lease/k')).kvs[0]?.lease).toBe(lease.id);
    expect(await ctlLease(etcd, '/lease/k')).toBe(lease.id.toString());

    await client.revoke(lease.id);
    expect(await ctlLease(etcd, '/lease/k')).toBeUndefined();
    // Gone already, or never granted: not an error.
    await expect(client.revoke(lease.id)).resolves.toBeUndefined();
    await expect(client.revoke(123456789n)).resolves.toBeUndefined();
  });

  it('keeps a 2 s lease alive for 5 s; once closed the key expires', async () => {
    const lease = await client.grant(2);
    await client.put('/keep/k', 'v', { lease: lease.id });
    const lost: string[] = [];
    const keeper = client.keepAlive(lease.id, 2, { onLost: (reason) => lost.push(reason) });
    try {
      await sleep(5000);
      expect(lost).toEqual([]);
      expect((await client.get('/keep/k')).kvs).toHaveLength(1);
    } finally {
      keeper.close();
    }
    const tookMs = await waitFor('the key to expire', async () => (await client.get('/keep/k')).kvs.length === 0, 4000);
    expect(tookMs).toBeLessThan(3500);
    expect(lost).toEqual([]);
  });

  it('reports a lease revoked by someone else as lost', async () => {
    const lease = await client.grant(2);
    const lost: string[] = [];
    const keeper = client.keepAlive(lease.id, 2, { onLost: (reason) => lost.push(reason) });
    try {
      await sleep(300);
      await etcd.ctl('lease', 'revoke', lease.id.toString(16));
      const revokedAt = Date.now();
      await waitFor('onLost', () => lost.length > 0, 2500);
      expect(Date.now() - revokedAt).toBeLessThan(2000);
      expect(lost[0]).toMatch(/expired or was revoked/);
      await sleep(800);
      expect(lost).toHaveLength(1);
    } finally {
      keeper.close();
    }
  });

  it('watches a prefix from a revision: replay, then live puts and deletes', async () => {
    await client.put('/watch/before', 'x');
    const { revision } = await client.get('/watch/', { prefix: true });
    // Written between the read and the watch: replayed from revision + 1.
    await client.put('/watch/a', '1');
    await client.delete('/watch/before');
    const events: { type: string; key: string; value: string; revision: bigint }[] = [];
    const errors: EtcdError[] = [];
    const watcher = client.watch('/watch/', {
      prefix: true,
      startRevision: revision + 1n,
      onEvents: (batch: WatchEvent[], rev) => {
        for (const e of batch) events.push({ type: e.type, key: e.kv.key, value: e.kv.value, revision: rev });
      },
      onError: (error) => errors.push(error),
    });
    try {
      await waitFor('the replayed events', () => events.length >= 2, 3000);
      await client.put('/watch/b', 'ü');
      await client.put('/watchers', 'outside the prefix');
      const last = await client.delete('/watch/a');
      await waitFor('the live events', () => events.length >= 4, 3000);
      expect(events.map(({ type, key, value }) => [type, key, value])).toEqual([
        ['put', '/watch/a', '1'],
        ['delete', '/watch/before', ''],
        ['put', '/watch/b', 'ü'],
        ['delete', '/watch/a', ''],
      ]);
      expect(events.at(-1)?.revision).toBe(last.revision);
      expect(errors).toEqual([]);
    } finally {
      watcher.close();
    }
  });

  it('ends a watch whose start revision was compacted with the compact revision', async () => {
    const first = await client.put('/compact/k', '1');
    await client.put('/compact/k', '2');
    const third = await client.put('/compact/k', '3');
    await etcd.ctl('compact', third.revision.toString());
    const errors: EtcdError[] = [];
    const events: WatchEvent[] = [];
    const watcher = client.watch('/compact/', {
      prefix: true,
      startRevision: first.revision,
      onEvents: (batch) => events.push(...batch),
      onError: (error) => errors.push(error),
    });
    try {
      await waitFor('onError', () => errors.length > 0, 3000);
      expect(errors[0]).toBeInstanceOf(EtcdError);
      expect(errors[0]?.compactRevision).toBe(third.revision);
      expect(errors[0]?.message).toMatch(/compacted/);
      await client.put('/compact/k', '4');
      await sleep(300);
      expect(errors).toHaveLength(1);
      expect(events).toEqual([]);
    } finally {
      watcher.close();
    }
  });

  it('fails over from a dead host', async () => {
    const dead = `127.0.0.1:${await freePort()}`;
    const failover = newClient({ hosts: [dead, etcd.endpoint] });
    await failover.put('/failover/k', 'v');
    expect((await failover.get('/failover/k')).kvs[0]?.value).toBe('v');
    const lease = await failover.grant(5);
    await failover.revoke(lease.id);
    // Streams go to the host that works too.
    const events: WatchEvent[] = [];
    const watcher = failover.watch('/failover/k', { onEvents: (batch) => events.push(...batch), onError: () => undefined });
    try {
      await sleep(200);
      await failover.put('/failover/k', 'w');
      await waitFor('a watch event', () => events.length > 0, 3000);
    } finally {
      watcher.close();
    }
    failover.close();
  });

  it('opens streams on the next host when the current one is dead', async () => {
    const dead = `127.0.0.1:${await freePort()}`;
    const lease = await client.grant(2);
    await client.put('/failover/stream', 'v', { lease: lease.id });
    // The keepalive stream fails on the dead host and is re-opened on the live one within the TTL.
    const keeperClient = newClient({ hosts: [dead, etcd.endpoint] });
    const lost: string[] = [];
    const keeper = keeperClient.keepAlive(lease.id, 2, { onLost: (reason) => lost.push(reason) });
    try {
      await sleep(3500);
      expect(lost).toEqual([]);
      expect((await client.get('/failover/stream')).kvs).toHaveLength(1);
    } finally {
      keeper.close();
      await client.revoke(lease.id);
    }
    // A watch fails once on the dead host; the watch its caller starts again goes to the live one.
    const watcherClient = newClient({ hosts: [dead, etcd.endpoint] });
    const errors: EtcdError[] = [];
    const events: WatchEvent[] = [];
    const watchOptions = { onEvents: (batch: WatchEvent[]) => events.push(...batch), onError: (error: EtcdError) => errors.push(error) };
    watcherClient.watch('/failover/w', watchOptions);
    await waitFor('onError', () => errors.length > 0, 3000);
    expect(errors[0]).toMatchObject({ code: 14, host: dead });
    const again = watcherClient.watch('/failover/w', watchOptions);
    try {
      await sleep(200);
      await client.put('/failover/w', 'x');
      await waitFor('a watch event', () => events.length > 0, 3000);
      expect(errors).toHaveLength(1);
    } finally {
      again.close();
    }
  });

  it('ignores a user when etcd has auth disabled, as the Go client does', async () => {
    const withUser = newClient({ user: 'root', pass: 'whatever' });
    await withUser.put('/noauth/k', 'v');
    expect((await withUser.get('/noauth/k')).kvs[0]?.value).toBe('v');
  });

  it('rejects a request to a dead host with UNAVAILABLE naming the host', async () => {
    const dead = `127.0.0.1:${await freePort()}`;
    const lonely = newClient({ hosts: [dead], requestTimeoutMs: 1000 });
    const start = Date.now();
    const error = await lonely.get('/x').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(Date.now() - start).toBeLessThan(1500);
    expect(error).toBeInstanceOf(EtcdError);
    expect((error as EtcdError).code).toBe(14);
    expect((error as EtcdError).message).toContain(`etcd ${dead} Range: 14 UNAVAILABLE`);
    // A dead host among two: the request is retried once on the other, then fails the same way.
    const dead2 = `127.0.0.1:${await freePort()}`;
    const both = newClient({ hosts: [dead, dead2], requestTimeoutMs: 1000 });
    await expect(both.grant(5)).rejects.toMatchObject({ code: 14, message: expect.stringContaining(`etcd ${dead2} LeaseGrant: 14 UNAVAILABLE`) });
    lonely.close();
    both.close();
  });

  it('close() stops streams without calling their handlers, leaves no handles, and later calls reject', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap');
    const c = new EtcdClient({ hosts: [etcd.endpoint] });
    const lease = await c.grant(5);
    const lost: string[] = [];
    const errors: EtcdError[] = [];
    c.keepAlive(lease.id, 5, { onLost: (reason) => lost.push(reason) });
    c.watch('/closed/', { prefix: true, onEvents: () => undefined, onError: (error) => errors.push(error) });
    await sleep(200);
    c.close();
    await expect(c.get('/closed/k')).rejects.toMatchObject({ code: 1, message: expect.stringContaining('closed') });
    await expect(c.put('/closed/k', 'v')).rejects.toBeInstanceOf(EtcdError);
    // Handlers are not called for streams the client closed; streams opened later do nothing.
    c.watch('/closed/', { onEvents: () => undefined, onError: (error) => errors.push(error) }).close();
    await sleep(300);
    expect(lost).toEqual([]);
    expect(errors).toEqual([]);
    // Nothing left keeping the event loop alive: no socket, no timer.
    await waitFor(
      'the handles to go',
      () => {
        const after = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap');
        return after.filter((r) => r === 'TCPSocketWrap' || r === 'Timeout').length <= before.filter((r) => r === 'TCPSocketWrap' || r === 'Timeout').length;
      },
      2000,
    );
    await client.revoke(lease.id);
  });

  it('close() rejects a request in flight at once', async () => {
    // A host that accepts connections and never answers: the request waits for its deadline.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const c = new EtcdClient({ hosts: [`127.0.0.1:${(silent.address() as AddressInfo).port}`], requestTimeoutMs: 5000 });
    try {
      const pending = c.get('/k').then(
        () => undefined,
        (e: unknown) => e,
      );
      await sleep(300);
      const closedAt = Date.now();
      c.close();
      const error = await pending;
      expect(Date.now() - closedAt).toBeLessThan(500);
      expect(error).toMatchObject({ code: 1, message: expect.stringContaining('closed') });
    } finally {
      c.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  // Last: these stop etcd for a while.
  it('reports a lease lost when etcd is down for longer than its TTL, once', async () => {
    const lease = await client.grant(2);
    const lost: { reason: string; at: number }[] = [];
    const keeper = client.keepAlive(lease.id, 2, { onLost: (reason) => lost.push({ reason, at: Date.now() }) });
    try {
      await sleep(700);
      const pausedAt = Date.now();
      await etcd.pause();
      try {
        await waitFor('onLost', () => lost.length > 0, 3500);
        expect(lost[0]?.at).toBeLessThan(pausedAt + 2500);
        expect(lost[0]?.reason).toMatch(/not renewed/);
      } finally {
        await etcd.resume();
      }
      await sleep(1500);
      expect(lost).toHaveLength(1);
    } finally {
      keeper.close();
    }
    // The client works again once etcd is back.
    await waitFor('etcd to answer again', () => client.get('/x').then(() => true, () => false), 5000);
  });

  it('keeps a lease across a short etcd restart', async () => {
    const lease = await client.grant(5);
    const lost: string[] = [];
    const keeper = client.keepAlive(lease.id, 5, { onLost: (reason) => lost.push(reason) });
    try {
      await sleep(300);
      await etcd.pause();
      await etcd.resume();
      // Renewed again: still alive after more than its TTL.
      await sleep(3000);
      expect(lost).toEqual([]);
      const ttl = await etcd.ctl('lease', 'timetolive', lease.id.toString(16));
      expect(ttl).toMatch(/remaining\(\d+s\)/);
    } finally {
      keeper.close();
      await client.revoke(lease.id);
    }
  });

  it('ends a watch with onError once when etcd goes down', async () => {
    const errors: { error: EtcdError; at: number }[] = [];
    const watcher = client.watch('/down/', { prefix: true, onEvents: () => undefined, onError: (error) => errors.push({ error, at: Date.now() }) });
    try {
      await sleep(300);
      const pausedAt = Date.now();
      await etcd.pause();
      try {
        await waitFor('onError', () => errors.length > 0, 5000);
        expect(errors[0]?.at).toBeLessThan(pausedAt + 5000);
        expect(errors[0]?.error).toBeInstanceOf(EtcdError);
        expect(errors[0]?.error.message).toContain(`etcd ${etcd.endpoint} Watch:`);
      } finally {
        await etcd.resume();
      }
      await sleep(500);
      expect(errors).toHaveLength(1);
    } finally {
      watcher.close();
    }
  });
});

describe.skipIf(missing !== null && !etcdRequired())('EtcdClient with etcd auth', () => {
  let etcd: EtcdServer;
  beforeAll(async () => {
    if (missing !== null) throw new Error(`etcd is required here (CI or TSCTL_REQUIRE_ETCD=1): ${missing}`);
    etcd = await startEtcd();
    await etcd.ctl('user', 'add', 'root:pw');
    await etcd.ctl('auth', 'enable');
  });
  afterAll(async () => {
    await etcd?.stop();
  });

  it('authenticates, sends the token on streams, and authenticates again when it is invalidated', async () => {
    const c = new EtcdClient({ hosts: [etcd.endpoint], user: 'root', pass: 'pw' });
    const anonymous = new EtcdClient({ hosts: [etcd.endpoint] });
    const wrong = new EtcdClient({ hosts: [etcd.endpoint], user: 'root', pass: 'nope' });
    try {
      await c.put('/auth/k', 'v');
      expect((await c.get('/auth/k')).kvs[0]?.value).toBe('v');
      await expect(anonymous.get('/auth/k')).rejects.toMatchObject({ code: 3, message: expect.stringContaining('user name is empty') });
      await expect(wrong.get('/auth/k')).rejects.toMatchObject({ code: 3, rpc: 'Authenticate', message: expect.stringContaining('Authenticate: 3 INVALID_ARGUMENT') });

      const events: WatchEvent[] = [];
      const errors: EtcdError[] = [];
      const watcher = c.watch('/auth/', { prefix: true, onEvents: (batch) => events.push(...batch), onError: (error) => errors.push(error) });
      const lease = await c.grant(2);
      const lost: string[] = [];
      const keeper = c.keepAlive(lease.id, 2, { onLost: (reason) => lost.push(reason) });
      try {
        await sleep(200);
        await c.put('/auth/w', '1');
        await waitFor('a watch event', () => events.length > 0, 3000);

        // Turning auth off and on drops every simple token: the cached one is now invalid.
        await etcd.ctl('--user', 'root:pw', 'auth', 'disable');
        await etcd.ctl('auth', 'enable');
        expect((await c.get('/auth/k')).kvs[0]?.value).toBe('v');
        await sleep(2500);
        expect(lost).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        watcher.close();
        keeper.close();
      }
      // A stream opened with an invalid token fails once; the caller's restart authenticates again.
      await etcd.ctl('--user', 'root:pw', 'auth', 'disable');
      await etcd.ctl('auth', 'enable');
      const again: EtcdError[] = [];
      const seen: WatchEvent[] = [];
      const options = { onEvents: (batch: WatchEvent[]) => seen.push(...batch), onError: (error: EtcdError) => again.push(error) };
      c.watch('/auth/', { prefix: true, ...options });
      await waitFor('onError', () => again.length > 0, 3000);
      expect(again[0]).toMatchObject({ code: 16, message: expect.stringContaining('invalid auth token') });
      const restarted = c.watch('/auth/', { prefix: true, ...options });
      try {
        await sleep(300);
        await c.put('/auth/w', '2');
        await waitFor('a watch event', () => seen.length > 0, 3000);
        expect(again).toHaveLength(1);
      } finally {
        restarted.close();
      }
    } finally {
      c.close();
      anonymous.close();
      wrong.close();
    }
  });
});
