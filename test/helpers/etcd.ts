/**
 * A real etcd for tests (Debian's `etcd-server`, which `.ci/run` installs): one member on 127.0.0.1,
 * free client and peer ports, a temp data dir. Every test that starts one stops it (`stop()` in
 * afterAll/finally). `pause()` stops the process and `resume()` starts it again on the same ports
 * and data (leases keep their remaining TTL in etcd's store, as after a real restart).
 */
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, waitForPort } from '../interop/peers.mjs';

const execFileAsync = promisify(execFile);

/** Why etcd cannot run here, or null when `etcd` and `etcdctl` are on PATH. */
export function etcdStatus(): string | null {
  for (const tool of ['etcd', 'etcdctl']) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
    if (found.status !== 0) return `${tool} is not installed (Debian: apt-get install etcd-server etcd-client)`;
  }
  return null;
}

/**
 * Why a suite that needs etcd skips here, or null when it runs. Throws where etcd is required (CI,
 * where .ci/run installs it) but missing: there the suite must fail, not skip.
 */
export function etcdSkipReason(): string | null {
  const missing = etcdStatus();
  if (missing && etcdRequired()) throw new Error(`etcd is required here: ${missing}`);
  return missing;
}

/** True when tests that need etcd must run rather than skip (CI, where .ci/run installs it). */
export function etcdRequired(): boolean {
  return process.env.CI === 'true' || process.env.TSCTL_REQUIRE_ETCD === '1';
}

export interface EtcdServer {
  /** `127.0.0.1:<client port>`, as an `Etcd.Hosts` entry. */
  readonly endpoint: string;
  readonly port: number;
  /** Runs etcdctl against this server; resolves with stdout. */
  ctl(...args: string[]): Promise<string>;
  /** The values under `prefix` (keys and values, sorted by key). */
  list(prefix: string): Promise<{ key: string; value: string }[]>;
  /** Stops the process (SIGTERM, then SIGKILL), keeping the data dir; `resume()` starts it again. */
  pause(): Promise<void>;
  /** Starts etcd again on the same ports and data; resolves once it serves. */
  resume(): Promise<void>;
  /** Stops etcd for good and removes the data dir. */
  stop(): Promise<void>;
}

async function waitServing(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`etcd exited with ${child.exitCode}`);
    try {
      await execFileAsync('etcdctl', ['--endpoints', endpoint, '--dial-timeout=1s', '--command-timeout=1s', 'endpoint', 'health'], {
        env: { ...process.env, ETCDCTL_API: '3' },
      });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`etcd on ${endpoint} not healthy after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Starts a one-member etcd on loopback; resolves once `etcdctl endpoint health` passes. */
export async function startEtcd(): Promise<EtcdServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsctl-etcd-'));
  const port: number = await freePort();
  const peerPort: number = await freePort();
  const endpoint = `127.0.0.1:${port}`;
  const log = path.join(dataDir, 'etcd.log');
  let child: ChildProcess | undefined;

  const launch = async (): Promise<void> => {
    const out = fs.openSync(log, 'a');
    child = spawn(
      'etcd',
      [
        '--name',
        'test',
        '--data-dir',
        path.join(dataDir, 'data'),
        '--listen-client-urls',
        `http://${endpoint}`,
        '--advertise-client-urls',
        `http://${endpoint}`,
        '--listen-peer-urls',
        `http://127.0.0.1:${peerPort}`,
        '--initial-advertise-peer-urls',
        `http://127.0.0.1:${peerPort}`,
        '--initial-cluster',
        `test=http://127.0.0.1:${peerPort}`,
        '--log-level',
        'warn',
        '--logger',
        'zap',
      ],
      { stdio: ['ignore', out, out] },
    );
    fs.closeSync(out);
    await waitForPort(port, { timeoutMs: 20_000, alive: () => child?.exitCode === null });
    await waitServing(endpoint, child, 20_000);
  };

  const halt = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await launch();
  } catch (error) {
    await halt();
    const text = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${text}`);
  }

  const ctl = async (...args: string[]): Promise<string> => {
    const { stdout } = await execFileAsync('etcdctl', ['--endpoints', endpoint, '--dial-timeout=2s', '--command-timeout=3s', ...args], {
      env: { ...process.env, ETCDCTL_API: '3' },
    });
    return stdout;
  };

  return {
    endpoint,
    port,
    ctl,
    async list(prefix) {
      const out = await ctl('get', '--prefix', prefix, '-w', 'json');
      const parsed = JSON.parse(out) as { kvs?: { key: string; value: string }[] };
      return (parsed.kvs ?? [])
        .map((kv) => ({ key: Buffer.from(kv.key, 'base64').toString('utf8'), value: Buffer.from(kv.value, 'base64').toString('utf8') }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
    pause: halt,
    async resume() {
      if (child) return;
      await launch();
    },
    async stop() {
      await halt();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
