/**
 * gRPC interop with go-zero, both ways, on fixtures/rpc/shop/shop.proto (unary, server, client and
 * bidi streaming, two services on one server):
 *
 *  1. the tsctl-generated client calls the zrpc server goctl generated (peers.mjs, logic in
 *     test/interop/go/overlay/shop/);
 *  2. a go-zero caller — goctl's generated client packages over `zrpc.MustNewClient` — calls the
 *     tsctl-generated server.
 *
 * Both servers run the same behaviour (the TS logic below mirrors the Go logic), so each client makes
 * the same calls to both and must get the same answers: messages, status codes and messages, an error
 * after streamed messages, deadlines and injected failures (metadata `x-sleep-ms`, `x-fail-percent`).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, tsctl } from '../cli/run-cli.js';
import { type StartedProcess, linkNodeModules, projectNodeModules, repoRoot, startProcess, tsc } from '../e2e/support.js';
import { type RpcPeer, ensureRpcPeer, rpcPeerConfig } from './peers.mjs';
import { type GoPeerProcess, skipInterop, startGoPeer, stopAll } from './support.js';

const skip = skipInterop('rpc', 'gRPC interop (tsctl client ↔ goctl zrpc server, go-zero client ↔ tsctl server)');

/** The TS logic: what test/interop/go/overlay/shop/internal/logic/ does in Go. */
const LOGIC: Record<string, string> = {
  'src/logic/behaviour.ts': `
import type { CallContext } from '../runtime/grpc/server.js';
import { unavailable } from '../runtime/grpc/errors.js';

/**
 * x-sleep-ms: wait; a cancel or the deadline ends the wait with the signal's reason (an RpcError:
 * CANCELLED or DEADLINE_EXCEEDED, as Go's status.FromContextError); x-fail-percent: fail that share.
 */
export async function behave(ctx: CallContext): Promise<void> {
  const sleep = Number(ctx.metadata.get('x-sleep-ms')[0] ?? 0);
  if (sleep > 0) {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, sleep);
      ctx.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(ctx.signal.reason);
      }, { once: true });
    });
  }
  const percent = Number(ctx.metadata.get('x-fail-percent')[0] ?? 0);
  if (Math.floor(Math.random() * 100) < percent) throw unavailable('injected failure');
}
`,
  'src/logic/orders/get.ts': `
import type { CallContext } from '../../runtime/grpc/server.js';
import { notFound } from '../../runtime/grpc/errors.js';
import type { ServiceContext } from '../../svc/context.js';
import { type GetOrderRequest, Order, Status } from '../../pb/shop.v1.js';
import { behave } from '../behaviour.js';

export async function get(svc: ServiceContext, request: GetOrderRequest, ctx: CallContext): Promise<Order> {
  await behave(ctx);
  if (request.id === 'missing') throw notFound(\`no order \${request.id}\`);
  return Order.create({
    id: request.id,
    items: [{ sku: 'book', quantity: 2, price: { currency: 'EUR', cents: 1250n } }],
    status: Status.PAID,
    labels: { gift: 'yes', served: svc.config.Name },
    createdAt: { seconds: 1700000000n, nanos: 5 },
    payment: { case: 'card', value: '4242' },
    note: ctx.metadata.get('x-note')[0]?.toString() ?? '',
    totalCents: 2500n,
  });
}
`,
  'src/logic/orders/watch.ts': `
import type { CallContext } from '../../runtime/grpc/server.js';
import { RpcError, status } from '../../runtime/grpc/errors.js';
import type { ServiceContext } from '../../svc/context.js';
import { OrderEvent, Status, type WatchRequest } from '../../pb/shop.v1.js';
import { behave } from '../behaviour.js';

export async function* watch(svc: ServiceContext, request: WatchRequest, ctx: CallContext): AsyncIterable<OrderEvent> {
  await behave(ctx);
  for (let i = 1; i <= request.updates; i += 1) {
    yield OrderEvent.create({ id: request.id, sequence: i, status: i === request.updates ? Status.PAID : Status.OPEN });
  }
  if (request.id === 'broken') throw new RpcError(status.ABORTED, \`watch of \${request.id} broke after \${request.updates} events\`);
}
`,
  'src/logic/orders/upload.ts': `
import type { CallContext } from '../../runtime/grpc/server.js';
import { invalidArgument } from '../../runtime/grpc/errors.js';
import type { ServiceContext } from '../../svc/context.js';
import { type Item, UploadSummary } from '../../pb/shop.v1.js';
import { behave } from '../behaviour.js';

export async function upload(svc: ServiceContext, requests: AsyncIterable<Item>, ctx: CallContext): Promise<UploadSummary> {
  await behave(ctx);
  let items = 0;
  let totalCents = 0n;
  for await (const item of requests) {
    if (item.quantity < 0) throw invalidArgument(\`negative quantity for \${item.sku}\`);
    items += item.quantity;
    totalCents += BigInt(item.quantity) * (item.price?.cents ?? 0n);
  }
  return UploadSummary.create({ items, totalCents });
}
`,
  'src/logic/orders/chat.ts': `
import type { CallContext } from '../../runtime/grpc/server.js';
import type { ServiceContext } from '../../svc/context.js';
import { ChatMessage } from '../../pb/shop.v1.js';
import { behave } from '../behaviour.js';

export async function* chat(svc: ServiceContext, requests: AsyncIterable<ChatMessage>, ctx: CallContext): AsyncIterable<ChatMessage> {
  await behave(ctx);
  for await (const message of requests) {
    yield ChatMessage.create({ from: 'shop', text: \`\${message.from} said \${message.text.toUpperCase()}\` });
  }
}
`,
  'src/logic/admin/ping.ts': `
import type { CallContext } from '../../runtime/grpc/server.js';
import type { ServiceContext } from '../../svc/context.js';
import { GetOrderRequest } from '../../pb/shop.v1.js';
import { behave } from '../behaviour.js';

export async function ping(svc: ServiceContext, request: GetOrderRequest, ctx: CallContext): Promise<GetOrderRequest> {
  await behave(ctx);
  return GetOrderRequest.create({ id: \`pong:\${request.id}\` });
}
`,
};

/** The tsctl client's calls (a second project importing the service's client as `shop/client`). */
const CALLER = `
import { AdminClient, OrdersClient } from 'shop/client';

const target = process.argv[2];
const orders = new OrdersClient(target);
const admin = new AdminClient(target);
const json = (value) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? \`\${v}n\` : v instanceof Uint8Array ? [...v] : v));
const failure = (error) => ({ code: error.code, message: error.details });
const attempt = async (work) => {
  try {
    return await work;
  } catch (error) {
    return { error: failure(error) };
  }
};
const watch = async (request) => {
  const events = [];
  try {
    for await (const event of orders.watch(request)) events.push(event);
    return { events };
  } catch (error) {
    return { events, error: failure(error) };
  }
};
async function* messages() {
  yield { from: 'ann', text: 'hi' };
  yield { from: 'bob', text: 'bye' };
}

const out = {};
out.get = await attempt(orders.get({ id: 'o-1' }, { deadline: 5000, metadata: { 'x-note': 'ring twice' } }));
out.missing = await attempt(orders.get({ id: 'missing' }));
// The deadline's message is grpc-js's own (it names the time spent): only the code is compared.
out.deadline = { code: (await attempt(orders.get({ id: 'slow' }, { deadline: 300, metadata: { 'x-sleep-ms': '2000' } }))).error?.code };
out.injected = await attempt(orders.get({ id: 'o-1' }, { metadata: { 'x-fail-percent': '100' } }));
out.watch = await watch({ id: 'o-1', updates: 3 });
out.broken = await watch({ id: 'broken', updates: 2 });
out.upload = await attempt(orders.upload([
  { sku: 'a', quantity: 2, price: { currency: 'EUR', cents: 100n } },
  { sku: 'b', quantity: 1, price: { currency: 'EUR', cents: 250n } },
]));
out.rejected = await attempt(orders.upload([{ sku: 'c', quantity: -1 }]));
out.chat = [];
for await (const reply of orders.chat(messages())) out.chat.push(reply);
out.ping = await attempt(admin.ping({ id: '7' }));
orders.close();
admin.close();
console.log(json(out));
`;

/** What the tsctl client gets, from either server. */
const TS_CLIENT_EXPECTED = {
  get: {
    id: 'o-1',
    items: [{ sku: 'book', quantity: 2, price: { currency: 'EUR', cents: '1250n' } }],
    status: 2,
    labels: { gift: 'yes', served: 'shop.rpc' },
    createdAt: { seconds: '1700000000n', nanos: 5 },
    payment: { case: 'card', value: '4242' },
    note: 'ring twice',
    totalCents: '2500n',
  },
  missing: { error: { code: 5, message: 'no order missing' } },
  deadline: { code: 4 },
  injected: { error: { code: 14, message: 'injected failure' } },
  watch: {
    events: [
      { id: 'o-1', sequence: 1, status: 1 },
      { id: 'o-1', sequence: 2, status: 1 },
      { id: 'o-1', sequence: 3, status: 2 },
    ],
  },
  broken: {
    events: [
      { id: 'broken', sequence: 1, status: 1 },
      { id: 'broken', sequence: 2, status: 2 },
    ],
    error: { code: 10, message: 'watch of broken broke after 2 events' },
  },
  upload: { items: 3, totalCents: '450n' },
  rejected: { error: { code: 3, message: 'negative quantity for c' } },
  chat: [
    { from: 'shop', text: 'ann said HI' },
    { from: 'shop', text: 'bob said BYE' },
  ],
  ping: { id: 'pong:7' },
};

/**
 * What the go-zero caller (shopclient) prints, from either server: protojson messages (int64 as
 * strings, enums by name, the oneof's field by its name), {code, message} errors.
 */
const GO_CLIENT_EXPECTED = {
  get: {
    id: 'o-1',
    items: [{ sku: 'book', quantity: 2, price: { currency: 'EUR', cents: '1250' } }],
    status: 'STATUS_PAID',
    labels: { gift: 'yes', served: 'shop.rpc' },
    createdAt: '2023-11-14T22:13:20.000000005Z',
    card: '4242',
    note: 'ring twice',
    totalCents: '2500',
  },
  missing: { error: { code: 5, message: 'no order missing' } },
  deadline: { code: 4 },
  injected: { error: { code: 14, message: 'injected failure' } },
  watch: {
    events: [
      { id: 'o-1', sequence: 1, status: 'STATUS_OPEN' },
      { id: 'o-1', sequence: 2, status: 'STATUS_OPEN' },
      { id: 'o-1', sequence: 3, status: 'STATUS_PAID' },
    ],
  },
  broken: {
    events: [
      { id: 'broken', sequence: 1, status: 'STATUS_OPEN' },
      { id: 'broken', sequence: 2, status: 'STATUS_PAID' },
    ],
    error: { code: 10, message: 'watch of broken broke after 2 events' },
  },
  upload: { items: 3, totalCents: '450' },
  rejected: { error: { code: 3, message: 'negative quantity for c' } },
  chat: [
    { from: 'shop', text: 'ann said HI' },
    { from: 'shop', text: 'bob said BYE' },
  ],
  ping: { id: 'pong:7' },
};

describe.skipIf(skip)('go-zero interop: gRPC (fixtures/rpc/shop)', () => {
  let tmp = '';
  let project = '';
  let caller = '';
  let peer: RpcPeer;
  let goServer: GoPeerProcess | undefined;
  let tsServer: StartedProcess | undefined;
  let tsAddress = '';

  /** Runs a client to completion and parses the one JSON line it prints. */
  async function runClient(command: string, args: readonly string[], cwd: string): Promise<unknown> {
    const client = startProcess(command, args, cwd);
    const [line] = await client.waitFor(/^\{.*\}$/m, 30_000);
    expect(await client.exit(10_000), client.output()).toBe(0);
    return JSON.parse(line as string);
  }

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-interop-rpc-'));
    project = path.join(tmp, 'shop');
    caller = path.join(tmp, 'caller');
    // The Go builds take minutes when the Go build cache is cold, then a fraction of a second.
    peer = ensureRpcPeer();
    assertBuilt();
    const nodeModules = projectNodeModules();
    const gen = tsctl(['gen', 'rpc', path.join(repoRoot, 'fixtures/rpc/shop/shop.proto'), '-o', project, '--name', 'shop']);
    expect(gen.stderr).toBe('');
    expect(gen.status).toBe(0);
    for (const [file, text] of Object.entries(LOGIC)) writeFileSync(path.join(project, file), text.trimStart());
    linkNodeModules(project, nodeModules);
    const build = tsc(nodeModules, ['-p', 'tsconfig.json'], project);
    expect(build.output).toBe('');

    writeFileSync(path.join(project, 'etc/interop.yaml'), 'Name: shop.rpc\nListenOn: 127.0.0.1:0\nMode: test\n');
    tsServer = startProcess(process.execPath, ['dist/main.js', '-f', 'etc/interop.yaml'], project);
    goServer = await startGoPeer(peer.server, rpcPeerConfig, tmp, 'shop-peer');
    tsAddress = (await tsServer.waitFor(/serving .* on (127\.0\.0\.1:\d+)/))[1] as string;

    mkdirSync(path.join(caller, 'node_modules'), { recursive: true });
    symlinkSync(project, path.join(caller, 'node_modules/shop'), 'dir');
    writeFileSync(path.join(caller, 'package.json'), '{ "name": "caller", "private": true, "type": "module" }\n');
    writeFileSync(path.join(caller, 'call.mjs'), CALLER);
  }, 900_000);

  afterAll(async () => {
    await stopAll([tsServer, goServer?.process]);
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('the tsctl client calls the goctl zrpc server: every kind of call, status codes, deadlines', async () => {
    // At the deadline a grpc-go server resets the stream with RST_STREAM(CANCEL) and no status; grpc-js
    // alone would report CANCELLED when the reset beats its own timer (a few calls in a hundred). The
    // generated client reports DEADLINE_EXCEEDED then, as grpc-go clients do (runtime/grpc/client.ts atDeadline).
    expect(await runClient(process.execPath, ['call.mjs', goServer?.address ?? ''], caller)).toEqual(TS_CLIENT_EXPECTED);
  });

  it('the tsctl client gets the same answers from the tsctl server', async () => {
    expect(await runClient(process.execPath, ['call.mjs', tsAddress], caller)).toEqual(TS_CLIENT_EXPECTED);
  });

  /**
   * shopclient's output with the deadline's message left out: who reports the deadline first races
   * (the client's own timer, "context deadline exceeded"; the server's status, "Deadline exceeded" from
   * grpc-js; or grpc-go's RST_STREAM), only its code is stable.
   */
  async function goClient(address: string): Promise<unknown> {
    const out = (await runClient(peer.client, [address], tmp)) as { deadline?: { error?: { code?: number } } };
    return { ...out, deadline: { code: out.deadline?.error?.code } };
  }

  it("a go-zero caller (goctl's client packages over zrpc) calls the tsctl server", async () => {
    expect(await goClient(tsAddress)).toEqual(GO_CLIENT_EXPECTED);
  });

  it('the go-zero caller gets the same answers from the goctl server', async () => {
    expect(await goClient(goServer?.address ?? '')).toEqual(GO_CLIENT_EXPECTED);
  });
});
