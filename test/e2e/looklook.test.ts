/**
 * The looklook layout end to end (fixtures/looklook/): an npm workspace with the usercenter rpc
 * service, its client-only package and the usercenter api service, whose logic calls the rpc service
 * it finds in etcd. The fixture holds the contracts and the user's files; the test generates the
 * rest with `tsctl gen rpc` / `tsctl gen api` (the workspace's `gen` script), installs the workspace
 * with npm (which builds the client package through its `prepare` script), builds every package,
 * starts a real etcd, the rpc and the api service (which registers in etcd too, tsctl's extension),
 * and calls the api over HTTP.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, tsctl } from '../cli/run-cli.js';
import { type EtcdServer, etcdSkipReason, startEtcd } from '../helpers/etcd.js';
import { freePort } from '../interop/peers.mjs';
import { type StartedProcess, repoRoot, startProcess } from './support.js';

const missing = etcdSkipReason();

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-e2e-looklook-'));
const root = path.join(tmp, 'looklook');
const rpcDir = path.join(root, 'app/usercenter/cmd/rpc');
const apiDir = path.join(root, 'app/usercenter/cmd/api');

function npm(args: readonly string[], cwd: string): string {
  const result = spawnSync('npm', [...args], { cwd, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error', npm_config_fund: 'false', npm_config_audit: 'false' } });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

describe.skipIf(missing !== null)('the looklook layout: an api service calls an rpc service through etcd', () => {
  let etcd: EtcdServer;
  const processes: StartedProcess[] = [];

  beforeAll(async () => {
    assertBuilt();
    cpSync(path.join(repoRoot, 'fixtures/looklook'), root, { recursive: true });
    etcd = await startEtcd();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await etcd?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('generates both services into the folders of their contracts, keeping the files the fixture owns', () => {
    const rpc = tsctl(['gen', 'rpc', path.join(rpcDir, 'usercenter.proto'), '-o', rpcDir, '--name', 'usercenter']);
    expect(rpc.stderr).toBe('');
    expect(rpc.status).toBe(0);
    expect(rpc.stdout).toMatch(/2 of yours kept/);
    const api = tsctl(['gen', 'api', path.join(apiDir, 'usercenter.api'), '-o', apiDir]);
    expect(api.stderr).toBe('');
    expect(api.status).toBe(0);
    expect(api.stdout).toMatch(/5 of yours kept/);
  });

  it('installs as one npm workspace (building the client package) and builds every package', () => {
    npm(['install', '--prefer-offline'], root);
    npm(['run', 'build', '--workspaces'], root);
  }, 240_000);

  it('serves GET /usercenter/v1/user/:id from the rpc service it discovers in etcd', async () => {
    const rpcConfig = path.join(rpcDir, 'etc/e2e.yaml');
    writeFileSync(rpcConfig, ['Name: usercenter.rpc', 'ListenOn: 127.0.0.1:0', 'Mode: test', 'Etcd:', `  Hosts: ["${etcd.endpoint}"]`, '  Key: usercenter.rpc', ''].join('\n'));
    const rpc = startProcess(process.execPath, ['dist/main.js', '-f', rpcConfig], rpcDir);
    processes.push(rpc);
    await rpc.waitFor(/etcd: registered usercenter\.rpc\/\d+ → 127\.0\.0\.1:\d+/);

    const port = await freePort();
    const apiConfig = path.join(apiDir, 'etc/e2e.yaml');
    writeFileSync(
      apiConfig,
      [
        'Name: usercenter-api',
        'Host: 127.0.0.1',
        `Port: ${port}`,
        'Mode: test',
        // The api registers too (tsctl's extension): other services may find it the same way.
        'Etcd:',
        `  Hosts: ["${etcd.endpoint}"]`,
        '  Key: usercenter.api',
        'UsercenterRpcConf:',
        '  Etcd:',
        `    Hosts: ["${etcd.endpoint}"]`,
        '    Key: usercenter.rpc',
        '',
      ].join('\n'),
    );
    const api = startProcess(process.execPath, ['dist/main.js', '-f', apiConfig], apiDir);
    processes.push(api);
    await api.waitFor(/serving 1 routes/);

    const found = await fetch(`http://127.0.0.1:${port}/usercenter/v1/user/1`);
    expect(found.status).toBe(200);
    expect(await found.json()).toEqual({ userInfo: { id: 1, nickname: 'ann', mobile: '13800000001' } });
    const none = await fetch(`http://127.0.0.1:${port}/usercenter/v1/user/9`);
    expect(none.status).toBe(404);
    expect(await none.json()).toEqual({ code: 404, msg: 'no user 9' });
    expect(api.output()).toMatch(/etcd: usercenter\.rpc → 127\.0\.0\.1:\d+/);

    // The HTTP service's registration: go-zero's key and value shape, gone once it stops.
    await api.waitFor(/etcd: registered usercenter\.api\/\d+ → /);
    const registered = await etcd.list('usercenter.api/');
    expect(registered).toHaveLength(1);
    expect(registered[0]?.key).toMatch(/^usercenter\.api\/\d+$/);
    expect(registered[0]?.value).toBe(`127.0.0.1:${port}`);
    expect(await api.stop()).toBe(0);
    expect(await etcd.list('usercenter.api/')).toEqual([]);
  }, 60_000);
});
