/**
 * Faults of an etcd fleet of generated services, with go-zero's 10 s lease TTL (real etcd, processes
 * on loopback). The two cases wait on TTLs and outages, so they run concurrently, each with its own
 * etcd:
 * - an instance killed with SIGKILL: calls keep succeeding (at most those in flight on it fail), and
 *   it drops out of the client's set once its lease expires;
 * - etcd stopped for 15 s and started again: calls keep succeeding from the last known addresses,
 *   and the registration is back within TTL + 2 s of etcd's return.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from '../cli/run-cli.js';
import { type EtcdServer, etcdSkipReason, startEtcd } from '../helpers/etcd.js';
import { sleep, until } from '../helpers/wait.js';
import { type ShopFleet, type ShopInstance, buildShopFleet } from './discovery-support.js';

const missing = etcdSkipReason();

const TTL_MS = 10_000;
describe.skipIf(missing !== null)('an etcd fleet of generated services under faults', () => {
  let fleet: ShopFleet;
  const etcds: EtcdServer[] = [];
  const instances: ShopInstance[] = [];

  beforeAll(() => {
    assertBuilt();
    fleet = buildShopFleet();
  }, 300_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.process.stop()));
    await Promise.all(etcds.map((e) => e.stop()));
    fleet?.remove();
  });

  const etcdFor = async (): Promise<EtcdServer> => {
    const etcd = await startEtcd();
    etcds.push(etcd);
    return etcd;
  };

  it.concurrent('an instance killed with SIGKILL: calls keep succeeding, and it drops out once its lease expires', async () => {
    const etcd = await etcdFor();
    const start = async (instance: string): Promise<ShopInstance> => {
      const started = await fleet.start({ endpoint: etcd.endpoint, key: 'kill.rpc', instance });
      instances.push(started);
      return started;
    };
    const one = await start('one');
    const two = await start('two');
    const call = fleet.call({ Etcd: { Hosts: [etcd.endpoint], Key: 'kill.rpc' } }, { durationMs: 3000 + TTL_MS + 3000, parallel: 2, sleepMs: 10, intervalMs: 20 });
    await sleep(3000);
    two.process.child.kill('SIGKILL');
    const expired = await until(async () => (await etcd.list('kill.rpc/')).length === 1, TTL_MS + 3000, "the killed instance's key gone");
    console.log(`SIGKILL: key of the killed instance gone after ${expired} ms`);
    const { summary, log } = await call.result;
    // The caller logs each change of its server set: the last one leaves only "one".
    const sets = log.filter((l) => l.includes('etcd: kill.rpc → '));
    console.log(`SIGKILL: ${JSON.stringify({ ...summary, failures: summary.failures.length, servedAt: summary.servedAt.length })}; sets: ${sets.join(' | ')}`);
    expect(sets.at(-1)).toMatch(new RegExp(`kill\\.rpc → ${one.address.replace(/\./g, '\\.')}$`));
    expect(summary.failed).toBeLessThanOrEqual(2);
    expect(summary.servedBy.one).toBeGreaterThan(100);
    expect(summary.servedBy.two).toBeGreaterThan(20);
    expect(expired).toBeGreaterThan(TTL_MS - 4000);
  }, 60_000);

  it.concurrent('etcd down for 15 s: calls keep succeeding, and the registration is back within TTL + 2 s', async () => {
    const etcd = await etcdFor();
    const d = await fleet.start({ endpoint: etcd.endpoint, key: 'down.rpc', instance: 'd' });
    instances.push(d);
    const call = fleet.call({ Etcd: { Hosts: [etcd.endpoint], Key: 'down.rpc' } }, { durationMs: 2000 + 15_000 + 5000, intervalMs: 50 });
    await sleep(2000);
    await etcd.pause();
    await sleep(15_000);
    const before = d.process.output().length;
    await etcd.resume();
    const resumed = Date.now();
    // The key the server holds now (its last "registered" line) must be in etcd. After 15 s without
    // renewal it counts its lease lost and registers anew, so a new line must come after etcd's
    // return: a leftover key of the lease etcd restores does not count (it is revoked soon after).
    const lostDuringOutage = (): boolean => d.process.output().includes('etcd: registration down.rpc lost');
    await until(
      async () => {
        const current = [...d.process.output().slice(before).matchAll(/etcd: registered (\S+) → /g)].at(-1)?.[1];
        if (current === undefined && lostDuringOutage()) return false;
        const listed = await etcd.list('down.rpc/').catch(() => []);
        return listed.some((kv) => kv.key === (current ?? kv.key));
      },
      TTL_MS + 2000,
      'registration back',
    );
    console.log(`etcd down 15 s: registration back ${Date.now() - resumed} ms after etcd returned; server log: ${d.process.output().split('\n').filter((l) => l.includes('etcd')).join(' | ')}`);
    const { summary } = await call.result;
    expect(summary.failed).toBe(0);
    expect(summary.ok).toBeGreaterThan(300);
    await sleep(TTL_MS / 5);
    expect((await etcd.list('down.rpc/')).length).toBe(1);
  }, 60_000);
});
