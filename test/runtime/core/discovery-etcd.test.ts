/**
 * Registration and discovery against a real etcd (Debian etcd-server on a free loopback port, a temp
 * data dir): go-zero's key scheme, the key put back after a delete, a lease re-granted after etcd
 * comes back, etcd unreachable at start, state changes logged once, and a subscriber that keeps the
 * last known addresses while etcd is down. Short TTLs keep it quick; the generated-service tests
 * (test/e2e/discovery.test.ts) use go-zero's 10 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveryLog } from '../../../templates/runtime/core/discovery/log.js';
import { register, registerService } from '../../../templates/runtime/core/discovery/registration.js';
import { subscribe } from '../../../templates/runtime/core/discovery/subscriber.js';
import { EtcdClient } from '../../../templates/runtime/etcd/client.js';
import { type EtcdServer, etcdSkipReason, startEtcd } from '../../helpers/etcd.js';
import { sleep, until } from '../../helpers/wait.js';
import { freePort } from '../../interop/peers.mjs';

const missing = etcdSkipReason();

function recordingLog(): { log: DiscoveryLog; lines: string[] } {
  const lines: string[] = [];
  return { log: (level, message) => lines.push(`${level}: ${message}`), lines };
}

describe.skipIf(missing !== null)('registration and discovery with a real etcd', () => {
  let etcd: EtcdServer;
  let client: EtcdClient;

  beforeAll(async () => {
    etcd = await startEtcd();
    client = new EtcdClient({ hosts: [etcd.endpoint], requestTimeoutMs: 1000 });
  }, 30_000);

  afterAll(async () => {
    client?.close();
    await etcd?.stop();
  });

  it("registers under go-zero's key, <Key>/<lease id in decimal>, and stop() removes it at once", async () => {
    const { log, lines } = recordingLog();
    const registration = register({ client, key: 'reg.rpc', value: '10.0.0.1:8080', log });
    const key = await registration.registered;
    expect(key).toMatch(/^reg\.rpc\/\d+$/);
    expect(await etcd.list('reg.rpc/')).toEqual([{ key, value: '10.0.0.1:8080' }]);
    // The id in the key is the lease of the key (etcdctl prints leases in decimal in JSON).
    // Lease ids pass 2^53: quote them before JSON.parse rounds them.
    const json = JSON.parse((await etcd.ctl('get', key, '-w', 'json')).replace(/"lease":(\d+)/g, '"lease":"$1"')) as { kvs: { lease: string }[] };
    expect(String(json.kvs[0]?.lease)).toBe(key.slice('reg.rpc/'.length));
    await registration.stop();
    expect(await etcd.list('reg.rpc/')).toEqual([]);
    expect(lines).toEqual([`info: etcd: registered ${key} → 10.0.0.1:8080`, `info: etcd: deregistered ${key}`]);
  });

  it('uses <Key>/<ID> when an ID is configured', async () => {
    const registration = register({ client, key: 'id.rpc', value: '10.0.0.2:8080', id: 7, log: () => undefined });
    expect(await registration.registered).toBe('id.rpc/7');
    expect(await etcd.list('id.rpc/')).toEqual([{ key: 'id.rpc/7', value: '10.0.0.2:8080' }]);
    await registration.stop();
  });

  it('keeps the key alive past its TTL', async () => {
    const registration = register({ client, key: 'alive.rpc', value: 'a:1', ttlSeconds: 2, log: () => undefined });
    const key = await registration.registered;
    await sleep(4500);
    expect(await etcd.list('alive.rpc/')).toEqual([{ key, value: 'a:1' }]);
    await registration.stop();
  });

  it('puts the key back within 2 s when someone deletes it', async () => {
    const registration = register({ client, key: 'del.rpc', value: 'd:1', log: () => undefined });
    const key = await registration.registered;
    await etcd.ctl('del', key);
    const back = await until(async () => (await etcd.list('del.rpc/')).length === 1, 2000, 'the deleted key back');
    expect(await etcd.list('del.rpc/')).toEqual([{ key, value: 'd:1' }]);
    console.log(`deleted key back after ${back} ms`);
    await registration.stop();
  });

  it('registers again with a new lease when its lease is revoked by someone else', async () => {
    const registration = register({ client, key: 'rev.rpc', value: 'r:1', ttlSeconds: 3, retryMs: 200, log: () => undefined });
    const key = await registration.registered;
    await etcd.ctl('lease', 'revoke', BigInt(key.slice('rev.rpc/'.length)).toString(16));
    await until(async () => {
      const now = await etcd.list('rev.rpc/');
      return now.length === 1 && now[0]?.key !== key;
    }, 5000, 'a new registration');
    expect(registration.currentKey).not.toBe(key);
    await registration.stop();
    expect(await etcd.list('rev.rpc/')).toEqual([]);
  });

  it('serves without etcd at start, registers once it can, and logs each change of state once', async () => {
    const port = await freePort();
    const away = new EtcdClient({ hosts: [`127.0.0.1:${port}`], requestTimeoutMs: 300 });
    const { log, lines } = recordingLog();
    const registration = register({ client: away, key: 'away.rpc', value: 'w:1', retryMs: 100, log });
    await sleep(1500);
    expect(registration.currentKey).toBeUndefined();
    expect(lines.length).toBe(1);
    expect(lines[0]).toMatch(/^error: etcd: cannot register away\.rpc .*retrying every 100 ms$/);
    await registration.stop();
    away.close();
  });

  it('registerService advertises the ListenOn host, or a real address for 0.0.0.0', async () => {
    const one = registerService({ Hosts: [etcd.endpoint], Key: 'svc.rpc', ID: 1 }, { listenOn: '127.0.0.1:0', port: 9001, log: () => undefined });
    const all = registerService({ Hosts: [etcd.endpoint], Key: 'svc.rpc', ID: 2 }, { listenOn: '0.0.0.0:9002', port: 9002, log: () => undefined });
    await Promise.all([one.registered, all.registered]);
    const listed = await etcd.list('svc.rpc/');
    expect(listed[0]).toEqual({ key: 'svc.rpc/1', value: '127.0.0.1:9001' });
    expect(listed[1]?.key).toBe('svc.rpc/2');
    expect(listed[1]?.value).toMatch(/:9002$/);
    expect(listed[1]?.value).not.toBe('0.0.0.0:9002');
    await Promise.all([one.stop(), all.stop()]);
  });

  it('follows the servers under a key, one address per value however many keys carry it', async () => {
    const seen: (readonly string[])[] = [];
    const subscriber = subscribe({ client, key: 'sub.rpc', onChange: (a) => seen.push(a), log: () => undefined });
    await subscriber.ready;
    expect(subscriber.addresses).toEqual([]);
    await etcd.ctl('put', 'sub.rpc/1', '10.0.0.1:1');
    await etcd.ctl('put', 'sub.rpc/2', '10.0.0.2:1');
    await etcd.ctl('put', 'sub.rpc/3', '10.0.0.1:1');
    await etcd.ctl('put', 'sub.rpcx/1', '10.9.9.9:1');
    await until(() => subscriber.addresses.length === 2, 2000, 'two servers');
    expect(subscriber.addresses).toEqual(['10.0.0.1:1', '10.0.0.2:1']);
    await etcd.ctl('del', 'sub.rpc/1');
    await sleep(300);
    expect(subscriber.addresses).toEqual(['10.0.0.1:1', '10.0.0.2:1']);
    await etcd.ctl('del', 'sub.rpc/3');
    await until(() => subscriber.addresses.length === 1, 2000, 'one server');
    expect(subscriber.addresses).toEqual(['10.0.0.2:1']);
    subscriber.close();
    await etcd.ctl('del', '--prefix', 'sub.rpc/');
  });

  it('survives an etcd restart: keeps the last known addresses while it is down, re-registers and sees changes after', async () => {
    const { log, lines } = recordingLog();
    const registration = register({ client, key: 'restart.rpc', value: 'x:1', ttlSeconds: 2, log });
    const first = await registration.registered;
    const subscriber = subscribe({ client, key: 'restart.rpc', log: () => undefined });
    await subscriber.ready;
    await until(() => subscriber.addresses.length === 1, 2000, 'the registration seen');

    await etcd.pause();
    await sleep(4000);
    expect(subscriber.addresses).toEqual(['x:1']);
    await etcd.resume();
    // Back within TTL + 2 s of etcd's return: on its old lease (if the keepalive outlived the outage)
    // or a new one — and kept alive, not a leftover of a lease etcd restored that then expires.
    const back = await until(async () => (await etcd.list('restart.rpc/')).some((kv) => kv.key === registration.currentKey), 2000 + 2000, 'registered again after etcd came back');
    console.log(`registered ${back} ms after etcd came back (${registration.currentKey === first ? 'same' : 'new'} lease); log: ${lines.join(' | ')}`);
    await sleep(3000);
    expect((await etcd.list('restart.rpc/')).map((kv) => kv.key)).toEqual([registration.currentKey]);
    await etcd.ctl('put', 'restart.rpc/other', 'y:1');
    await until(() => subscriber.addresses.includes('y:1'), 3000, 'a change after the restart');
    expect(lines.filter((l) => l.startsWith('error:')).length).toBe(1);
    subscriber.close();
    await registration.stop();
    await etcd.ctl('del', '--prefix', 'restart.rpc/');
  }, 30_000);
});
