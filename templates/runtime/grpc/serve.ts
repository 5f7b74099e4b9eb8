/**
 * Starting and stopping the gRPC server of a generated service: bind, serve every service of the
 * contract on one port (with go-zero's server timeouts and, optionally, the gRPC health service), and
 * shut down gracefully (finish in-flight calls, then force) on SIGTERM/SIGINT.
 */
import * as grpc from '@grpc/grpc-js';
import { type Breaker, BreakerOpenError, Breakers, grpcAcceptable } from '../core/resilience/breaker.ts';
import { createHealthService, type HealthService } from './health.ts';
import { type ServiceBinding, withTimeout } from './server.ts';

export type { ServiceBinding } from './server.ts';


export interface ServeOptions {
  /** `host:port` as go-zero writes it (`0.0.0.0:8080`); port 0 picks a free one. */
  readonly listenOn: string;
  readonly services: readonly ServiceBinding[];
  /** Server interceptors, outermost first: the seam for logging, metrics, tracing, auth. */
  readonly interceptors?: readonly grpc.ServerInterceptor[];
  /** Insecure (plaintext) by default. */
  readonly credentials?: grpc.ServerCredentials;
  readonly channelOptions?: grpc.ChannelOptions;
  /**
   * Server timeouts of unary calls (go-zero `RpcServerConf.Timeout` and `MethodTimeouts`); none when
   * absent. Streaming calls get none, as in go-zero, whose timeout interceptor is unary-only.
   */
  readonly timeouts?: ServerTimeouts;
  /** Serve `grpc.health.v1.Health` (go-zero `RpcServerConf.Health`); off when absent. */
  readonly health?: boolean;
  /**
   * go-zero's server breaker (`Middlewares.Breaker`): one per method; when it is open a unary call is
   * answered UNAVAILABLE "circuit breaker is open" without running its logic. Off when absent.
   */
  readonly breaker?: boolean;
}

/** A timeout for one method (go-zero `MethodTimeoutConf`). */
export interface MethodTimeout {
  /** `/package.Service/Method` */
  readonly FullMethod: string;
  /** Milliseconds; 0 means none for this method. */
  readonly Timeout: number;
}

/**
 * go-zero's server timeout (`zrpc/internal/serverinterceptors/timeoutinterceptor.go`): a unary call's
 * context gets the sooner of the caller's deadline and the method's timeout; when the timeout fires the
 * caller gets DEADLINE_EXCEEDED and the logic's signal is aborted.
 */
export interface ServerTimeouts {
  /**
   * Milliseconds for every unary method (go-zero `Timeout`, default 2000). 0 turns server timeouts
   * off altogether, MethodTimeouts included, as go-zero installs its interceptor only when Timeout > 0.
   */
  readonly defaultMs: number;
  /** Per-method timeouts; they win over `defaultMs` for their method (go-zero `MethodTimeouts`). */
  readonly methods?: readonly MethodTimeout[];
}

export interface RunningServer {
  readonly server: grpc.Server;
  /** The port actually bound (useful with port 0). */
  readonly port: number;
  /** `host:port` actually bound. */
  readonly address: string;
  /** The health service, when served: set a service's status with `health.set`. */
  readonly health: HealthService | undefined;
  /**
   * Marks the health service NOT_SERVING (its watchers are told, then their streams end), stops
   * accepting calls, lets running ones finish for up to `graceMs`, then cancels the rest.
   */
  shutdown(graceMs?: number): Promise<void>;
}

/**
 * A unary handler under `breaker` (go-zero `serverinterceptors/breakerinterceptor.go`): rejected calls
 * are answered UNAVAILABLE without running the handler; the outcome is judged by go-zero's
 * `codes.Acceptable` (DEADLINE_EXCEEDED, INTERNAL, UNAVAILABLE… count as failures).
 */
function withBreaker(handler: grpc.handleUnaryCall<unknown, unknown>, breaker: Breaker): grpc.handleUnaryCall<unknown, unknown> {
  return (call, callback) => {
    const permit = breaker.allow();
    if (!permit) {
      callback({ code: grpc.status.UNAVAILABLE, details: new BreakerOpenError(breaker.name).message, metadata: new grpc.Metadata() });
      return;
    }
    handler(call, (error, value, trailer, flags) => {
      const code = error ? (typeof error.code === 'number' ? error.code : grpc.status.UNKNOWN) : grpc.status.OK;
      if (grpcAcceptable(code)) permit.accept();
      else permit.reject();
      callback(error, value, trailer, flags);
    });
  };
}

/** The implementation with each unary method's handler under its breaker (the breaker outside the timeout, as go-zero chains them). */
function withBreakers(service: ServiceBinding, implementation: grpc.UntypedServiceImplementation, breakers: Breakers | undefined): grpc.UntypedServiceImplementation {
  if (!breakers) return implementation;
  const wrapped: grpc.UntypedServiceImplementation = { ...implementation };
  for (const [key, method] of Object.entries(service.definition)) {
    if (method.requestStream || method.responseStream) continue;
    const name = key in wrapped ? key : method.originalName;
    const handler = name === undefined ? undefined : wrapped[name];
    if (name !== undefined && handler) wrapped[name] = withBreaker(handler as grpc.handleUnaryCall<unknown, unknown>, breakers.get(method.path));
  }
  return wrapped;
}

/** The implementation with each unary method's handler given its server timeout. */
function withTimeouts(service: ServiceBinding, timeouts: ServerTimeouts | undefined): grpc.UntypedServiceImplementation {
  if (!timeouts || !(timeouts.defaultMs > 0)) return service.implementation;
  const byMethod = new Map<string, number>();
  for (const method of timeouts.methods ?? []) if (method.FullMethod !== '') byMethod.set(method.FullMethod, method.Timeout);
  const implementation: grpc.UntypedServiceImplementation = { ...service.implementation };
  for (const [key, method] of Object.entries(service.definition)) {
    if (method.requestStream || method.responseStream) continue;
    const name = key in implementation ? key : method.originalName;
    const handler = name === undefined ? undefined : implementation[name];
    const ms = byMethod.get(method.path) ?? timeouts.defaultMs;
    if (name !== undefined && handler && ms > 0) implementation[name] = withTimeout(handler as grpc.handleUnaryCall<unknown, unknown>, ms);
  }
  return implementation;
}

/** Binds `listenOn` and serves `services` until `shutdown`. */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const server = new grpc.Server({ ...options.channelOptions, ...(options.interceptors ? { interceptors: [...options.interceptors] } : {}) });
  const breakers = options.breaker ? new Breakers() : undefined;
  for (const service of options.services) server.addService(service.definition, withBreakers(service, withTimeouts(service, options.timeouts), breakers));
  const health = options.health ? createHealthService(options.services.map((service) => service.name)) : undefined;
  if (health) server.addService(health.binding.definition, health.binding.implementation);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(options.listenOn, options.credentials ?? grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
  });
  const host = options.listenOn.slice(0, options.listenOn.lastIndexOf(':'));
  let stopping: Promise<void> | undefined;
  return {
    server,
    health,
    port,
    address: `${host}:${port}`,
    shutdown(graceMs = 5000): Promise<void> {
      stopping ??= new Promise<void>((resolve) => {
        health?.shutdown();
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      return stopping;
    },
  };
}
