/**
 * `tsctl gen api` end to end on fixtures/api/demo.api: generate (as a process), write real logic and
 * middleware into the user-owned files, build with tsc, start the server as a process on loopback and
 * call it over HTTP: go-zero binding of path/query/header/body with defaults, 400 on constraint
 * violations, 401 without a token and 200 with one, middleware order, 413 over maxBytes, empty
 * responses, the stub's 501, and a graceful stop.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../templates/runtime/http/jwt.js';
import { assertBuilt, tsctl } from '../cli/run-cli.js';
import { DEMO_MIDDLEWARE_FILES } from './demo-middleware.js';
import { type StartedProcess, linkNodeModules, projectNodeModules, repoRoot, startProcess, tsc } from './support.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-e2e-api-'));
const project = path.join(tmp, 'bookstore');
const SECRET = 'e2e-secret';
let server: StartedProcess | undefined;
let base = '';
let nodeModules: string;

const FILES: Record<string, string> = {
  'src/logic/catalog/list-books.ts': `
import type { RequestContext } from '../../runtime/http/server.js';
import type { ServiceContext } from '../../svc/context.js';
import type { ListBooksReq, ListBooksResp } from '../../types.js';

export async function listBooks(svc: ServiceContext, request: ListBooksReq, ctx: RequestContext): Promise<ListBooksResp> {
  // Fields with a default= are optional in the shared types, but validation has filled them in here.
  return { total: (request.page ?? 0) * 1000 + (request.pageSize ?? 0), books: [] };
}
`,
  'src/logic/catalog/get-book.ts': `
import type { RequestContext } from '../../runtime/http/server.js';
import type { ServiceContext } from '../../svc/context.js';
import type { Book, GetBookReq } from '../../types.js';

export async function getBook(svc: ServiceContext, request: GetBookReq, ctx: RequestContext): Promise<Book> {
  if (request['Accept-Language'] === 'slow') {
    // Longer than the catalog group's 3s timeout: the caller gets 503 and this signal aborts.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    console.log(\`getBook aborted: \${ctx.signal.aborted}\`);
  }
  return { id: request.id, title: request['Accept-Language'] ?? 'none', authors: [], price: { amount: 1250, currency: 'EUR' }, isbn: [] };
}
`,
  'src/logic/admin/place-order.ts': `
import type { RequestContext } from '../../runtime/http/server.js';
import type { ServiceContext } from '../../svc/context.js';
import type { PlaceOrderReq, PlaceOrderResp } from '../../types.js';

export async function placeOrder(svc: ServiceContext, request: PlaceOrderReq, ctx: RequestContext): Promise<PlaceOrderResp> {
  const quantity = request.quantity ?? 0;
  return {
    orderId: \`\${request.bookId}-\${quantity}-\${request['X-Trace-Id'] ?? ''}-\${String(ctx.claims?.sub)}\`,
    total: { amount: 100 * quantity, currency: 'EUR' },
  };
}
`,
  'src/logic/admin/delete-book.ts': `
import type { RequestContext } from '../../runtime/http/server.js';
import type { ServiceContext } from '../../svc/context.js';
import type { GetBookReq } from '../../types.js';

export async function deleteBook(svc: ServiceContext, request: GetBookReq, ctx: RequestContext): Promise<void> {}
`,
  'src/logic/admin/update-book.ts': `
import type { RequestContext } from '../../runtime/http/server.js';
import type { ServiceContext } from '../../svc/context.js';
import type { Book, UpdateBookReq } from '../../types.js';

export async function updateBook(svc: ServiceContext, request: UpdateBookReq, ctx: RequestContext): Promise<Book> {
  return {
    id: request.id,
    title: \`\${request.title ?? '?'} (edition \${request.edition?.number ?? 0})\`,
    authors: [{ id: 1, name: String(ctx.claims?.sub) }],
    price: request.price ?? { amount: 0, currency: 'EUR' },
    isbn: [9, 7, 8],
  };
}
`,
  ...DEMO_MIDDLEWARE_FILES,
};

/** The caller: calls every route through the generated client. */
const CALLER = `
import { ApiError, createClient } from './api/client.js';

const [baseUrl, jwt] = process.argv.slice(2) as [string, string];
const client = createClient({ baseUrl, token: () => jwt });
const anonymous = createClient({ baseUrl });
const status = async (work: Promise<unknown>): Promise<unknown> => {
  try {
    await work;
    return 'no error';
  } catch (error) {
    return error instanceof ApiError ? { status: error.status, body: error.body } : String(error);
  }
};
const out = {
  list: await client.catalog.listBooks({ page: 3, pageSize: 10 }),
  get: await client.catalog.getBook({ id: 7, 'Accept-Language': 'fr' }),
  ping: await status(client.catalog.ping()),
  update: await client.admin.updateBook({ id: 7, title: 'New', price: { amount: 990, currency: 'USD' }, edition: { number: 2 } }),
  order: await client.admin.placeOrder({ bookId: 5, quantity: 2, 'X-Trace-Id': 't7' }),
  delete: (await client.admin.deleteBook({ id: 3 })) ?? null,
  unauthorized: ((await status(anonymous.admin.deleteBook({ id: 3 }))) as { status: number }).status,
  invalid: await status(client.admin.updateBook({ id: 7, edition: { number: 101 } })),
};
console.log(JSON.stringify(out));
`;

function token(claims: Record<string, unknown>): string {
  return signToken(claims, SECRET, 600);
}

async function call(route: string, init: RequestInit = {}): Promise<{ status: number; body: unknown; chain: string | null }> {
  const response = await fetch(`${base}${route}`, init);
  const text = await response.text();
  return { status: response.status, body: text === '' ? '' : JSON.parse(text), chain: response.headers.get('x-chain') };
}

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

beforeAll(() => {
  assertBuilt();
  nodeModules = projectNodeModules();
}, 300_000);

afterAll(async () => {
  await server?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('gen api: the bookstore demo', () => {
  it('generates, builds and starts', async () => {
    const gen = tsctl(['gen', 'api', path.join(repoRoot, 'fixtures/api/demo.api'), '-o', project]);
    expect(gen.stderr).toBe('');
    expect(gen.status).toBe(0);
    for (const [file, text] of Object.entries(FILES)) writeFileSync(path.join(project, file), text.trimStart());
    linkNodeModules(project, nodeModules);
    const build = tsc(nodeModules, ['-p', 'tsconfig.json'], project);
    expect(build.output).toBe('');
    writeFileSync(path.join(project, 'etc/e2e.yaml'), `Name: bookstore-api\nHost: 127.0.0.1\nPort: 0\nAuth:\n  AccessSecret: ${SECRET}\n`);
    server = startProcess(process.execPath, ['dist/main.js', '-f', 'etc/e2e.yaml'], project);
    const [, address] = await server.waitFor(/serving 6 routes on (http:\/\/127\.0\.0\.1:\d+)/);
    base = address as string;
  }, 120_000);

  it('binds query fields with their defaults and checks their constraints', async () => {
    expect(await call('/api/v1/books?page=2&pageSize=5')).toMatchObject({ status: 200, body: { total: 2005, books: [] } });
    expect(await call('/api/v1/books')).toMatchObject({ status: 200, body: { total: 1020, books: [] } });
    expect(await call('/api/v1/books?page=0')).toMatchObject({ status: 400, body: { code: 400, msg: 'querystring/page must be >= 1' } });
    expect(await call('/api/v1/books?genre=poetry')).toMatchObject({ status: 400, body: { code: 400, msg: 'querystring/genre/0 must be equal to one of the allowed values' } });
  });

  it('binds path and header fields', async () => {
    expect(await call('/api/v1/books/7', { headers: { 'accept-language': 'de' } })).toMatchObject({ status: 200, body: { id: 7, title: 'de' } });
    expect(await call('/api/v1/books/seven')).toMatchObject({ status: 400, body: { code: 400, msg: 'params/id must be integer' } });
  });

  it('needs a bearer token on jwt routes, runs middleware in order, applies body defaults and ranges', async () => {
    expect(await call('/api/v1/admin/orders', post({ bookId: 5 }))).toMatchObject({ status: 401, body: { code: 401, msg: 'missing bearer token' } });
    const auth = { authorization: `Bearer ${token({ sub: 'u1' })}`, 'x-trace-id': 't1' };
    expect(await call('/api/v1/admin/orders', post({ bookId: 5 }, auth))).toEqual({
      status: 200,
      body: { orderId: '5-1-t1-u1', total: { amount: 100, currency: 'EUR' } },
      chain: 'AuditLog,RateLimit',
    });
    expect(await call('/api/v1/admin/orders', post({ bookId: 5, quantity: 11 }, auth))).toMatchObject({ status: 400, body: { code: 400, msg: 'body/quantity must be <= 10' } });
    expect(await call('/api/v1/admin/orders', post({ quantity: 2 }, auth))).toMatchObject({ status: 400, body: { code: 400, msg: "body must have required property 'bookId'" } });
  });

  it('answers 413 over maxBytes, 200 with no body for routes without a response, 501 from a stub', async () => {
    const auth = { authorization: `Bearer ${token({ sub: 'u1' })}` };
    expect(await call('/api/v1/admin/orders', post({ bookId: 1, pad: 'x'.repeat(70_000) }, auth))).toMatchObject({ status: 413, body: { code: 413 } });
    expect(await call('/api/v1/admin/books/3', { method: 'DELETE', headers: auth })).toMatchObject({ status: 200, body: '' });
    expect(await call('/api/v1/ping')).toMatchObject({ status: 501, body: { code: 501, msg: 'ping is not implemented yet' } });
  });

  it('times out at the group timeout: 503, and the logic sees its signal aborted', async () => {
    expect(await call('/api/v1/books/1', { headers: { 'accept-language': 'slow' } })).toMatchObject({
      status: 503,
      body: { code: 503, msg: 'request timed out after 3000 ms' },
    });
    await server?.waitFor(/getBook aborted: true/, 5000);
  }, 20_000);

  it('serves every route to the generated client (tsctl gen client) in another project', async () => {
    const caller = path.join(tmp, 'caller');
    const gen = tsctl(['gen', 'client', path.join(repoRoot, 'fixtures/api/demo.api'), '-o', path.join(caller, 'src/api')]);
    expect(gen.status).toBe(0);
    writeFileSync(path.join(caller, 'src/main.ts'), CALLER);
    writeFileSync(
      path.join(caller, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023', 'DOM'], types: ['node'], strict: true, noUncheckedIndexedAccess: true, outDir: 'dist', rootDir: 'src' }, include: ['src/**/*.ts'] }),
    );
    writeFileSync(path.join(caller, 'package.json'), '{ "type": "module", "private": true }\n');
    linkNodeModules(caller, nodeModules);
    const build = tsc(nodeModules, ['-p', 'tsconfig.json'], caller);
    expect(build.output).toBe('');
    const run = startProcess(process.execPath, ['dist/main.js', base, token({ sub: 'u9' })], caller);
    const [line] = await run.waitFor(/^\{.*\}$/m);
    expect(await run.exit()).toBe(0);
    expect(JSON.parse(line as string)).toEqual({
      list: { total: 3010, books: [] },
      get: { id: 7, title: 'fr', authors: [], price: { amount: 1250, currency: 'EUR' }, isbn: [] },
      ping: { status: 501, body: { code: 501, msg: 'ping is not implemented yet' } },
      update: { id: 7, title: 'New (edition 2)', authors: [{ id: 1, name: 'u9' }], price: { amount: 990, currency: 'USD' }, isbn: [9, 7, 8] },
      order: { orderId: '5-2-t7-u9', total: { amount: 200, currency: 'EUR' } },
      delete: null,
      unauthorized: 401,
      invalid: { status: 400, body: { code: 400, msg: 'body/edition/number must be <= 100' } },
    });
  }, 120_000);

  it("passes the generated project's own test (npm test: node --test dist/): it starts the service and calls it", async () => {
    const run = startProcess(process.execPath, ['--test', 'dist/'], project);
    expect(await run.exit(60_000)).toBe(0);
    expect(run.output()).toMatch(/# tests 2\n# suites 0\n# pass 2\n# fail 0/);
  }, 60_000);

  it('stops gracefully on SIGTERM', async () => {
    expect(await server?.stop()).toBe(0);
  });
});
