/**
 * gRPC errors for logic code: throw `new RpcError(status.NOT_FOUND, 'no such order')` (or a helper
 * such as `notFound('…')`) and the caller gets exactly that status; any other exception becomes
 * INTERNAL, with its message, so a bug never looks like a deliberate answer.
 */
import * as grpc from '@grpc/grpc-js';

export const status = grpc.status;

export class RpcError extends Error {
  readonly code: grpc.status;
  readonly metadata: grpc.Metadata;

  constructor(code: grpc.status, message: string, metadata: grpc.Metadata = new grpc.Metadata()) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
    this.metadata = metadata;
  }
}

export const invalidArgument = (message: string): RpcError => new RpcError(grpc.status.INVALID_ARGUMENT, message);
export const notFound = (message: string): RpcError => new RpcError(grpc.status.NOT_FOUND, message);
export const alreadyExists = (message: string): RpcError => new RpcError(grpc.status.ALREADY_EXISTS, message);
export const permissionDenied = (message: string): RpcError => new RpcError(grpc.status.PERMISSION_DENIED, message);
export const unauthenticated = (message: string): RpcError => new RpcError(grpc.status.UNAUTHENTICATED, message);
export const failedPrecondition = (message: string): RpcError => new RpcError(grpc.status.FAILED_PRECONDITION, message);
export const unavailable = (message: string): RpcError => new RpcError(grpc.status.UNAVAILABLE, message);

/** The error a logic stub throws until it is written. */
export function unimplemented(method: string): RpcError {
  return new RpcError(grpc.status.UNIMPLEMENTED, `${method} is not implemented yet: write its logic file`);
}

/** Turns anything thrown by logic into the status the caller receives. */
export function toServiceError(error: unknown): Partial<grpc.ServiceError> & { code: grpc.status; details: string } {
  if (error instanceof RpcError) {
    return { name: error.name, message: error.message, code: error.code, details: error.message, metadata: error.metadata };
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return { name: 'AbortError', message: error.message, code: grpc.status.CANCELLED, details: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { name: 'Error', message, code: grpc.status.INTERNAL, details: message };
}

/** True when `error` is a gRPC error with the given status (for callers of generated clients). */
export function isStatus(error: unknown, code: grpc.status): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
