/**
 * gRPC server runtime that tsctl-generated services vendor (copied verbatim into `src/runtime/grpc/`).
 *
 * It turns typed logic functions into @grpc/grpc-js handlers: unary logic returns a promise, streaming
 * logic takes and/or returns async iterables. Messages are encoded by the generated protobuf codecs,
 * so the wire format is plain protobuf, interoperable with every gRPC implementation.
 */
import * as grpc from '@grpc/grpc-js';
import { RpcError, toServiceError } from './errors.ts';

/** One service of the contract, bound to its logic: what `serve` serves. */
export interface ServiceBinding {
  /** The fully-qualified service name (`pkg.Greeter`). */
  readonly name: string;
  readonly definition: grpc.ServiceDefinition;
  readonly implementation: grpc.UntypedServiceImplementation;
}

export { methodDefinition, type MessageCodec, type MethodSpec } from './method.ts';

/** What logic sees of the call besides the request. */
export interface CallContext {
  /** `/package.Service/Method` */
  readonly method: string;
  readonly metadata: grpc.Metadata;
  /** The call's deadline: the caller's, or the server's timeout when that comes first (go-zero's ctx.Deadline()). */
  readonly deadline: Date | undefined;
  /** Aborted when the caller cancels or the deadline passes. */
  readonly signal: AbortSignal;
  readonly peer: string;
  /** Metadata sent back with the response headers (before the first message). */
  readonly responseMetadata: grpc.Metadata;
}

export type UnaryLogic<Req, Res> = (request: Req, ctx: CallContext) => Promise<Res>;
export type ServerStreamLogic<Req, Res> = (request: Req, ctx: CallContext) => AsyncIterable<Res>;
export type ClientStreamLogic<Req, Res> = (requests: AsyncIterable<Req>, ctx: CallContext) => Promise<Res>;
export type BidiStreamLogic<Req, Res> = (requests: AsyncIterable<Req>, ctx: CallContext) => AsyncIterable<Res>;

interface AnyCall {
  readonly metadata: grpc.Metadata;
  getDeadline(): grpc.Deadline;
  getPeer(): string;
  getPath(): string;
  readonly cancelled: boolean;
  on(event: 'cancelled', listener: () => void): unknown;
  sendMetadata(metadata: grpc.Metadata): void;
}

/**
 * Server timeouts (go-zero's UnaryTimeoutInterceptor), set per call by `withTimeout` and read by the
 * call's context: when the timeout comes before the caller's deadline, the context's signal is aborted
 * with DEADLINE_EXCEEDED at that time and the call is answered with it.
 */
const serverDeadlines = new WeakMap<object, number>();

/** The status go-zero's server sends when its Timeout fires (`context.DeadlineExceeded.Error()`). */
const serverTimeoutMessage = 'context deadline exceeded';

/**
 * Applies a server-side timeout of `timeoutMs` to a unary handler made by `bindUnary` (go-zero's
 * `UnaryTimeoutInterceptor`): the logic's context gets the sooner of the caller's deadline and the
 * timeout; when the timeout fires, the caller gets DEADLINE_EXCEEDED ("context deadline exceeded")
 * without waiting for the logic, and `ctx.signal` is aborted. `serve` applies it from its `timeouts`
 * option; handlers not made by this runtime are returned unchanged in effect.
 */
export function withTimeout<Req, Res>(handler: grpc.handleUnaryCall<Req, Res>, timeoutMs: number): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    serverDeadlines.set(call, Date.now() + timeoutMs);
    handler(call, callback);
  };
}

function callContext(call: AnyCall): { ctx: CallContext; done: () => void } {
  const controller = new AbortController();
  const deadline = call.getDeadline();
  const callerDeadline = deadline instanceof Date ? deadline.getTime() : Number.isFinite(deadline) ? deadline : undefined;
  const serverDeadline = serverDeadlines.get(call);
  // The server's timeout wins only when it comes strictly first; otherwise the caller's deadline does.
  const byServer = serverDeadline !== undefined && (callerDeadline === undefined || serverDeadline < callerDeadline);
  const effective = byServer ? serverDeadline : callerDeadline;
  const deadlineDate = effective === undefined ? undefined : new Date(effective);
  let timer: NodeJS.Timeout | undefined;
  if (effective !== undefined) {
    const reason = byServer ? serverTimeoutMessage : 'deadline exceeded';
    timer = setTimeout(() => controller.abort(new RpcError(grpc.status.DEADLINE_EXCEEDED, reason)), Math.max(0, effective - Date.now()));
  }
  // grpc-js also emits 'cancelled' when the stream closes after a normal end: only a running call is cancelled.
  let finished = false;
  call.on('cancelled', () => finished || controller.abort(new RpcError(grpc.status.CANCELLED, 'cancelled by the caller')));
  if (call.cancelled) controller.abort(new RpcError(grpc.status.CANCELLED, 'cancelled by the caller'));
  const responseMetadata = new grpc.Metadata();
  const ctx: CallContext = {
    method: call.getPath(),
    metadata: call.metadata,
    deadline: deadlineDate,
    signal: controller.signal,
    peer: call.getPeer(),
    responseMetadata,
  };
  const done = (): void => {
    finished = true;
    if (timer) clearTimeout(timer);
  };
  return { ctx, done };
}

/** Headers go out before the first message (or with the status): send whatever logic put there. */
function sendHeaders(call: AnyCall, ctx: CallContext, sent: { value: boolean }): void {
  if (sent.value) return;
  sent.value = true;
  if (ctx.responseMetadata.getMap && Object.keys(ctx.responseMetadata.getMap()).length > 0) call.sendMetadata(ctx.responseMetadata);
}

/**
 * Runs single-response logic and answers the call with its result or its error, or, as soon as the
 * context is aborted (deadline, server timeout, cancellation), with the abort's reason: like go-zero's
 * timeout interceptor, the caller does not wait for logic that ignores its signal.
 */
function answerOnce<Res>(call: AnyCall, callback: grpc.sendUnaryData<Res>, run: (ctx: CallContext) => Promise<Res>): void {
  const { ctx, done } = callContext(call);
  const headers = { value: false };
  let answered = false;
  const answer = (error: unknown, response?: Res): void => {
    if (answered) return;
    answered = true;
    done();
    ctx.signal.removeEventListener('abort', onAbort);
    if (error !== undefined) {
      callback(toServiceError(error));
      return;
    }
    sendHeaders(call, ctx, headers);
    callback(null, response);
  };
  const onAbort = (): void => answer(ctx.signal.reason);
  if (ctx.signal.aborted) {
    answer(ctx.signal.reason);
    return;
  }
  ctx.signal.addEventListener('abort', onAbort);
  let running: Promise<Res>;
  try {
    running = run(ctx);
  } catch (error) {
    answer(error ?? new Error(String(error)));
    return;
  }
  running.then(
    (response) => answer(undefined, response),
    (error: unknown) => answer(error ?? new Error(String(error))),
  );
}

/** Runs streaming-response logic: writes every message, then ends the call or fails it. */
function answerStream<Res>(call: grpc.ServerWritableStream<unknown, Res> | grpc.ServerDuplexStream<unknown, Res>, run: (ctx: CallContext) => AsyncIterable<Res>): void {
  const { ctx, done } = callContext(call);
  const headers = { value: false };
  writeAll(call, run(ctx), ctx, headers).then(
    () => {
      done();
      sendHeaders(call, ctx, headers);
      call.end();
    },
    (error: unknown) => {
      done();
      if (!call.cancelled) call.emit('error', toServiceError(error));
    },
  );
}

/**
 * The requests of a client or bidi stream. Node's default stream iterator destroys the stream when the
 * loop ends, which on a duplex call would also close the response side: ours leaves it open.
 */
function incoming<Req>(call: grpc.ServerReadableStream<Req, unknown> | grpc.ServerDuplexStream<Req, unknown>): AsyncIterable<Req> {
  return { [Symbol.asyncIterator]: () => call.iterator({ destroyOnReturn: false }) as AsyncIterator<Req> };
}

/** Writes each message, waiting for the stream to drain when its buffer is full. */
async function writeAll<Res>(call: grpc.ServerWritableStream<unknown, Res> | grpc.ServerDuplexStream<unknown, Res>, messages: AsyncIterable<Res>, ctx: CallContext, headers: { value: boolean }): Promise<void> {
  for await (const message of messages) {
    if (ctx.signal.aborted) return;
    sendHeaders(call, ctx, headers);
    if (!call.write(message)) {
      await new Promise<void>((resolve) => {
        const onDone = (): void => {
          call.off('drain', onDone);
          call.off('cancelled', onDone);
          resolve();
        };
        call.on('drain', onDone);
        call.on('cancelled', onDone);
      });
    }
  }
}

export function bindUnary<Req, Res>(logic: UnaryLogic<Req, Res>): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => answerOnce(call, callback, (ctx) => logic(call.request, ctx));
}

export function bindServerStream<Req, Res>(logic: ServerStreamLogic<Req, Res>): grpc.handleServerStreamingCall<Req, Res> {
  return (call) => answerStream(call, (ctx) => logic(call.request, ctx));
}

export function bindClientStream<Req, Res>(logic: ClientStreamLogic<Req, Res>): grpc.handleClientStreamingCall<Req, Res> {
  return (call, callback) => answerOnce(call, callback, (ctx) => logic(incoming<Req>(call), ctx));
}

export function bindBidiStream<Req, Res>(logic: BidiStreamLogic<Req, Res>): grpc.handleBidiStreamingCall<Req, Res> {
  return (call) => answerStream(call, (ctx) => logic(incoming<Req>(call), ctx));
}
