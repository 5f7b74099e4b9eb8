/**
 * A liveness probe for container health checks (Dockerfile HEALTHCHECK runs `dist/healthcheck.js`):
 * does the service accept a TCP connection on its port? Transport-neutral, so HTTP and gRPC services
 * share it; a service with a health endpoint can check more on top.
 */
import { connect } from 'node:net';

/** Resolves once `host:port` accepts a connection; rejects on refusal or after `timeoutMs`. */
export function probeTcp(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no connection to ${host}:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.end();
      resolve();
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    });
  });
}

/** The port of a go-zero `ListenOn` address (`0.0.0.0:8080`, `[::]:8080`, `:8080`). */
export function portOf(listenOn: string): number {
  const port = Number(listenOn.slice(listenOn.lastIndexOf(':') + 1));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`no port in address '${listenOn}'`);
  return port;
}

/** Runs `check` as a health-check process: exit 0 when it resolves, 1 (with the reason on stderr) when it rejects. */
export function runHealthCheck(check: () => Promise<void>): void {
  check().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`unhealthy: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
