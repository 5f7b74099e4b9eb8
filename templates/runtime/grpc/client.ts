/**
 * gRPC client runtime that tsctl-generated clients vendor (copied verbatim into `src/runtime/grpc/`).
 *
 * Unary calls return promises; streams are async iterables in both directions. Every call takes a
 * deadline (absolute, or milliseconds from now), metadata and an AbortSignal. Errors are the
 * grpc-js `ServiceError`s (`code`, `details`, `metadata`).
 *
 * A client is made from a target string (`host:port`, `etcd:///h1:2379?key=user.rpc`,
 * `direct:///a:1,b:2`, or anything grpc-js resolves such as `dns:///svc:8080`) or from go-zero's
 * `RpcClientConf` keys (Endpoints > Target > Etcd; Timeout, App/Token, KeepaliveTime, NonBlock,
 * BalancerName). Several servers are balanced per call with go-zero's p2c (see channels.ts).
 */
import * as grpc from '@grpc/grpc-js';
import type { DiscoveryLog } from '../core/discovery/log.ts';
import { acceptable } from '../core/discovery/p2c.ts';
import { type Target, type TargetConf, formatTarget, parseTarget, targetOf } from '../core/discovery/target.ts';
import { BreakerOpenError, Breakers } from '../core/resilience/breaker.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retry } from '../core/resilience/retry.ts';
import { type ChannelPick, type ChannelSource, channelSource, unavailable } from './channels.ts';
import type { MethodSpec } from './method.ts';

export interface CallOptions {
  /** An absolute deadline, or a timeout in milliseconds from now. */
  readonly deadline?: Date | number;
  readonly metadata?: grpc.Metadata | Readonly<Record<string, string | readonly string[]>>;
  /** Aborting cancels the call; the caller then sees a CANCELLED error. */
  readonly signal?: AbortSignal;
}

export interface ClientOptions {
  /** Insecure (plaintext) by default. */
  readonly credentials?: grpc.ChannelCredentials;
  readonly channelOptions?: grpc.ChannelOptions;
  /** Client interceptors, outermost first: the seam for retry, breaker, tracing and metrics. */
  readonly interceptors?: readonly grpc.Interceptor[];
  /** Used when a call sets no deadline; none by default (a config's Timeout sets it). */
  readonly defaultTimeoutMs?: number;
  /** Where discovery logs its changes of state (console by default). */
  readonly log?: DiscoveryLog;
  /** false: no circuit breaker, whatever the config says. */
  readonly breakers?: false;
  /** The retry policy of unary calls, instead of the config's `Retry` (`{ ...DEFAULT_RETRY_POLICY, maxAttempts: 1 }` turns it off). */
  readonly retry?: RetryPolicy;
}

/**
 * go-zero's `RpcClientConf` keys a client reads (`rpcClientConf` in the config runtime produces
 * them); every key is optional here, so `{ Endpoints: ['127.0.0.1:8080'] }` is a whole config.
 */
export interface RpcClientConfig extends TargetConf {
  /** Sent as `app` metadata with Token, for servers that check credentials (go-zero App). */
  readonly App?: string;
  /** Sent as `token` metadata with App (go-zero Token). */
  readonly Token?: string;
  /** false: calls wait for a connected server until their deadline instead of failing fast (go-zero NonBlock, true by default). */
  readonly NonBlock?: boolean;
  /** The deadline of calls that set none, in milliseconds; 0 means none (go-zero Timeout, 2000). */
  readonly Timeout?: number;
  /** Interval of keepalive pings, in milliseconds (go-zero KeepaliveTime). */
  readonly KeepaliveTime?: number;
  /** `p2c_ewma` (default) or `round_robin` (go-zero BalancerName). */
  readonly BalancerName?: string;
  readonly Middlewares?: {
    /** false: no default deadline (go-zero Middlewares.Timeout). */
    readonly Timeout?: boolean;
    /** false: no circuit breaker (go-zero Middlewares.Breaker). */
    readonly Breaker?: boolean;
  };
  /** Retrying unary calls (tsctl's extension; on by default: 3 attempts on UNAVAILABLE). */
  readonly Retry?: {
    readonly MaxAttempts?: number;
    readonly InitialBackoff?: number;
    readonly MaxBackoff?: number;
    /** Status names (`UNAVAILABLE`, …). */
    readonly Codes?: readonly string[];
  };
}

/** The retry policy of a config's `Retry` section (defaults for what it leaves out). */
function retryPolicyOf(section: RpcClientConfig['Retry']): RetryPolicy {
  const codes = section?.Codes?.map((name) => {
    const code = (grpc.status as unknown as Record<string, number | undefined>)[name];
    if (typeof code !== 'number') throw new TypeError(`Retry.Codes: ${JSON.stringify(name)} is not a gRPC status name`);
    return code;
  });
  return {
    ...DEFAULT_RETRY_POLICY,
    ...(section?.MaxAttempts !== undefined ? { maxAttempts: section.MaxAttempts } : {}),
    ...(section?.InitialBackoff !== undefined ? { initialBackoffMs: section.InitialBackoff } : {}),
    ...(section?.MaxBackoff !== undefined ? { maxBackoffMs: section.MaxBackoff } : {}),
    ...(codes !== undefined ? { retryableCodes: codes } : {}),
  };
}

/** go-zero's default call timeout of a client, in milliseconds. */
const DEFAULT_TIMEOUT_MS = 2000;

export type Requests<T> = AsyncIterable<T> | Iterable<T>;

function toMetadata(value: CallOptions['metadata']): grpc.Metadata {
  if (value === undefined) return new grpc.Metadata();
  if (value instanceof grpc.Metadata) return value;
  const metadata = new grpc.Metadata();
  for (const [key, entry] of Object.entries(value)) {
    const values: readonly string[] = typeof entry === 'string' ? [entry] : entry;
    for (const v of values) metadata.add(key, v);
  }
  return metadata;
}

function cancelledError(reason: unknown): Error {
  const error = new Error(reason instanceof Error ? reason.message : 'the call was aborted') as Error & { code: grpc.status; details: string };
  error.name = 'AbortError';
  error.code = grpc.status.CANCELLED;
  error.details = error.message;
  return error;
}

/**
 * A connection to one server, with one call function per streaming kind. A generated client holds one
 * and exposes a method per RPC.
 */
export class RpcClient {
  readonly #channels: ChannelSource;
  readonly #defaultTimeoutMs: number | undefined;
  readonly #metadata: Readonly<Record<string, string>>;
  readonly #waitForReady: boolean;
  /** One breaker per method of this target (go-zero names them target + method); none when switched off. */
  readonly #breakers: Breakers | undefined;
  readonly #breakerPrefix: string;
  readonly #retry: RetryPolicy;

  /** `target` is a target string or go-zero's `RpcClientConf` keys (see the file's comment). */
  constructor(target: string | RpcClientConfig, options: ClientOptions = {}) {
    const conf: RpcClientConfig = typeof target === 'string' ? {} : target;
    const resolved: Target = typeof target === 'string' ? parseTarget(target) : targetOf(target);
    const keepalive = conf.KeepaliveTime !== undefined && conf.KeepaliveTime > 0 ? { 'grpc.keepalive_time_ms': conf.KeepaliveTime } : {};
    const channelOptions: grpc.ChannelOptions = {
      ...keepalive,
      ...options.channelOptions,
      ...(options.interceptors ? { interceptors: [...options.interceptors] } : {}),
    };
    const credentials = options.credentials ?? grpc.credentials.createInsecure();
    this.#channels = channelSource(resolved, (address) => new grpc.Client(address, credentials, channelOptions), conf.BalancerName ?? 'p2c_ewma', options.log);
    const configTimeout = conf.Middlewares?.Timeout === false ? 0 : (conf.Timeout ?? (typeof target === 'string' ? 0 : DEFAULT_TIMEOUT_MS));
    this.#defaultTimeoutMs = options.defaultTimeoutMs ?? (configTimeout > 0 ? configTimeout : undefined);
    this.#metadata = conf.App && conf.Token ? { app: conf.App, token: conf.Token } : {};
    this.#waitForReady = conf.NonBlock === false;
    this.#breakers = options.breakers === false || conf.Middlewares?.Breaker === false ? undefined : new Breakers();
    this.#breakerPrefix = typeof target === 'string' ? target : formatTarget(resolved);
    this.#retry = options.retry ?? retryPolicyOf(conf.Retry);
  }

  /** Resolves once a server is connected, or rejects at the deadline. */
  waitForReady(deadline: Date | number): Promise<void> {
    return this.#channels.waitForReady(typeof deadline === 'number' ? new Date(Date.now() + deadline) : deadline);
  }

  /** Closes every connection (and stops following etcd); calls in flight are cancelled. */
  close(): void {
    this.#channels.close();
  }

  private callOptions(options: CallOptions): grpc.CallOptions & { deadline?: Date } {
    const deadline = options.deadline ?? this.#defaultTimeoutMs;
    if (deadline === undefined) return {};
    return { deadline: typeof deadline === 'number' ? new Date(Date.now() + deadline) : deadline };
  }

  private metadata(options: CallOptions): grpc.Metadata {
    const metadata = toMetadata(options.metadata);
    for (const [key, value] of Object.entries(this.#metadata)) if (metadata.get(key).length === 0) metadata.set(key, value);
    // NonBlock: false — wait for a connected server (until the deadline) instead of failing fast.
    if (this.#waitForReady) metadata.setOptions({ waitForReady: true });
    return metadata;
  }

  /** A channel for one call, from the balancer (async: it may wait for the first etcd read). */
  private pick(deadline: Date | undefined): Promise<ChannelPick> {
    return new Promise((resolve) => resolve(this.#channels.pick(deadline)));
  }

  /**
   * A unary call: under the method's breaker (open → UNAVAILABLE "circuit breaker is open", counted
   * once however many attempts), retried on the policy's codes with backoff, never past the deadline.
   */
  unary<Req, Res>(spec: MethodSpec<Req, Res>, request: Req, options: CallOptions = {}): Promise<Res> {
    const callOptions = this.callOptions(options);
    const attempt = (): Promise<Res> =>
      this.pick(callOptions.deadline).then((pick) =>
        reported(
          pick,
          awaitResponse<Res, grpc.ClientUnaryCall>(options.signal, callOptions.deadline, (done) =>
            pick.client.makeUnaryRequest<Req, Res>(
              spec.path,
              (m) => Buffer.from(spec.request.toBinary(m)),
              (b) => spec.response.fromBinary(b),
              request,
              this.metadata(options),
              callOptions,
              done,
            ),
          ),
        ),
      );
    const attempts = (): Promise<Res> =>
      this.#retry.maxAttempts <= 1
        ? attempt()
        : retry(attempt, {
            policy: this.#retry,
            ...(callOptions.deadline ? { deadline: callOptions.deadline.getTime() } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
            codeOf: statusOf,
          }).catch((error: unknown) => {
            // Aborted between attempts: the caller sees CANCELLED, as for an abort during a call.
            if (options.signal?.aborted && (error === options.signal.reason || (error as Error | null)?.name === 'AbortError')) throw cancelledError(options.signal.reason);
            throw error;
          });
    if (!this.#breakers) return attempts();
    return this.#breakers
      .get(`${this.#breakerPrefix}${spec.path}`)
      .run(attempts, (error) => acceptable(statusOf(error)))
      .catch((error: unknown) => {
        throw error instanceof BreakerOpenError ? unavailable(error.message) : error;
      });
  }

  serverStream<Req, Res>(spec: MethodSpec<Req, Res>, request: Req, options: CallOptions = {}): AsyncIterable<Res> {
    const callOptions = this.callOptions(options);
    const start = async (): Promise<Started<Res>> => {
      const pick = await this.pick(callOptions.deadline);
      const call = pick.client.makeServerStreamRequest<Req, Res>(
        spec.path,
        (m) => Buffer.from(spec.request.toBinary(m)),
        (b) => spec.response.fromBinary(b),
        request,
        this.metadata(options),
        callOptions,
      );
      return { call, pick };
    };
    return readAll(start, options.signal, callOptions.deadline);
  }

  clientStream<Req, Res>(spec: MethodSpec<Req, Res>, requests: Requests<Req>, options: CallOptions = {}): Promise<Res> {
    const callOptions = this.callOptions(options);
    return this.pick(callOptions.deadline).then((pick) =>
      reported(
        pick,
        awaitResponse<Res, grpc.ClientWritableStream<Req>>(
          options.signal,
          callOptions.deadline,
          (done) =>
            pick.client.makeClientStreamRequest<Req, Res>(
              spec.path,
              (m) => Buffer.from(spec.request.toBinary(m)),
              (b) => spec.response.fromBinary(b),
              this.metadata(options),
              callOptions,
              done,
            ),
          (call, fail) => {
            writeAll(call, requests).catch(fail);
          },
        ),
      ),
    );
  }

  bidiStream<Req, Res>(spec: MethodSpec<Req, Res>, requests: Requests<Req>, options: CallOptions = {}): AsyncIterable<Res> {
    const callOptions = this.callOptions(options);
    const start = async (): Promise<Started<Res>> => {
      const pick = await this.pick(callOptions.deadline);
      const call = pick.client.makeBidiStreamRequest<Req, Res>(
        spec.path,
        (m) => Buffer.from(spec.request.toBinary(m)),
        (b) => spec.response.fromBinary(b),
        this.metadata(options),
        callOptions,
      );
      writeAll(call, requests).catch((error: unknown) => call.destroy(error instanceof Error ? error : new Error(String(error))));
      return { call, pick };
    };
    return readAll(start, options.signal, callOptions.deadline);
  }
}

/** A started stream and the pick that chose its channel. */
interface Started<Res> {
  readonly call: grpc.ClientReadableStream<Res> | grpc.ClientDuplexStream<unknown, Res>;
  readonly pick: ChannelPick;
}

/** The status code of a call's outcome: 0 for a response, the error's code otherwise (UNKNOWN if it has none). */
function statusOf(error: unknown): number {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : grpc.status.UNKNOWN;
}

/** Tells the balancer how the call ended. */
function reported<Res>(pick: ChannelPick, response: Promise<Res>): Promise<Res> {
  return response.then(
    (value) => {
      pick.done(grpc.status.OK);
      return value;
    },
    (error: unknown) => {
      pick.done(statusOf(error));
      throw error;
    },
  );
}

/** Writes every request with backpressure, then half-closes the stream. */
async function writeAll<Req>(call: grpc.ClientWritableStream<Req> | grpc.ClientDuplexStream<Req, unknown>, requests: Requests<Req>): Promise<void> {
  for await (const request of requests as AsyncIterable<Req>) {
    if (call.destroyed) return;
    if (!call.write(request)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          call.off('drain', done);
          call.off('close', done);
          resolve();
        };
        call.on('drain', done);
        call.on('close', done);
      });
    }
  }
  call.end();
}

/**
 * At its deadline a grpc-go server resets the stream (RST_STREAM CANCEL) without a status, and grpc-js
 * reports CANCELLED when that reset arrives before its own deadline timer fires. A call whose deadline
 * has passed and that its caller did not cancel has exceeded its deadline: report DEADLINE_EXCEEDED, as
 * grpc-go clients (and grpc-js itself, when its timer wins) do.
 */
export function atDeadline(error: unknown, deadline: Date | undefined, signal: AbortSignal | undefined): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== grpc.status.CANCELLED || deadline === undefined || signal?.aborted === true || Date.now() < deadline.getTime()) return error;
  const exceeded = new Error(`${grpc.status.DEADLINE_EXCEEDED} DEADLINE_EXCEEDED: Deadline exceeded`, { cause: error }) as grpc.ServiceError;
  exceeded.code = grpc.status.DEADLINE_EXCEEDED;
  exceeded.details = 'Deadline exceeded';
  exceeded.metadata = (error as { metadata?: grpc.Metadata }).metadata ?? new grpc.Metadata();
  return exceeded;
}

/**
 * A call answered by one callback (unary, client stream) as a promise, cancelled when `signal` aborts.
 * `feed` starts whatever else the call needs (the request stream); its `fail` cancels the call and
 * rejects, unless the response has already settled it.
 */
function awaitResponse<Res, Call extends grpc.Call>(
  signal: AbortSignal | undefined,
  deadline: Date | undefined,
  start: (done: grpc.requestCallback<Res>) => Call,
  feed?: (call: Call, fail: (error: unknown) => void) => void,
): Promise<Res> {
  return new Promise<Res>((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError(signal.reason));
    let settled = false;
    const call = start((error, response) => {
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(atDeadline(error, deadline, signal));
      else resolve(response as Res);
    });
    const onAbort = (): void => call.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    feed?.(call, (error) => {
      if (settled) return;
      call.cancel();
      reject(error);
    });
  });
}

/** The responses of a stream; the call starts on first iteration and is cancelled if iteration stops early. */
function readAll<Res>(start: () => Promise<Started<Res>>, signal: AbortSignal | undefined, deadline: Date | undefined): AsyncIterable<Res> {
  return {
    async *[Symbol.asyncIterator](): AsyncIterator<Res> {
      if (signal?.aborted) throw cancelledError(signal.reason);
      const { call, pick } = await start();
      const onAbort = (): void => call.cancel();
      signal?.addEventListener('abort', onAbort, { once: true });
      let finished = false;
      let code: number = grpc.status.CANCELLED;
      try {
        // Not the default iterator: it would destroy a duplex call (and its request side) when done.
        const messages: AsyncIterable<Res> = { [Symbol.asyncIterator]: () => call.iterator({ destroyOnReturn: false }) as AsyncIterator<Res> };
        try {
          for await (const message of messages) yield message;
        } catch (error) {
          const reportedError = atDeadline(error, deadline, signal);
          code = statusOf(reportedError);
          throw reportedError;
        }
        finished = true;
        code = grpc.status.OK;
      } finally {
        pick.done(code);
        signal?.removeEventListener('abort', onAbort);
        if (!finished) {
          // The caller stopped reading: cancel, and swallow the CANCELLED error that cancelling emits.
          call.on('error', () => undefined);
          call.cancel();
        }
      }
    },
  };
}
