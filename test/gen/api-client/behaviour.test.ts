/**
 * The generated client of fixtures/api-client/everything, run against a real HTTP server that records
 * every request: where each field goes (path, query, headers, JSON body), no body on GET, the bearer
 * token only on jwt routes, errors, timeouts, aborts, empty responses and a custom fetch.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateFixture } from './harness.js';

type ClientModule = typeof import('../../../fixtures/api-client/everything/golden/client.js');

interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-client-run-'));
const requests: Recorded[] = [];
let server: Server;
let baseUrl: string;
let mod: ClientModule;

const USER = { id: 7, name: 'Ada', address: { city: 'Paris' }, scores: [1.5], 'user-kind': 'admin' };

function reply(req: Recorded, res: import('node:http').ServerResponse): void {
  const json = (status: number, value: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(value));
  };
  const pathname = req.url.split('?')[0] ?? '';
  if (pathname === '/ping') return json(200, { ok: true });
  if (pathname === '/reset') {
    res.writeHead(204);
    return void res.end();
  }
  if (pathname === '/search') return json(200, [USER]);
  if (pathname.startsWith('/files/')) return json(200, { ok: true });
  if (pathname === '/tags') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return void res.end('{"ignored":true}');
  }
  if (pathname === '/api/v1/users/404') return json(404, { code: 404, msg: 'no such user' });
  if (pathname === '/api/v1/users/500') {
    res.writeHead(500, { 'content-type': 'text/plain' });
    return void res.end('boom');
  }
  if (pathname === '/api/v1/users/slow') {
    setTimeout(() => json(200, USER), 2_000).unref();
    return;
  }
  if (pathname === '/api/v1/users/empty') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return void res.end();
  }
  if (pathname === '/api/v1/users') return json(200, { users: [USER], total: 1 });
  if (pathname.startsWith('/api/v1/users/') && req.method === 'DELETE') return json(200, { deleted: true });
  if (pathname.startsWith('/api/v1/users/')) return json(200, USER);
  if (pathname === '/api/v1/admin/ping') {
    res.writeHead(200, { 'content-type': 'application/json', 'x-alive': 'yes' });
    return void res.end();
  }
  if (pathname === '/api/v1/admin/export') return json(200, { users: [], total: 0 });
  json(500, { msg: `unexpected ${req.method} ${req.url}` });
}

beforeAll(async () => {
  for (const entry of generateFixture()) {
    const js = ts.transpileModule(entry.content, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    writeFileSync(path.join(tmp, entry.path.replace(/\.ts$/, '.js')), js.outputText);
  }
  mod = (await import(pathToFileURL(path.join(tmp, 'client.js')).href)) as ClientModule;
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      reply(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(tmp, { recursive: true, force: true });
});

beforeEach(() => {
  requests.length = 0;
});

function only(): Recorded {
  expect(requests).toHaveLength(1);
  return requests[0] as Recorded;
}

describe('generated client against a real server', () => {
  it('puts path, query, header and JSON body fields where the tags say', async () => {
    const client = mod.createClient({ baseUrl, token: () => 'tok' });
    const user = await client.user.updateUser({
      id: 'a b/c',
      version: 3,
      'X-Client-Token': 'ct',
      name: 'Ada',
      nick: 'ada',
      roles: ['x', 'y'],
    });
    expect(user).toEqual(USER);
    const req = only();
    expect(req.method).toBe('PUT');
    expect(req.url).toBe('/api/v1/users/a%20b%2Fc?version=3');
    expect(req.headers['x-client-token']).toBe('ct');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers.authorization).toBe('Bearer tok');
    expect(JSON.parse(req.body)).toEqual({ name: 'Ada', nick: 'ada', roles: ['x', 'y'] });
  });

  it('leaves out optional fields that are not set, and never sends a body on GET', async () => {
    const client = mod.createClient({ baseUrl });
    await client.user.updateUser({ id: '1', version: 0, 'X-Client-Token': 't', name: 'n' });
    expect(JSON.parse(only().body)).toEqual({ name: 'n' });
    requests.length = 0;
    await client.search({ term: 'a&b c', body: 'dropped' });
    const req = only();
    expect([req.method, req.url, req.body, req.headers['content-type']]).toEqual(['GET', '/search?term=a%26b+c', '', undefined]);
  });

  it('encodes query fields (embedded structs flattened, slices repeated) and headers, with the token on jwt routes only', async () => {
    const client = mod.createClient({ baseUrl, token: async () => 'jwt' });
    const page = await client.user.listUsers({ page: 2, size: 10, q: 'ü=1', tag: ['a', 'b'], status: 'banned', 'X-Trace-Id': 'tr' });
    expect(page).toEqual({ users: [USER], total: 1 });
    let req = only();
    expect(req.url).toBe('/api/v1/users?page=2&size=10&q=%C3%BC%3D1&tag=a&tag=b&status=banned');
    expect([req.headers['x-trace-id'], req.headers.authorization, req.body]).toEqual(['tr', 'Bearer jwt', '']);
    requests.length = 0;
    await client.adminAudit.exportUsers({ q: 'x' });
    req = only();
    expect([req.method, req.url, req.body, req.headers.authorization, req.headers['content-type']]).toEqual([
      'POST', '/api/v1/admin/export?q=x', '', undefined, undefined,
    ]);
    requests.length = 0;
    await client.ping();
    expect(only().headers.authorization).toBeUndefined();
  });

  it('sends the token everywhere with authAllRoutes, nothing when the provider gives none, and merges headers', async () => {
    await mod.createClient({ baseUrl, token: () => 't', authAllRoutes: true, headers: { 'x-app': 'a', 'x-both': 'client' } }).ping({ headers: { 'x-both': 'call' } });
    const req = only();
    expect([req.headers.authorization, req.headers['x-app'], req.headers['x-both'], req.headers.accept]).toEqual(['Bearer t', 'a', 'call', 'application/json']);
    requests.length = 0;
    await mod.createClient({ baseUrl, token: () => undefined }).user.getUser({ id: 1 });
    expect(only().headers.authorization).toBeUndefined();
  });

  it('handles routes without request or response: 204, empty 200, HEAD', async () => {
    const client = mod.createClient({ baseUrl });
    await expect(client.reset()).resolves.toBeUndefined();
    expect([only().method, only().url, only().body]).toEqual(['POST', '/reset', '']);
    requests.length = 0;
    await expect(client.user.deleteUser({ id: 5 })).resolves.toBeUndefined();
    expect([only().method, only().url, only().body]).toEqual(['DELETE', '/api/v1/users/5', '']);
    requests.length = 0;
    await expect(client.adminAudit.ping()).resolves.toBeUndefined();
    expect(only().method).toBe('HEAD');
    requests.length = 0;
    // A route with a response type that answers 200 with no body resolves to undefined.
    await expect(client.user.getUser({ id: 'empty' as unknown as number })).resolves.toBeUndefined();
  });

  it('takes a path parameter no field binds as an extra property, and keeps same-named fields of two bindings apart', async () => {
    const client = mod.createClient({ baseUrl });
    await expect(client.getFile({ name: 'a/b c.txt' })).resolves.toEqual({ ok: true });
    expect(only().url).toBe('/files/a%2Fb%20c.txt');
    requests.length = 0;
    await expect(client.tag({ id: 'q', 'body:id': 9 })).resolves.toBeUndefined();
    const req = only();
    expect([req.method, req.url, JSON.parse(req.body)]).toEqual(['PATCH', '/tags?id=q', { id: 9 }]);
  });

  it('returns slice responses as arrays', async () => {
    await expect(mod.createClient({ baseUrl }).search({ term: 't' })).resolves.toEqual([USER]);
  });

  it('throws ApiError with status, parsed JSON body, method and url on 4xx, text body on 5xx', async () => {
    const client = mod.createClient({ baseUrl });
    const notFound = await client.user.getUser({ id: 404 }).catch((error: unknown) => error);
    expect(notFound).toBeInstanceOf(mod.ApiError);
    const e = notFound as InstanceType<ClientModule['ApiError']>;
    expect([e.name, e.status, e.statusText, e.body, e.method, e.url]).toEqual([
      'ApiError', 404, 'Not Found', { code: 404, msg: 'no such user' }, 'GET', `${baseUrl}api/v1/users/404`,
    ]);
    expect(e.message).toBe(`GET ${baseUrl}api/v1/users/404: 404 Not Found`);
    const failed = (await client.user.getUser({ id: 500 }).catch((error: unknown) => error)) as InstanceType<ClientModule['ApiError']>;
    expect([failed.status, failed.body]).toEqual([500, 'boom']);
  });

  it('refuses a missing path parameter before sending anything', async () => {
    const client = mod.createClient({ baseUrl });
    await expect(client.user.getUser({} as { id: number })).rejects.toThrow("GET /api/v1/users/:id: missing path parameter 'id'");
    expect(requests).toEqual([]);
  });

  it('aborts on the per-call timeout, the client timeout, and the caller signal', async () => {
    const client = mod.createClient({ baseUrl });
    const slow = { id: 'slow' as unknown as number };
    const started = Date.now();
    const timedOut = await client.user.getUser(slow, { timeoutMs: 50 }).catch((error: unknown) => error);
    expect((timedOut as Error).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(1_500);
    const clientTimeout = await mod.createClient({ baseUrl, timeoutMs: 50 }).user.getUser(slow).catch((error: unknown) => error);
    expect((clientTimeout as Error).name).toBe('TimeoutError');
    const controller = new AbortController();
    const pending = client.user.getUser(slow, { signal: controller.signal, timeoutMs: 5_000 }).catch((error: unknown) => error);
    setTimeout(() => controller.abort(new Error('caller gave up')), 30);
    expect(((await pending) as Error).message).toBe('caller gave up');
    const already = AbortSignal.abort();
    expect(((await client.ping({ signal: already }).catch((error: unknown) => error)) as Error).name).toBe('AbortError');
  });

  it('uses the fetch it is given', async () => {
    const calls: string[] = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      calls.push(`${init?.method ?? ''} ${String(input)}`);
      return new Response(JSON.stringify({ ok: false }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    await expect(mod.createClient({ baseUrl: 'http://example.invalid/base/', fetch }).ping()).resolves.toEqual({ ok: false });
    expect(calls).toEqual(['GET http://example.invalid/base/ping']);
    expect(requests).toEqual([]);
  });
});
