/**
 * `tsctl gen rpc` end to end on fixtures/rpc/shop: generate (as a process), write real logic into the
 * user-owned files, build with tsc, start the server as a process on loopback, and call every method
 * kind — unary, server, client and bidi streaming, on two services of one server — with the generated
 * client from a second project that imports it as a package. Then regenerate and check that the
 * user's files survived and generated ones did not change.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, tsctl } from '../cli/run-cli.js';
import { type StartedProcess, linkNodeModules, projectNodeModules, repoRoot, startProcess, tsc } from './support.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-e2e-shop-'));
const project = path.join(tmp, 'shop');
const caller = path.join(tmp, 'caller');
let server: StartedProcess | undefined;
let nodeModules: string;

const LOGIC: Record<string, string> = {
  'src/logic/orders/get.ts': `
import type { CallContext } from '../../runtime/grpc/server.js';
import { notFound } from '../../runtime/grpc/errors.js';
import type { ServiceContext } from '../../svc/context.js';
import { type GetOrderRequest, Order, Status } from '../../pb/shop.v1.js';

export async function get(svc: ServiceContext, request: GetOrderRequest, ctx: CallContext): Promise<Order> {
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
import type { ServiceContext } from '../../svc/context.js';
import { OrderEvent, Status, type WatchRequest } from '../../pb/shop.v1.js';

export async function* watch(svc: ServiceContext, request: WatchRequest, ctx: CallContext): AsyncIterable<OrderEvent> {
  for (let i = 1; i <= request.updates; i += 1) {
    yield OrderEvent.create({ id: request.id, sequence: i, status: i === request.updates ? Status.PAID : Status.OPEN });
  }
}
`,
  'src/logic/orders/upload.ts': `
import type { CallContext } from '../../runtime/grpc/server.js';
import type { ServiceContext } from '../../svc/context.js';
import { type Item, UploadSummary } from '../../pb/shop.v1.js';

export async function upload(svc: ServiceContext, requests: AsyncIterable<Item>, ctx: CallContext): Promise<UploadSummary> {
  let items = 0;
  let totalCents = 0n;
  for await (const item of requests) {
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

export async function* chat(svc: ServiceContext, requests: AsyncIterable<ChatMessage>, ctx: CallContext): AsyncIterable<ChatMessage> {
  for await (const message of requests) {
    yield ChatMessage.create({ from: 'shop', text: \`\${message.from} said \${message.text.toUpperCase()}\` });
  }
}
`,
  'src/logic/admin/ping.ts': `
import type { CallContext } from '../../runtime/grpc/server.js';
import type { ServiceContext } from '../../svc/context.js';
import { GetOrderRequest } from '../../pb/shop.v1.js';

export async function ping(svc: ServiceContext, request: GetOrderRequest, ctx: CallContext): Promise<GetOrderRequest> {
  return GetOrderRequest.create({ id: \`pong:\${request.id}\` });
}
`,
};

/** The caller: a separate project that imports the service's client as a package (`shop/client`). */
const CALLER = `
import { AdminClient, OrdersClient, isStatus, status } from 'shop/client';

const target = process.argv[2];
const orders = new OrdersClient(target);
const admin = new AdminClient(target);
const json = (value) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? \`\${v}n\` : v instanceof Uint8Array ? [...v] : v));

const out = {};
out.get = await orders.get({ id: 'o-1' }, { deadline: 5000, metadata: { 'x-note': 'ring twice' } });
try {
  await orders.get({ id: 'missing' });
} catch (error) {
  out.missing = { notFound: isStatus(error, status.NOT_FOUND), details: error.details };
}
out.watch = [];
for await (const event of orders.watch({ id: 'o-1', updates: 3 })) out.watch.push(event);
out.upload = await orders.upload([
  { sku: 'a', quantity: 2, price: { currency: 'EUR', cents: 100n } },
  { sku: 'b', quantity: 1, price: { currency: 'EUR', cents: 250n } },
]);
async function* messages() {
  yield { from: 'ann', text: 'hi' };
  yield { from: 'bob', text: 'bye' };
}
out.chat = [];
for await (const reply of orders.chat(messages())) out.chat.push(reply);
out.ping = await admin.ping({ id: '7' });
orders.close();
admin.close();
console.log(json(out));
`;

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(full).isDirectory() ? listFiles(full, base) : [path.relative(base, full)];
  });
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).sort().map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}

beforeAll(() => {
  assertBuilt();
  nodeModules = projectNodeModules();
}, 300_000);

afterAll(async () => {
  await server?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('gen rpc: shop', () => {
  it('generates the project', () => {
    const result = tsctl(['gen', 'rpc', path.join(repoRoot, 'fixtures/rpc/shop/shop.proto'), '-o', project, '--name', 'shop']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const [file, text] of Object.entries(LOGIC)) writeFileSync(path.join(project, file), text.trimStart());
    linkNodeModules(project, nodeModules);
  });

  it('compiles under strict TypeScript', () => {
    const build = tsc(nodeModules, ['-p', 'tsconfig.json'], project);
    expect(build.output).toBe('');
    expect(build.status).toBe(0);
  }, 120_000);

  it('serves every kind of call to a client in another project', async () => {
    writeFileSync(path.join(project, 'etc/e2e.yaml'), 'Name: shop.rpc\nListenOn: 127.0.0.1:0\nMode: test\n');
    server = startProcess(process.execPath, ['dist/main.js', '-f', 'etc/e2e.yaml'], project);
    const [, address] = await server.waitFor(/serving .* on (127\.0\.0\.1:\d+)/);

    mkdirSync(path.join(caller, 'node_modules'), { recursive: true });
    symlinkSync(project, path.join(caller, 'node_modules/shop'), 'dir');
    writeFileSync(path.join(caller, 'package.json'), '{ "name": "caller", "private": true, "type": "module" }\n');
    writeFileSync(path.join(caller, 'call.mjs'), CALLER);
    const call = startProcess(process.execPath, ['call.mjs', address as string], caller);
    const [line] = await call.waitFor(/^\{.*\}$/m, 20_000);
    expect(await call.exit()).toBe(0);
    expect(JSON.parse(line as string)).toEqual({
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
      missing: { notFound: true, details: 'no order missing' },
      watch: [
        { id: 'o-1', sequence: 1, status: 1 },
        { id: 'o-1', sequence: 2, status: 1 },
        { id: 'o-1', sequence: 3, status: 2 },
      ],
      upload: { items: 3, totalCents: '450n' },
      chat: [
        { from: 'shop', text: 'ann said HI' },
        { from: 'shop', text: 'bob said BYE' },
      ],
      ping: { id: 'pong:7' },
    });
  }, 60_000);

  it("passes the generated project's own test (npm test: node --test dist/)", async () => {
    const run = startProcess(process.execPath, ['--test', 'dist/'], project);
    expect(await run.exit(60_000)).toBe(0);
    expect(run.output()).toMatch(/# pass 1\n# fail 0/);
  }, 60_000);

  it('shuts down gracefully on SIGTERM', async () => {
    expect(await server?.stop()).toBe(0);
    expect(server?.output()).toMatch(/SIGTERM: shutting down/);
  });

  it('regenerates without touching the user files or changing generated ones', () => {
    const before = snapshot(project);
    const again = tsctl(['gen', 'rpc', path.join(repoRoot, 'fixtures/rpc/shop/shop.proto'), '-o', project, '--name', 'shop']);
    expect(again.status).toBe(0);
    expect(snapshot(project)).toEqual(before);
    for (const [file, text] of Object.entries(LOGIC)) expect(readFileSync(path.join(project, file), 'utf8')).toBe(text.trimStart());
  });
});
