// npm run bench:etcd — the evidence behind tsctl's own etcd client (docs/discovery.md): the npm `etcd3`
// client (1.1.2, the one a Node team would reach for) and tsctl's runtime (templates/runtime/etcd/ and
// core/discovery/, compiled here with tsc) side by side, through the same faults of one real etcd in
// one run. Each side keeps a registration (a 10 s lease kept alive; on a lost lease, grant and put
// again, as go-zero does — for etcd3 that is the `lost` handler a user would write) and a watcher of
// a prefix, both through a TCP proxy to etcd that can cut the network. Faults, in turn:
//  1. a partition of 15 s (etcd stays up, so the leases expire there): how long after it heals each
//     side is registered again, and sees a key put then;
//  2. etcd stopped for 15 s and started again (etcd restores leases on restart): the same two times;
//  3. the lease revoked by someone else: how long until each side is registered again.
// Needs Debian's etcd-server and etcd-client; etcd3 is installed once into .tsctl-cache.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildOnce } from '../test/interop/harness.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-bench-etcd-'));
const OUTAGE_MS = 15_000;
const TTL = 10;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

for (const tool of ['etcd', 'etcdctl']) {
  if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
    console.error(`${tool} not found: apt-get install -y etcd-server etcd-client`);
    process.exit(2);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** etcd3@1.1.2 in .tsctl-cache/bench-etcd3/ (installed once). */
function etcd3() {
  const dir = path.join(repo, '.tsctl-cache/bench-etcd3');
  buildOnce(dir, (staging) => {
    writeFileSync(path.join(staging, 'package.json'), '{ "name": "bench-etcd3", "private": true, "dependencies": { "etcd3": "1.1.2" } }\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: staging, stdio: 'inherit' });
  });
  return createRequire(path.join(dir, 'package.json'))('etcd3');
}

/** tsctl's runtime (etcd client, registration, subscriber) compiled to tmp/runtime/. */
async function tsctlRuntime() {
  const out = path.join(tmp, 'runtime');
  const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');
  const entries = ['etcd/client.ts', 'core/discovery/registration.ts', 'core/discovery/subscriber.ts'].map((f) => path.join(repo, 'templates/runtime', f));
  execFileSync(
    process.execPath,
    [tsc, '--outDir', out, '--rootDir', path.join(repo, 'templates/runtime'), '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--rewriteRelativeImportExtensions', '--skipLibCheck', '--types', 'node', ...entries],
    { stdio: 'inherit' },
  );
  writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n');
  // The compiled files import @grpc/grpc-js: resolve it from tsctl's own node_modules.
  execFileSync('ln', ['-s', path.join(repo, 'node_modules'), path.join(tmp, 'node_modules')]);
  const load = (f) => import(pathToFileURL(path.join(out, f)).href);
  return { ...(await load('etcd/client.js')), ...(await load('core/discovery/registration.js')), ...(await load('core/discovery/subscriber.js')) };
}

async function startEtcd() {
  const port = await freePort();
  const peer = await freePort();
  const dataDir = path.join(tmp, 'etcd');
  const endpoint = `127.0.0.1:${port}`;
  let child;
  const launch = async () => {
    child = spawn('etcd', ['--data-dir', dataDir, '--listen-client-urls', `http://${endpoint}`, '--advertise-client-urls', `http://${endpoint}`, '--listen-peer-urls', `http://127.0.0.1:${peer}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${peer}`, '--initial-cluster', `default=http://127.0.0.1:${peer}`, '--log-level', 'error'], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (spawnSync('etcdctl', ['--endpoints', endpoint, '--dial-timeout=1s', 'endpoint', 'health'], { env: { ...process.env, ETCDCTL_API: '3' } }).status === 0) return;
      await sleep(100);
    }
    throw new Error('etcd did not start');
  };
  await launch();
  const ctl = (...args) => execFileSync('etcdctl', ['--endpoints', endpoint, ...args], { env: { ...process.env, ETCDCTL_API: '3' }, encoding: 'utf8' });
  return {
    endpoint,
    ctl,
    keys: (prefix) => ctl('get', '--prefix', '--keys-only', prefix).split('\n').filter(Boolean),
    stop: () => new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGTERM')))),
    start: launch,
  };
}

/** Polls `check` every 50 ms; the ms until it held, or null after `limitMs`. */
async function until(check, limitMs) {
  const start = Date.now();
  while (Date.now() - start < limitMs) {
    if (await check()) return Date.now() - start;
    await sleep(50);
  }
  return null;
}

/** A TCP proxy to `target` whose network can be cut (every connection dropped, new ones refused). */
async function proxy(target) {
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  const sockets = new Set();
  let cut = false;
  const server = net.createServer((client) => {
    if (cut) return client.destroy();
    const upstream = net.connect({ host, port });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const listenPort = await freePort();
  await new Promise((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  return {
    endpoint: `127.0.0.1:${listenPort}`,
    cut() {
      cut = true;
      for (const s of sockets) s.destroy();
    },
    heal() {
      cut = false;
    },
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(resolve);
    }),
  };
}

const { Etcd3 } = etcd3();
const ours = await tsctlRuntime();
const etcd = await startEtcd();
const net1 = await proxy(etcd.endpoint);
const results = [];
const show = (ms) => (ms === null ? 'not within 60 s' : `${(ms / 1000).toFixed(2)} s`);
const live = (prefix, key) => key !== undefined && etcd.keys(prefix).includes(key);
try {
  const e3 = new Etcd3({ hosts: `http://${net1.endpoint}` });
  let e3Key;
  const e3Register = async () => {
    for (;;) {
      try {
        const lease = e3.lease(TTL, { autoKeepAlive: true });
        lease.on('lost', () => {
          e3Key = undefined;
          void e3Register();
        });
        const id = await lease.grant();
        const key = `e3.rpc/${id}`;
        await lease.put(key).value('127.0.0.1:1');
        e3Key = key;
        return;
      } catch {
        await sleep(1000);
      }
    }
  };
  await e3Register();
  const e3Seen = new Set();
  const e3Watcher = await e3.watch().prefix('w/').create();
  e3Watcher.on('put', (kv) => e3Seen.add(kv.key.toString()));
  e3Watcher.on('error', () => undefined);

  const client = new ours.EtcdClient({ hosts: [net1.endpoint] });
  const registration = ours.register({ client, key: 'ts.rpc', value: '127.0.0.1:2', log: () => undefined });
  await registration.registered;
  const subscriber = ours.subscribe({ client, key: 'w', log: () => undefined });
  await subscriber.ready;

  /** After a fault ends: when each side is registered again and has seen a put made then. */
  const recovery = async (label, marker) => {
    etcd.ctl('put', `w/${marker}`, marker);
    const [e3Reg, tsReg, e3Watch, tsWatch] = await Promise.all([
      until(() => live('e3.rpc/', e3Key), 60_000),
      until(() => live('ts.rpc/', registration.currentKey), 60_000),
      until(() => e3Seen.has(`w/${marker}`), 60_000),
      until(() => subscriber.addresses.includes(marker), 60_000),
    ]);
    results.push([`${label}: registered again`, show(e3Reg), show(tsReg)]);
    results.push([`${label}: a put made then seen by the watcher`, show(e3Watch), show(tsWatch)]);
  };

  console.log(`partition of ${OUTAGE_MS / 1000} s …`);
  net1.cut();
  await sleep(OUTAGE_MS);
  net1.heal();
  await recovery(`after a ${OUTAGE_MS / 1000} s partition`, '10.0.0.1:1');
  await sleep(3000);

  console.log(`etcd stopped for ${OUTAGE_MS / 1000} s …`);
  await etcd.stop();
  await sleep(OUTAGE_MS);
  await etcd.start();
  await recovery(`after etcd was down ${OUTAGE_MS / 1000} s`, '10.0.0.2:1');
  await sleep(3000);

  console.log('revoking both leases …');
  const revoke = (key) => etcd.ctl('lease', 'revoke', BigInt(key.slice(key.indexOf('/') + 1)).toString(16));
  const e3Before = e3Key;
  const tsBefore = registration.currentKey;
  revoke(e3Before);
  revoke(tsBefore);
  const [e3Revoked, tsRevoked] = await Promise.all([
    until(() => e3Key !== e3Before && live('e3.rpc/', e3Key), 60_000),
    until(() => registration.currentKey !== tsBefore && live('ts.rpc/', registration.currentKey), 60_000),
  ]);
  results.push(['after its lease was revoked: registered again', show(e3Revoked), show(tsRevoked)]);

  e3Watcher.cancel().catch(() => undefined);
  e3.close();
  subscriber.close();
  await registration.stop();
  client.close();
} finally {
  await net1.close();
  await etcd.stop();
  rmSync(tmp, { recursive: true, force: true });
}

const width = Math.max(...results.map((r) => r[0].length));
console.log(`\n${'fault (lease TTL 10 s), time after it ended'.padEnd(width)}  ${'etcd3 1.1.2'.padEnd(16)}  tsctl runtime`);
for (const [what, a, b] of results) console.log(`${what.padEnd(width)}  ${a.padEnd(16)}  ${b}`);
process.exit(0);
