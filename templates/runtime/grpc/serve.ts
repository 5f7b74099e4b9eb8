/**
 * Starting and stopping the gRPC server of a generated service: bind, serve every service of the
 * contract on one port, and shut down gracefully (finish in-flight calls, then force) on SIGTERM/SIGINT.
 */
import * as grpc from '@grpc/grpc-js';

export interface ServiceBinding {
  /** The fully-qualified service name (`pkg.Greeter`). */
  readonly name: string;
  readonly definition: grpc.ServiceDefinition;
  readonly implementation: grpc.UntypedServiceImplementation;
}

export interface ServeOptions {
  /** `host:port` as go-zero writes it (`0.0.0.0:8080`); port 0 picks a free one. */
  readonly listenOn: string;
  readonly services: readonly ServiceBinding[];
  /** Server interceptors, outermost first: the seam for logging, metrics, tracing, auth. */
  readonly interceptors?: readonly grpc.ServerInterceptor[];
  /** Insecure (plaintext) by default. */
  readonly credentials?: grpc.ServerCredentials;
  readonly channelOptions?: grpc.ChannelOptions;
}

export interface RunningServer {
  readonly server: grpc.Server;
  /** The port actually bound (useful with port 0). */
  readonly port: number;
  /** `host:port` actually bound. */
  readonly address: string;
  /** Stops accepting calls, lets running ones finish for up to `graceMs`, then cancels the rest. */
  shutdown(graceMs?: number): Promise<void>;
}

export async function serve(options: ServeOptions): Promise<RunningServer> {
  const server = new grpc.Server({ ...options.channelOptions, ...(options.interceptors ? { interceptors: [...options.interceptors] } : {}) });
  for (const service of options.services) server.addService(service.definition, service.implementation);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(options.listenOn, options.credentials ?? grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
  });
  const host = options.listenOn.slice(0, options.listenOn.lastIndexOf(':'));
  let stopping: Promise<void> | undefined;
  return {
    server,
    port,
    address: `${host}:${port}`,
    shutdown(graceMs = 5000): Promise<void> {
      stopping ??= new Promise<void>((resolve) => {
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
