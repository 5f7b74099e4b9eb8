/**
 * How generated code describes an RPC to the runtime: its path, its streaming kind and its message
 * codecs. Shared by the server and the client runtime.
 */
import type * as grpc from '@grpc/grpc-js';

/** A generated message codec (`Order.toBinary` / `Order.fromBinary`). */
export interface MessageCodec<T> {
  toBinary(message: T): Uint8Array;
  fromBinary(bytes: Uint8Array): T;
}

/** One RPC as the generated code describes it. */
export interface MethodSpec<Req, Res> {
  /** `/package.Service/Method` */
  readonly path: string;
  /** The method's name in the logic object (lowerCamelCase). */
  readonly name: string;
  readonly requestStream: boolean;
  readonly responseStream: boolean;
  readonly request: MessageCodec<Req>;
  readonly response: MessageCodec<Res>;
}

export function methodDefinition<Req, Res>(spec: MethodSpec<Req, Res>): grpc.MethodDefinition<Req, Res> {
  return {
    path: spec.path,
    requestStream: spec.requestStream,
    responseStream: spec.responseStream,
    requestSerialize: (message: Req) => Buffer.from(spec.request.toBinary(message)),
    requestDeserialize: (bytes: Buffer) => spec.request.fromBinary(bytes),
    responseSerialize: (message: Res) => Buffer.from(spec.response.toBinary(message)),
    responseDeserialize: (bytes: Buffer) => spec.response.fromBinary(bytes),
    originalName: spec.name,
  };
}

