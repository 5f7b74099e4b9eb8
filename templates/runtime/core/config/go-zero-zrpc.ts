/**
 * go-zero's zrpc sections (`zrpc/config.go`, `zrpc/internal/config.go`,
 * `zrpc/internal/serverinterceptors/{statinterceptor,timeoutinterceptor}.go`, v1.10.x): `rpcServerConf`,
 * the base of an RPC service's config (the `ServiceConf` keys plus the server's own, and tsctl's
 * `ShutdownTimeout`), and `rpcClientConf`, the section a user adds per service they call
 * (`UsercenterRpcConf: rpcClientConf`). A client's target is Endpoints, else Target, else Etcd.
 */
import { etcdConf } from './go-zero-etcd.ts';
import { redisKeyConf } from './go-zero-redis.ts';
import { serviceConf } from './go-zero-service.ts';
import { defineConfig, field } from './schema.ts';

/** Which built-in client interceptors run; all on by default (go-zero `zrpc.ClientMiddlewaresConf`). */
export const clientMiddlewaresConf = field.object({
  /** Tracing spans (go-zero Middlewares.Trace). */
  Trace: field.boolean({ default: true }),
  /** Logging slow calls (go-zero Middlewares.Duration). */
  Duration: field.boolean({ default: true }),
  /** Prometheus call metrics (go-zero Middlewares.Prometheus). */
  Prometheus: field.boolean({ default: true }),
  /** The adaptive circuit breaker (go-zero Middlewares.Breaker). */
  Breaker: field.boolean({ default: true }),
  /** The call Timeout (go-zero Middlewares.Timeout). */
  Timeout: field.boolean({ default: true }),
});

/** Settings of the server's stat interceptor (go-zero `zrpc.StatConf`). */
export const statConf = field.object({
  /** Calls slower than this are logged as slow, in milliseconds (go-zero StatConf.SlowThreshold). */
  SlowThreshold: field.duration({ default: '500ms' }),
  /** Full method names whose request and response are not logged (go-zero StatConf.IgnoreContentMethods). */
  IgnoreContentMethods: field.list(field.string(), { optional: true }),
});

/** Which built-in server interceptors run; all on by default (go-zero `zrpc.ServerMiddlewaresConf`). */
export const serverMiddlewaresConf = field.object({
  /** Tracing spans (go-zero Middlewares.Trace). */
  Trace: field.boolean({ default: true }),
  /** Turning a thrown error into INTERNAL (go-zero Middlewares.Recover). */
  Recover: field.boolean({ default: true }),
  /** Call statistics and slow-call logs (go-zero Middlewares.Stat). */
  Stat: field.boolean({ default: true }),
  /** Settings of the stat interceptor (go-zero Middlewares.StatConf). */
  StatConf: field.object(statConf.fields, { optional: true }),
  /** Prometheus call metrics (go-zero Middlewares.Prometheus). */
  Prometheus: field.boolean({ default: true }),
  /** The adaptive circuit breaker (go-zero Middlewares.Breaker). */
  Breaker: field.boolean({ default: true }),
});

/** A timeout for one method (go-zero `zrpc.MethodTimeoutConf`). */
export const methodTimeoutConf = field.object({
  /** The method, /package.Service/Method (go-zero MethodTimeoutConf.FullMethod). */
  FullMethod: field.string(),
  /** Its timeout in milliseconds (go-zero MethodTimeoutConf.Timeout). */
  Timeout: field.duration(),
});

/** gRPC status names a client may retry on (tsctl's `Retry.Codes`). */
export const GRPC_CODE_NAMES = [
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
] as const;

/**
 * Retrying unary calls (tsctl, not go-zero, which has no retry): exponential backoff with full jitter,
 * only on the listed codes, never past the call's deadline; the breaker counts the call once.
 */
export const retryConf = field.object({
  /** Attempts in all, the first included; 1 turns retry off. */
  MaxAttempts: field.number({ default: 3, integer: true, min: 1, max: 10 }),
  /** The first backoff's upper bound, in milliseconds; each next one doubles, up to MaxBackoff. */
  InitialBackoff: field.duration({ default: '50ms' }),
  /** The largest backoff, in milliseconds. */
  MaxBackoff: field.duration({ default: '1s' }),
  /** Status codes that are safe to retry: a call that failed with one was not processed. */
  Codes: field.list(field.oneOf(GRPC_CODE_NAMES), { default: ['UNAVAILABLE'] }),
});

/** A client of one RPC service (go-zero `zrpc.RpcClientConf`). */
export const rpcClientConf = field.object({
  /** Discover the service in etcd; missing keys come from an enclosing Etcd (go-zero RpcClientConf.Etcd, `optional,inherit`). */
  Etcd: field.object(etcdConf.fields, { optional: true, inherit: true }),
  /** Fixed server addresses, host:port; they win over Target and Etcd (go-zero RpcClientConf.Endpoints). */
  Endpoints: field.list(field.string(), { optional: true }),
  /** A gRPC target such as dns:///svc:8080; wins over Etcd (go-zero RpcClientConf.Target). */
  Target: field.string({ optional: true }),
  /** App name sent for server-side auth (go-zero RpcClientConf.App). */
  App: field.string({ optional: true }),
  /** Token sent for server-side auth (go-zero RpcClientConf.Token). */
  Token: field.string({ optional: true }),
  /** Start without waiting for a connection (go-zero RpcClientConf.NonBlock). */
  NonBlock: field.boolean({ default: true }),
  /** Call timeout in milliseconds; 0 means none (go-zero RpcClientConf.Timeout). */
  Timeout: field.number({ default: 2000, integer: true, min: 0 }),
  /** Interval of keepalive pings, in milliseconds (go-zero RpcClientConf.KeepaliveTime). */
  KeepaliveTime: field.duration({ optional: true }),
  /** Which built-in interceptors run (go-zero RpcClientConf.Middlewares). */
  Middlewares: clientMiddlewaresConf,
  /** Load balancer name (go-zero RpcClientConf.BalancerName). */
  BalancerName: field.string({ default: 'p2c_ewma' }),
  /** Retrying unary calls (tsctl, not go-zero). */
  Retry: retryConf,
});

/** go-zero's `zrpc.RpcServerConf` keys, plus tsctl's ShutdownTimeout. Spread it into a schema. */
export const rpcServerConf = defineConfig({
  ...serviceConf,
  /** Address to listen on, host:port (go-zero RpcServerConf.ListenOn). */
  ListenOn: field.string(),
  /** Register in etcd (go-zero RpcServerConf.Etcd). */
  Etcd: field.object(etcdConf.fields, { optional: true, inherit: true }),
  /** Check App/Token credentials against Redis (go-zero RpcServerConf.Auth). */
  Auth: field.boolean({ optional: true }),
  /** Where Auth credentials are kept (go-zero RpcServerConf.Redis). */
  Redis: field.object(redisKeyConf.fields, { optional: true }),
  /** Reject calls without credentials when Auth is on (go-zero RpcServerConf.StrictControl). */
  StrictControl: field.boolean({ optional: true }),
  /** Call timeout in milliseconds; 0 means none (go-zero RpcServerConf.Timeout). */
  Timeout: field.number({ default: 2000, integer: true, min: 0 }),
  /** CPU load, out of 1000, above which load shedding starts; 0 disables it (go-zero RpcServerConf.CpuThreshold, range [0:1000)). */
  CpuThreshold: field.number({ default: 900, integer: true, min: 0, max: 999 }),
  /** Serve the gRPC health service (go-zero RpcServerConf.Health). */
  Health: field.boolean({ default: true }),
  /** Which built-in interceptors run (go-zero RpcServerConf.Middlewares). */
  Middlewares: serverMiddlewaresConf,
  /** Timeouts for single methods (go-zero RpcServerConf.MethodTimeouts). */
  MethodTimeouts: field.list(methodTimeoutConf, { optional: true }),
  /** How long a shutdown waits for running calls, in milliseconds (tsctl, not go-zero). */
  ShutdownTimeout: field.number({ default: 5500, min: 0 }),
});
