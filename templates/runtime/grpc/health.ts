/**
 * The standard gRPC health service, `grpc.health.v1.Health` (Check and Watch), as go-zero serves it
 * when `Health` is on (`zrpc/internal/server.go`, `rpcserver.go`, using grpc-go's `health.Server`):
 * SERVING from the start, NOT_SERVING for good once shutdown begins. The service name "" is the whole
 * server; tsctl also answers for each bound service's full name (go-zero registers only ""). An unknown
 * name gets NOT_FOUND from Check and SERVICE_UNKNOWN from Watch, as grpc-go's does.
 *
 * The messages are two one-field protobufs, encoded here with the vendored wire codec, so the service
 * works with any health client (grpc_health_probe, Kubernetes gRPC probes, client-side health checks).
 */
import * as grpc from '@grpc/grpc-js';
import { ProtoReader, ProtoWriter, WireType } from '../protobuf/wire.ts';
import type { ServiceBinding } from './server.ts';

/** `grpc.health.v1.HealthCheckResponse.ServingStatus` */
export const ServingStatus = { UNKNOWN: 0, SERVING: 1, NOT_SERVING: 2, SERVICE_UNKNOWN: 3 } as const;
export type ServingStatus = (typeof ServingStatus)[keyof typeof ServingStatus];

/** The name of a serving status (`NOT_SERVING`), for messages. */
export function statusName(status: number): string {
  return Object.entries(ServingStatus).find(([, value]) => value === status)?.[0] ?? String(status);
}

/** `grpc.health.v1.HealthCheckRequest` */
export interface HealthCheckRequest {
  service: string;
}

/** `grpc.health.v1.HealthCheckResponse` */
export interface HealthCheckResponse {
  status: ServingStatus;
}

/** The fully-qualified name of the health service. */
export const healthServiceName = 'grpc.health.v1.Health';

function encodeRequest(message: HealthCheckRequest): Buffer {
  const writer = new ProtoWriter(16);
  if (message.service !== '') writer.tag(1, WireType.LengthDelimited).string(message.service);
  return Buffer.from(writer.finish());
}

function decodeRequest(bytes: Uint8Array): HealthCheckRequest {
  const reader = new ProtoReader(bytes);
  const message: HealthCheckRequest = { service: '' };
  while (reader.pos < reader.limit) {
    const [fieldNo, wireType] = reader.tag();
    if (fieldNo === 1 && wireType === WireType.LengthDelimited) message.service = reader.string();
    else reader.skip(wireType, fieldNo);
  }
  return message;
}

function encodeResponse(message: HealthCheckResponse): Buffer {
  const writer = new ProtoWriter(8);
  if (message.status !== 0) writer.tag(1, WireType.Varint).int32(message.status);
  return Buffer.from(writer.finish());
}

function decodeResponse(bytes: Uint8Array): HealthCheckResponse {
  const reader = new ProtoReader(bytes);
  const message: HealthCheckResponse = { status: ServingStatus.UNKNOWN };
  while (reader.pos < reader.limit) {
    const [fieldNo, wireType] = reader.tag();
    if (fieldNo === 1 && wireType === WireType.Varint) message.status = reader.int32() as ServingStatus;
    else reader.skip(wireType, fieldNo);
  }
  return message;
}

/** The service definition of `grpc.health.v1.Health`, for servers and clients. */
export const healthDefinition = {
  Check: {
    path: `/${healthServiceName}/Check`,
    requestStream: false,
    responseStream: false,
    requestSerialize: encodeRequest,
    requestDeserialize: decodeRequest,
    responseSerialize: encodeResponse,
    responseDeserialize: decodeResponse,
    originalName: 'check',
  },
  Watch: {
    path: `/${healthServiceName}/Watch`,
    requestStream: false,
    responseStream: true,
    requestSerialize: encodeRequest,
    requestDeserialize: decodeRequest,
    responseSerialize: encodeResponse,
    responseDeserialize: decodeResponse,
    originalName: 'watch',
  },
} satisfies grpc.ServiceDefinition;

/** A running health service: its binding for `serve`, and its statuses. */
export interface HealthService {
  readonly binding: ServiceBinding;
  /** The status of `service` ("" is the whole server); undefined when unknown. */
  status(service: string): ServingStatus | undefined;
  /** Sets the status of `service`, telling its watchers; ignored once `shutdown` was called (as in grpc-go). */
  set(service: string, status: ServingStatus): void;
  /**
   * Marks every service NOT_SERVING for good, tells the watchers, then ends their Watch streams (so
   * they don't hold a graceful shutdown open until it is forced).
   */
  shutdown(): void;
}

/** A health service reporting SERVING for "" and for each of `services` (full names such as `pkg.Greeter`). */
export function createHealthService(services: readonly string[]): HealthService {
  const statuses = new Map<string, ServingStatus>([['', ServingStatus.SERVING]]);
  for (const name of services) statuses.set(name, ServingStatus.SERVING);
  const watchers = new Map<string, Set<(status: ServingStatus) => void>>();
  const streams = new Set<grpc.ServerWritableStream<HealthCheckRequest, HealthCheckResponse>>();
  let stopped = false;

  const update = (service: string, status: ServingStatus): void => {
    statuses.set(service, status);
    for (const notify of watchers.get(service) ?? []) notify(status);
  };

  const check: grpc.handleUnaryCall<HealthCheckRequest, HealthCheckResponse> = (call, callback) => {
    const status = statuses.get(call.request.service);
    if (status === undefined) callback({ code: grpc.status.NOT_FOUND, details: 'unknown service' });
    else callback(null, { status });
  };

  const watch: grpc.handleServerStreamingCall<HealthCheckRequest, HealthCheckResponse> = (call) => {
    const service = call.request.service;
    if (stopped) {
      call.write({ status: statuses.get(service) ?? ServingStatus.SERVICE_UNKNOWN });
      call.end();
      return;
    }
    let last: ServingStatus | undefined;
    const notify = (status: ServingStatus): void => {
      if (status === last || call.cancelled) return;
      last = status;
      call.write({ status });
    };
    const set = watchers.get(service) ?? new Set();
    watchers.set(service, set);
    set.add(notify);
    streams.add(call);
    call.on('cancelled', () => {
      set.delete(notify);
      streams.delete(call);
    });
    notify(statuses.get(service) ?? ServingStatus.SERVICE_UNKNOWN);
  };

  return {
    binding: { name: healthServiceName, definition: healthDefinition, implementation: { Check: check, Watch: watch } },
    status: (service) => statuses.get(service),
    set(service, status) {
      if (!stopped) update(service, status);
    },
    shutdown() {
      if (stopped) return;
      stopped = true;
      for (const service of statuses.keys()) update(service, ServingStatus.NOT_SERVING);
      watchers.clear();
      for (const call of streams) call.end();
      streams.clear();
    },
  };
}

/**
 * Asks the health service at `address` (`host:port`) about `service` ("" is the whole server):
 * resolves when it answers SERVING, rejects otherwise or after `timeoutMs`. Used by the container
 * health check of generated gRPC services.
 */
export function checkHealth(address: string, service: string, timeoutMs: number): Promise<void> {
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  return new Promise<void>((resolve, reject) => {
    client.makeUnaryRequest(
      healthDefinition.Check.path,
      encodeRequest,
      decodeResponse,
      { service },
      new grpc.Metadata(),
      { deadline: Date.now() + timeoutMs },
      (error, response) => {
        client.close();
        if (error) reject(new Error(`health check of ${address}: ${error.message}`));
        else if (response?.status !== ServingStatus.SERVING) reject(new Error(`health check of ${address}: ${statusName(response?.status ?? ServingStatus.UNKNOWN)}`));
        else resolve();
      },
    );
  });
}
