/**
 * The gRPC health service (`grpc.health.v1.Health`) served by `serve({ health: true })`, asked by a
 * plain @grpc/grpc-js client with hand-written protobuf codecs (what grpc_health_probe sends): Check of
 * "" and of a bound service, NOT_FOUND for an unknown one, Watch seeing NOT_SERVING once shutdown
 * starts while a slow call drains, UNIMPLEMENTED when off, and the container health check's client.
 */
import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { status } from '../../../templates/runtime/grpc/errors.js';
import { checkHealth } from '../../../templates/runtime/grpc/health.js';
import type { MessageCodec, MethodSpec } from '../../../templates/runtime/grpc/method.js';
import { type RunningServer, serve } from '../../../templates/runtime/grpc/serve.js';
import { bindUnary, methodDefinition } from '../../../templates/runtime/grpc/server.js';

interface Num {
  n: number;
}
const codec: MessageCodec<Num> = {
  toBinary: (m) => new TextEncoder().encode(JSON.stringify(m)),
  fromBinary: (b) => JSON.parse(new TextDecoder().decode(b)) as Num,
};
const slow: MethodSpec<Num, Num> = { path: '/test.Calc/Slow', name: 'Slow', requestStream: false, responseStream: false, request: codec, response: codec };
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const calc = {
  name: 'test.Calc',
  definition: { Slow: methodDefinition(slow) },
  implementation: {
    Slow: bindUnary<Num, Num>(async (req) => {
      await sleep(req.n);
      return req;
    }),
  },
};

// Hand-written protobuf, independent of the runtime's codec: HealthCheckRequest { string service = 1 },
// HealthCheckResponse { ServingStatus status = 1 }.
const encodeRequest = (service: string): Buffer => {
  const bytes = Buffer.from(service, 'utf8');
  return bytes.length === 0 ? Buffer.alloc(0) : Buffer.concat([Buffer.from([0x0a, bytes.length]), bytes]);
};
const decodeStatus = (bytes: Buffer): number => (bytes.length === 0 ? 0 : (expect(bytes[0]).toBe(0x08), bytes[1] as number));
const SERVING = 1;
const NOT_SERVING = 2;
const SERVICE_UNKNOWN = 3;

function healthClient(server: RunningServer) {
  const client = new grpc.Client(`127.0.0.1:${server.port}`, grpc.credentials.createInsecure());
  return {
    check: (service: string): Promise<number> =>
      new Promise((resolve, reject) =>
        client.makeUnaryRequest('/grpc.health.v1.Health/Check', encodeRequest, decodeStatus, service, new grpc.Metadata(), { deadline: Date.now() + 2000 }, (error, value) =>
          error ? reject(error) : resolve(value as number),
        ),
      ),
    watch: (service: string): grpc.ClientReadableStream<number> => client.makeServerStreamRequest('/grpc.health.v1.Health/Watch', encodeRequest, decodeStatus, service),
    slow: (n: number): Promise<Num> =>
      new Promise((resolve, reject) => {
        const d = methodDefinition(slow);
        client.makeUnaryRequest(d.path, d.requestSerialize, d.responseDeserialize, { n }, (error, value) => (error ? reject(error) : resolve(value as Num)));
      }),
    close: () => client.close(),
  };
}

describe('health service', () => {
  it('answers Check for the server, for each bound service, and NOT_FOUND for others', async () => {
    const server = await serve({ listenOn: '127.0.0.1:0', services: [calc], health: true });
    const client = healthClient(server);
    expect(await client.check('')).toBe(SERVING);
    expect(await client.check('test.Calc')).toBe(SERVING);
    await expect(client.check('test.Nope')).rejects.toMatchObject({ code: status.NOT_FOUND, details: 'unknown service' });
    server.health?.set('test.Calc', NOT_SERVING);
    expect(await client.check('test.Calc')).toBe(NOT_SERVING);
    await expect(checkHealth(`127.0.0.1:${server.port}`, '', 1000)).resolves.toBeUndefined();
    await expect(checkHealth(`127.0.0.1:${server.port}`, 'test.Calc', 1000)).rejects.toThrow(/NOT_SERVING/);
    client.close();
    await server.shutdown(1000);
    await expect(checkHealth(`127.0.0.1:${server.port}`, '', 500)).rejects.toThrow();
  });

  it('streams SERVING, then NOT_SERVING as soon as shutdown starts, while calls drain', async () => {
    const server = await serve({ listenOn: '127.0.0.1:0', services: [calc], health: true });
    const client = healthClient(server);
    const seen: number[] = [];
    const unknown: number[] = [];
    const watch = client.watch('');
    watch.on('data', (s: number) => seen.push(s));
    const ended = new Promise<void>((resolve) => {
      watch.on('status', () => resolve());
      watch.on('error', () => resolve());
    });
    client.watch('test.Nope').on('data', (s: number) => unknown.push(s)).on('error', () => {});
    await sleep(100);
    expect(seen).toEqual([SERVING]);
    expect(unknown).toEqual([SERVICE_UNKNOWN]);

    const draining = client.slow(500);
    await sleep(50);
    const t0 = Date.now();
    const stopped = server.shutdown(5000);
    await sleep(100);
    expect(seen).toEqual([SERVING, NOT_SERVING]);
    expect(await draining).toEqual({ n: 500 });
    await ended;
    await stopped;
    // Watchers did not hold the graceful shutdown open until it was forced.
    expect(Date.now() - t0).toBeLessThan(2000);
    client.close();
  });

  it('is UNIMPLEMENTED when off', async () => {
    const server = await serve({ listenOn: '127.0.0.1:0', services: [calc] });
    expect(server.health).toBeUndefined();
    const client = healthClient(server);
    await expect(client.check('')).rejects.toMatchObject({ code: status.UNIMPLEMENTED });
    client.close();
    await server.shutdown(1000);
  });
});
