/**
 * gRPC server runtime that tsctl-generated services vendor (copied verbatim into `src/runtime/grpc/`).
 *
 * It turns typed logic functions into @grpc/grpc-js handlers: unary logic returns a promise, streaming
 * logic takes and/or returns async iterables. Messages are encoded by the generated protobuf codecs,
 * so the wire format is plain protobuf, interoperable with every gRPC implementation.
 */
import * as grpc from '@grpc/grpc-js';
import { RpcError, toServiceError } from './errors.ts';

export { methodDefinition, type MessageCodec, type MethodSpec } from './method.ts';

/** What logic sees of the call besides the request. */
export interface CallContext {
  /** `/package.Service/Method` */
  readonly method: string;
  readonly metadata: grpc.Metadata;
  /** The caller's deadline, when it set one. */
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

function callContext(call: AnyCall): { ctx: CallContext; done: () => void } {
  const controller = new AbortController();
  const deadline = call.getDeadline();
  const deadlineDate = deadline instanceof Date ? deadline : Number.isFinite(deadline) ? new Date(deadline) : undefined;
  let timer: NodeJS.Timeout | undefined;
  if (deadlineDate) {
    const ms = deadlineDate.getTime() - Date.now();
    timer = setTimeout(() => controller.abort(new RpcError(grpc.status.DEADLINE_EXCEEDED, 'deadline exceeded')), Math.max(0, ms));
  }
  call.on('cancelled', () => controller.abort(new RpcError(grpc.status.CANCELLED, 'cancelled by the caller')));
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
  return { ctx, done: () => timer && clearTimeout(timer) };
}

/** Headers go out before the first message (or with the status): send whatever logic put there. */
function sendHeaders(call: AnyCall, ctx: CallContext, sent: { value: boolean }): void {
  if (sent.value) return;
  sent.value = true;
  if (ctx.responseMetadata.getMap && Object.keys(ctx.responseMetadata.getMap()).length > 0) call.sendMetadata(ctx.responseMetadata);
}

/** Runs single-response logic and answers the call with its result or its error. */
function answerOnce<Res>(call: AnyCall, callback: grpc.sendUnaryData<Res>, run: (ctx: CallContext) => Promise<Res>): void {
  const { ctx, done } = callContext(call);
  const headers = { value: false };
  run(ctx).then(
    (response) => {
      done();
      sendHeaders(call, ctx, headers);
      callback(null, response);
    },
    (error: unknown) => {
      done();
      callback(toServiceError(error));
    },
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
