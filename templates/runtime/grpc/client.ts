/**
 * gRPC client runtime that tsctl-generated clients vendor (copied verbatim into `src/runtime/grpc/`).
 *
 * Unary calls return promises; streams are async iterables in both directions. Every call takes a
 * deadline (absolute, or milliseconds from now), metadata and an AbortSignal. Errors are the
 * grpc-js `ServiceError`s (`code`, `details`, `metadata`).
 */
import * as grpc from '@grpc/grpc-js';
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
  /** Used when a call sets no deadline; none by default. */
  readonly defaultTimeoutMs?: number;
}

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
  readonly raw: grpc.Client;
  private readonly defaultTimeoutMs: number | undefined;

  constructor(target: string, options: ClientOptions = {}) {
    this.raw = new grpc.Client(target, options.credentials ?? grpc.credentials.createInsecure(), {
      ...options.channelOptions,
      ...(options.interceptors ? { interceptors: [...options.interceptors] } : {}),
    });
    this.defaultTimeoutMs = options.defaultTimeoutMs;
  }

  /** Resolves once the channel is connected, or rejects at the deadline. */
  waitForReady(deadline: Date | number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.raw.waitForReady(typeof deadline === 'number' ? Date.now() + deadline : deadline, (error) => (error ? reject(error) : resolve()));
    });
  }

  close(): void {
    this.raw.close();
  }

  private callOptions(options: CallOptions): grpc.CallOptions & { deadline?: Date } {
    const deadline = options.deadline ?? this.defaultTimeoutMs;
    if (deadline === undefined) return {};
    return { deadline: typeof deadline === 'number' ? new Date(Date.now() + deadline) : deadline };
  }

  unary<Req, Res>(spec: MethodSpec<Req, Res>, request: Req, options: CallOptions = {}): Promise<Res> {
    const callOptions = this.callOptions(options);
    return awaitResponse<Res, grpc.ClientUnaryCall>(options.signal, callOptions.deadline, (done) =>
      this.raw.makeUnaryRequest<Req, Res>(
        spec.path,
        (m) => Buffer.from(spec.request.toBinary(m)),
        (b) => spec.response.fromBinary(b),
        request,
        toMetadata(options.metadata),
        callOptions,
        done,
      ),
    );
  }

  serverStream<Req, Res>(spec: MethodSpec<Req, Res>, request: Req, options: CallOptions = {}): AsyncIterable<Res> {
    const callOptions = this.callOptions(options);
    const start = (): grpc.ClientReadableStream<Res> =>
      this.raw.makeServerStreamRequest<Req, Res>(
        spec.path,
        (m) => Buffer.from(spec.request.toBinary(m)),
        (b) => spec.response.fromBinary(b),
        request,
        toMetadata(options.metadata),
        callOptions,
      );
    return readAll(start, options.signal, callOptions.deadline);
  }

  clientStream<Req, Res>(spec: MethodSpec<Req, Res>, requests: Requests<Req>, options: CallOptions = {}): Promise<Res> {
    const callOptions = this.callOptions(options);
    return awaitResponse<Res, grpc.ClientWritableStream<Req>>(
      options.signal,
      callOptions.deadline,
      (done) =>
        this.raw.makeClientStreamRequest<Req, Res>(
          spec.path,
          (m) => Buffer.from(spec.request.toBinary(m)),
          (b) => spec.response.fromBinary(b),
          toMetadata(options.metadata),
          callOptions,
          done,
        ),
      (call, fail) => {
        writeAll(call, requests).catch(fail);
      },
    );
  }

  bidiStream<Req, Res>(spec: MethodSpec<Req, Res>, requests: Requests<Req>, options: CallOptions = {}): AsyncIterable<Res> {
    const callOptions = this.callOptions(options);
    const start = (): grpc.ClientDuplexStream<Req, Res> => {
      const call = this.raw.makeBidiStreamRequest<Req, Res>(
        spec.path,
        (m) => Buffer.from(spec.request.toBinary(m)),
        (b) => spec.response.fromBinary(b),
        toMetadata(options.metadata),
        callOptions,
      );
      writeAll(call, requests).catch((error: unknown) => call.destroy(error instanceof Error ? error : new Error(String(error))));
      return call;
    };
    return readAll(start, options.signal, callOptions.deadline);
  }
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
function readAll<Res>(
  start: () => grpc.ClientReadableStream<Res> | grpc.ClientDuplexStream<unknown, Res>,
  signal: AbortSignal | undefined,
  deadline: Date | undefined,
): AsyncIterable<Res> {
  return {
    async *[Symbol.asyncIterator](): AsyncIterator<Res> {
      if (signal?.aborted) throw cancelledError(signal.reason);
      const call = start();
      const onAbort = (): void => call.cancel();
      signal?.addEventListener('abort', onAbort, { once: true });
      let finished = false;
      try {
        // Not the default iterator: it would destroy a duplex call (and its request side) when done.
        const messages: AsyncIterable<Res> = { [Symbol.asyncIterator]: () => call.iterator({ destroyOnReturn: false }) as AsyncIterator<Res> };
        try {
          for await (const message of messages) yield message;
        } catch (error) {
          throw atDeadline(error, deadline, signal);
        }
        finished = true;
      } finally {
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
