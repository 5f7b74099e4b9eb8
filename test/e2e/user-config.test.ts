/**
 * Typed user config, end to end: a generated gRPC service whose user declares their own keys in
 * src/user-config.ts (go-zero: the fields added to internal/config/config.go) loads a real
 * looklook-style etc file with DB, Cache, Redis and XxxRpcConf sections, reads them typed
 * (`config.DB.DataSource` is a string to the compiler), serves with it, and stops at start with the
 * key and the file named when a key is missing or mistyped.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, tsctl } from '../cli/run-cli.js';
import { type StartedProcess, linkNodeModules, projectNodeModules, repoRoot, startProcess, tsc } from './support.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-e2e-user-config-'));
const project = path.join(tmp, 'usercenter');
const looklook = path.join(repoRoot, 'fixtures/config/looklook/usercenter-rpc.yaml');
let nodeModules: string;
let server: StartedProcess | undefined;

const PROTO = `syntax = "proto3";

package usercenter;

message LoginReq {
  string mobile = 1;
}

message LoginResp {
  string access_token = 1;
}

service Usercenter {
  rpc Login(LoginReq) returns (LoginResp);
}
`;

/** What a looklook team declares in internal/config/config.go, as tsctl user config. */
const USER_CONFIG = `import { cacheConf, defineConfig, field, redisKeyConf, rpcClientConf } from './runtime/core/config/index.js';

export const userConfig = defineConfig({
  JwtAuth: field.object({ AccessSecret: field.string(), AccessExpire: field.number({ integer: true }) }),
  DB: field.object({ DataSource: field.string() }),
  Cache: cacheConf,
  Redis: redisKeyConf,
  IdentityRpcConf: rpcClientConf,
});
`;

/** Reads the config typed: each annotation below is checked by tsc, and a key that is not declared is an error. */
const SHOW_CONFIG = `import { loadConfig } from './config.js';

const config = loadConfig(process.argv.slice(2));
const dataSource: string = config.DB.DataSource;
const cacheHost: string | undefined = config.Cache[0]?.Host;
const cacheWeight: number | undefined = config.Cache[0]?.Weight;
const redisKey: string = config.Redis.Key;
const identityKey: string | undefined = config.IdentityRpcConf.Etcd?.Key;
const identityTimeout: number = config.IdentityRpcConf.Timeout;
const accessExpire: number = config.JwtAuth.AccessExpire;
// @ts-expect-error a key nobody declared is not part of the type
void config.DB.Password;
console.log(JSON.stringify({ dataSource, cacheHost, cacheWeight, redisKey, identityKey, identityTimeout, accessExpire, name: config.Name, timeout: config.Timeout }));
`;

function run(file: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; output: string }> {
  const child = startProcess(process.execPath, [file, ...args], project, { ...process.env, ...env });
  return child.exit(60_000).then((code) => ({ code, output: child.output() }));
}

beforeAll(() => {
  assertBuilt();
  nodeModules = projectNodeModules();
  mkdirSync(project, { recursive: true });
  writeFileSync(path.join(tmp, 'usercenter.proto'), PROTO);
}, 300_000);

afterAll(async () => {
  await server?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('typed user config in a generated service', () => {
  it('scaffolds src/user-config.ts once, and compiles with the keys the user declared, read typed', () => {
    const gen = tsctl(['gen', 'rpc', path.join(tmp, 'usercenter.proto'), '-o', project, '--name', 'usercenter']);
    expect(gen.stderr).toBe('');
    expect(gen.status).toBe(0);
    expect(readFileSync(path.join(project, 'src/user-config.ts'), 'utf8')).toMatch(/^\/\/ Scaffolded by tsctl: yours to edit/);
    writeFileSync(path.join(project, 'src/user-config.ts'), USER_CONFIG);
    writeFileSync(path.join(project, 'src/show-config.ts'), SHOW_CONFIG);
    copyFileSync(looklook, path.join(project, 'etc/usercenter.yaml'));
    linkNodeModules(project, nodeModules);
    const build = tsc(nodeModules, ['-p', 'tsconfig.json'], project);
    expect(build.output).toBe('');
    // Regeneration keeps the user's keys.
    expect(tsctl(['gen', 'rpc', path.join(tmp, 'usercenter.proto'), '-o', project, '--name', 'usercenter']).status).toBe(0);
    expect(readFileSync(path.join(project, 'src/user-config.ts'), 'utf8')).toBe(USER_CONFIG);
  }, 120_000);

  it('loads the looklook etc file: DB, Cache, Redis and IdentityRpcConf with go-zero defaults filled in', async () => {
    const result = await run('dist/show-config.js', ['-f', 'etc/usercenter.yaml'], { MYSQL_PASS: 's3cret' });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.output)).toEqual({
      dataSource: 'root:s3cret@tcp(mysql:3306)/looklook_usercenter?charset=utf8mb4&parseTime=true&loc=Asia%2FShanghai',
      cacheHost: 'redis:6379',
      cacheWeight: 100,
      redisKey: 'usercenter-rpc',
      identityKey: 'identity.rpc',
      identityTimeout: 2000,
      accessExpire: 31536000,
      name: 'usercenter-rpc',
      timeout: 2000,
    });
  });

  it('matches keys case-insensitively, as go-zero does, and reads .toml and .json too', async () => {
    writeFileSync(
      path.join(project, 'etc/lower.toml'),
      [
        'name = "usercenter-rpc"',
        'listenon = "127.0.0.1:0"',
        '[jwtauth]',
        'accesssecret = "x"',
        'accessexpire = 60',
        '[db]',
        'datasource = "toml-dsn"',
        '[[cache]]',
        'host = "cache:6379"',
        '[redis]',
        'host = "redis:6379"',
        'key = "k"',
        '[identityrpcconf]',
        'endpoints = ["127.0.0.1:9"]',
        '',
      ].join('\n'),
    );
    const toml = await run('dist/show-config.js', ['-f', 'etc/lower.toml']);
    expect(toml.code).toBe(0);
    expect(JSON.parse(toml.output)).toMatchObject({ dataSource: 'toml-dsn', cacheHost: 'cache:6379', redisKey: 'k', accessExpire: 60 });
    writeFileSync(
      path.join(project, 'etc/usercenter.json'),
      JSON.stringify({ Name: 'u', ListenOn: '127.0.0.1:0', JwtAuth: { AccessSecret: 'x', AccessExpire: 1 }, DB: { DataSource: 'json-dsn' }, Cache: [], Redis: { Host: 'r:1', Key: 'k' }, IdentityRpcConf: { Target: 'direct:///127.0.0.1:9' } }),
    );
    const json = await run('dist/show-config.js', ['-f', 'etc/usercenter.json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.output)).toMatchObject({ dataSource: 'json-dsn', name: 'u' });
  });

  it('serves with that config (the listen address overridden from the environment)', async () => {
    server = startProcess(process.execPath, ['dist/main.js', '-f', 'etc/usercenter.yaml'], project, { ...process.env, USERCENTER__ListenOn: '127.0.0.1:0' });
    await server.waitFor(/usercenter-rpc: serving usercenter\.Usercenter on 127\.0\.0\.1:\d+/, 60_000);
    const code = await server.stop();
    expect(code, server.output()).toBe(0);
  });

  it('stops at start naming the file and every missing or mistyped key, exit code 1', async () => {
    const text = readFileSync(looklook, 'utf8').replace(/^DB:\n.*\n/m, '').replace(/^Cache:\n(?: .*\n)+/m, 'Cache: redis:6379\n');
    writeFileSync(path.join(project, 'etc/bad.yaml'), text);
    const result = await run('dist/main.js', ['-f', 'etc/bad.yaml']);
    expect(result.code).toBe(1);
    expect(result.output).toBe('etc/bad.yaml: invalid configuration:\n  - DB.DataSource is required\n  - Cache must be a list, got "redis:6379"\n');
  });
});
