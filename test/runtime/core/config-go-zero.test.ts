// go-zero's standard sections (templates/runtime/core/config/go-zero-*.ts): their defaults, exactly as
// go-zero v1.10.x fills them, their problems, and two looklook-style etc files loaded with a user schema.
import path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  cacheConf,
  defineConfig,
  field,
  loadConfig,
  redisConf,
  restConf,
  rpcClientConf,
  rpcServerConf,
  validate,
} from '../../../templates/runtime/core/config/index.js';

const looklook = path.join(import.meta.dirname, '../../../fixtures/config/looklook');

const logDefaults = {
  Mode: 'console',
  Encoding: 'json',
  Path: 'logs',
  Level: 'info',
  Stat: true,
  StackCooldownMillis: 100,
  MaxBackups: 0,
  MaxSize: 0,
  Rotation: 'daily',
};

describe('restConf', () => {
  it('fills go-zero RestConf defaults around Name and Port', () => {
    expect(validate({ Name: 'greet-api', Port: 8888 }, restConf)).toEqual({
      value: {
        Name: 'greet-api',
        Log: logDefaults,
        Mode: 'pro',
        Host: '0.0.0.0',
        Port: 8888,
        MaxConns: 10000,
        MaxBytes: 1048576,
        Timeout: 3000,
        CpuThreshold: 900,
        Middlewares: {
          Trace: true,
          Log: true,
          Prometheus: true,
          MaxConns: true,
          Breaker: true,
          Shedding: true,
          Timeout: true,
          Recover: true,
          Metrics: true,
          MaxBytes: true,
          Gunzip: true,
        },
        ShutdownTimeout: 5500,
      },
      problems: [],
    });
  });

  it('fills the defaults of the optional sections that are given', () => {
    const given = { Name: 'a', Port: 1, Prometheus: { Host: '0.0.0.0' }, Telemetry: {}, DevServer: {}, Shutdown: { WaitTime: '10s' }, Signature: { PrivateKeys: [] } };
    expect(validate(given, restConf).value).toMatchObject({
      Prometheus: { Host: '0.0.0.0', Port: 9101, Path: '/metrics' },
      Telemetry: { Sampler: 1, Batcher: 'otlpgrpc' },
      DevServer: {
        Enabled: true,
        Port: 6060,
        MetricsPath: '/metrics',
        HealthPath: '/healthz',
        EnableMetrics: true,
        EnablePprof: true,
        HealthResponse: 'OK',
      },
      Shutdown: { WrapUpTime: 1000, WaitTime: 10_000 },
      Signature: { Strict: false, Expiry: 3_600_000, PrivateKeys: [] },
    });
  });

  it('reports what go-zero would reject', () => {
    const given = { Port: 99999, Mode: 'prod', CpuThreshold: 1000, Log: { Level: 'warn' }, Telemetry: { Batcher: 'jaeger' }, Signature: {} };
    expect(validate(given, restConf).problems).toEqual([
      'Name is required',
      'Log.Level must be one of debug, info, error, severe, got "warn"',
      'Mode must be one of dev, test, rt, pre, pro, got "prod"',
      'Telemetry.Batcher must be one of zipkin, otlpgrpc, otlphttp, file, got "jaeger"',
      'Port must be an integer between 0 and 65535, got 99999',
      'CpuThreshold must be an integer between 0 and 999, got 1000',
      'Signature.PrivateKeys is required',
    ]);
  });
});

describe('rpcServerConf', () => {
  it('fills go-zero RpcServerConf defaults around Name and ListenOn', () => {
    expect(validate({ Name: 'greet.rpc', ListenOn: '0.0.0.0:8080' }, rpcServerConf)).toEqual({
      value: {
        Name: 'greet.rpc',
        Log: logDefaults,
        Mode: 'pro',
        ListenOn: '0.0.0.0:8080',
        Timeout: 2000,
        CpuThreshold: 900,
        Health: true,
        Middlewares: { Trace: true, Recover: true, Stat: true, Prometheus: true, Breaker: true },
        ShutdownTimeout: 5500,
      },
      problems: [],
    });
  });

  it('checks Etcd, Redis and MethodTimeouts only when they are given', () => {
    const given = { Name: 'a', ListenOn: 'x:1', Etcd: { Hosts: 'e1:2379,e2:2379' }, Redis: { Host: 'r:6379' }, MethodTimeouts: [{ FullMethod: '/a.A/M', Timeout: '1s' }, {}] };
    expect(validate(given, rpcServerConf).problems).toEqual([
      'Etcd.Key is required',
      'Redis.Key is required',
      'MethodTimeouts[1].FullMethod is required',
      'MethodTimeouts[1].Timeout is required',
    ]);
  });

  it('reads the stat interceptor settings', () => {
    const given = { Name: 'a', ListenOn: 'x:1', Middlewares: { Stat: false, StatConf: {} } };
    expect(validate(given, rpcServerConf).value.Middlewares).toEqual({
      Trace: true,
      Recover: true,
      Stat: false,
      StatConf: { SlowThreshold: 500 },
      Prometheus: true,
      Breaker: true,
    });
  });
});

describe('sections in a user schema', () => {
  const schema = defineConfig({ Redis: redisConf, Cache: cacheConf, UserRpc: rpcClientConf });

  it('reports the required keys of go-zero types', () => {
    expect(validate({}, schema).problems).toEqual(['Redis.Host is required', 'Cache is required']);
  });

  it('fills RedisConf, NodeConf and RpcClientConf defaults', () => {
    expect(validate({ Redis: { Host: 'r:6379' }, Cache: [{ Host: 'c:6379', Pass: 'p' }], UserRpc: { Endpoints: ['u:8080'], KeepaliveTime: '20s' } }, schema)).toEqual({
      value: {
        Redis: { Host: 'r:6379', Type: 'node', NonBlock: true, DisableIdentity: false, Protocol: 3, MaintNotifications: 'disabled', PingTimeout: 1000 },
        Cache: [{ Host: 'c:6379', Type: 'node', Pass: 'p', NonBlock: true, DisableIdentity: false, Protocol: 3, MaintNotifications: 'disabled', PingTimeout: 1000, Weight: 100 }],
        UserRpc: {
          Endpoints: ['u:8080'],
          NonBlock: true,
          Timeout: 2000,
          KeepaliveTime: 20_000,
          Middlewares: { Trace: true, Duration: true, Prometheus: true, Breaker: true, Timeout: true },
          BalancerName: 'p2c_ewma',
          // tsctl's retry (go-zero has none): 3 attempts on UNAVAILABLE.
          Retry: { MaxAttempts: 3, InitialBackoff: 50, MaxBackoff: 1000, Codes: ['UNAVAILABLE'] },
        },
      },
      problems: [],
    });
  });

  it('rejects a Redis type go-zero does not know', () => {
    expect(validate({ Redis: { Host: 'r', Type: 'sentinel' }, Cache: [] }, schema).problems).toEqual([
      'Redis.Type must be one of node, cluster, got "sentinel"',
    ]);
  });
});

describe('looklook etc files', () => {
  const jwtAuth = field.object({ AccessSecret: field.string(), AccessExpire: field.number({ integer: true, min: 1 }) });

  it('loads the API config with restConf and the user keys', async () => {
    const schema = defineConfig({ ...restConf, JwtAuth: jwtAuth, Redis: redisConf, UsercenterRpcConf: rpcClientConf });
    const config = loadConfig(path.join(looklook, 'usercenter-api.yaml'), schema, { envPrefix: 'USERCENTER_API', env: { REDIS_PASS: 'from-env' } });
    expectTypeOf(config.JwtAuth.AccessExpire).toEqualTypeOf<number>();
    expectTypeOf(config.UsercenterRpcConf.Endpoints).toEqualTypeOf<readonly string[] | undefined>();
    expect(config.Port).toBe(1004);
    expect(config.JwtAuth).toEqual({ AccessSecret: 'dev-only-3f1c9a7e-usercenter', AccessExpire: 31536000 });
    expect(config.Redis.Pass).toBe('from-env');
    expect(config.UsercenterRpcConf.Endpoints).toEqual(['127.0.0.1:2004']);
    await expect(`${JSON.stringify(config, null, 2)}\n`).toMatchFileSnapshot(path.join(looklook, 'usercenter-api.loaded.json'));
  });

  it('loads the RPC config with rpcServerConf and the user keys', async () => {
    const schema = defineConfig({
      ...rpcServerConf,
      JwtAuth: jwtAuth,
      DB: field.object({ DataSource: field.string() }),
      Cache: cacheConf,
      IdentityRpcConf: rpcClientConf,
    });
    const config = loadConfig(path.join(looklook, 'usercenter-rpc.yaml'), schema, { envPrefix: 'USERCENTER_RPC', env: { USERCENTER_RPC__Mode: 'pro' } });
    expectTypeOf(config.DB.DataSource).toEqualTypeOf<string>();
    expectTypeOf(config.Redis?.Key).toEqualTypeOf<string | undefined>();
    expect(config.Mode).toBe('pro');
    expect(config.DB.DataSource).toBe('root:dev-mysql-pass@tcp(mysql:3306)/looklook_usercenter?charset=utf8mb4&parseTime=true&loc=Asia%2FShanghai');
    expect(config.Redis?.Key).toBe('usercenter-rpc');
    expect(config.Cache.map((node) => [node.Host, node.Weight])).toEqual([['redis:6379', 100]]);
    expect(config.IdentityRpcConf.Etcd).toEqual({ Hosts: ['etcd:2379'], Key: 'identity.rpc' });
    await expect(`${JSON.stringify(config, null, 2)}\n`).toMatchFileSnapshot(path.join(looklook, 'usercenter-rpc.loaded.json'));
  });
});
