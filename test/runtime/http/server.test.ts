/**
 * The vendored HTTP runtime on a real Fastify server over loopback: go-zero binding, schema
 * validation (400 naming the field), JWT (401 / 200 with claims), timeout (503, logic's signal
 * aborted), body limit (413), middleware order, empty responses and the uniform error body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError, notFound } from '../../../templates/runtime/http/errors.js';
import { signToken, verifyToken } from '../../../templates/runtime/http/jwt.js';
import { type Middleware, type RequestContext, type RouteSpec, createApp, listen, type RunningApp } from '../../../templates/runtime/http/server.js';

const SECRET = 'test-secret';
const order: string[] = [];
let abortedByTimeout = false;

const mark = (name: string): Middleware => async (_ctx, next) => {
  order.push(`${name}:before`);
  const result = await next();
  order.push(`${name}:after`);
  return result;
};

const base = { jwtSecret: null, timeoutMs: null, maxBytes: null, middleware: [], hasResponse: true } as const;

const routes: RouteSpec[] = [
  {
    ...base,
    method: 'POST',
    url: '/users/:id',
    handler: 'updateUser',
    schema: {
      params: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
      querystring: { type: 'object', properties: { page: { type: 'integer', minimum: 1, maximum: 10 } }, required: ['page'] },
      headers: { type: 'object', properties: { 'x-tenant': { type: 'string' } }, required: ['x-tenant'] },
      body: { type: 'object', properties: { name: { type: 'string', enum: ['ann', 'bob'] }, age: { type: 'integer' } }, required: ['name'] },
    },
    fields: [
      { name: 'id', key: 'id', in: 'path' },
      { name: 'page', key: 'page', in: 'query' },
      { name: 'X-Tenant', key: 'X-Tenant', in: 'header' },
      { name: 'name', key: 'name', in: 'body' },
      { name: 'age', key: 'age', in: 'body' },
    ],
    logic: (async (req: Record<string, unknown>) => ({ got: req })) as RouteSpec['logic'],
  },
  {
    ...base,
    method: 'GET',
    url: '/me',
    handler: 'me',
    schema: {},
    fields: null,
    jwtSecret: SECRET,
    logic: (async (_req: undefined, ctx: RequestContext) => ({ user: ctx.claims?.sub })) as RouteSpec['logic'],
  },
  {
    ...base,
    method: 'POST',
    url: '/secure',
    handler: 'secure',
    schema: { body: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] } },
    fields: [{ name: 'n', key: 'n', in: 'body' }],
    jwtSecret: SECRET,
    logic: (async (req: { n: number }) => ({ n: req.n })) as RouteSpec['logic'],
  },
  {
    ...base,
    method: 'GET',
    url: '/slow',
    handler: 'slow',
    schema: {},
    fields: null,
    timeoutMs: 100,
    logic: (async (_req: undefined, ctx: RequestContext) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      abortedByTimeout = ctx.signal.aborted;
      return { late: true };
    }) as RouteSpec['logic'],
  },
  {
    ...base,
    method: 'POST',
    url: '/upload',
    handler: 'upload',
    schema: {},
    fields: [{ name: 'data', key: 'data', in: 'body' }],
    maxBytes: 64,
    hasResponse: false,
    logic: (async () => undefined) as RouteSpec['logic'],
  },
  {
    ...base,
    method: 'GET',
    url: '/chain',
    handler: 'chain',
    schema: {},
    fields: null,
    middleware: [mark('A'), mark('B')],
    logic: (async () => {
      order.push('logic');
      return { ok: true };
    }) as RouteSpec['logic'],
  },
  {
    ...base,
    method: 'GET',
    url: '/fail/:kind',
    handler: 'fail',
    schema: {},
    fields: [{ name: 'kind', key: 'kind', in: 'path' }],
    logic: (async (req: { kind: string }) => {
      if (req.kind === 'missing') throw notFound('no such thing');
      if (req.kind === 'teapot') throw new HttpError(418, 'short and stout');
      throw new Error('secret database detail');
    }) as RouteSpec['logic'],
  },
  {
    ...base,
    method: 'POST',
    url: '/form',
    handler: 'form',
    schema: {},
    fields: [{ name: 'q', key: 'q', in: 'query' }, { name: 'lang', key: 'lang', in: 'query' }],
    logic: (async (req: unknown) => req) as RouteSpec['logic'],
  },
];

let running: RunningApp;
let url: string;

beforeAll(async () => {
  running = await listen(createApp(routes), '127.0.0.1', 0);
  url = `http://127.0.0.1:${running.port}`;
});

afterAll(async () => {
  await running.shutdown(1000);
});

async function call(path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}${path}`, init);
  const text = await response.text();
  return { status: response.status, body: text === '' ? '' : JSON.parse(text) };
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('http runtime', () => {
  it('binds path, query, header and body fields into one typed request', async () => {
    expect(await call('/users/42?page=3', json({ name: 'ann', age: 30 }, { 'X-Tenant': 'acme' }))).toEqual({
      status: 200,
      body: { got: { id: 42, page: 3, 'X-Tenant': 'acme', name: 'ann', age: 30 } },
    });
  });

  it('answers 400 naming the field on each constraint violation', async () => {
    expect(await call('/users/42?page=11', json({ name: 'ann' }, { 'x-tenant': 'a' }))).toEqual({ status: 400, body: { code: 400, msg: 'querystring/page must be <= 10' } });
    expect(await call('/users/x?page=1', json({ name: 'ann' }, { 'x-tenant': 'a' }))).toEqual({ status: 400, body: { code: 400, msg: 'params/id must be integer' } });
    expect(await call('/users/1?page=1', json({ name: 'eve' }, { 'x-tenant': 'a' }))).toEqual({ status: 400, body: { code: 400, msg: 'body/name must be equal to one of the allowed values' } });
    expect(await call('/users/1?page=1', json({ name: 'ann' }))).toEqual({ status: 400, body: { code: 400, msg: "headers must have required property 'x-tenant'" } });
  });

  it('needs a valid bearer token on jwt routes and passes the claims', async () => {
    expect(await call('/me')).toEqual({ status: 401, body: { code: 401, msg: 'missing bearer token' } });
    expect(await call('/me', { headers: { authorization: 'Bearer x.y.z' } })).toEqual({ status: 401, body: { code: 401, msg: 'malformed token' } });
    expect(await call('/me', { headers: { authorization: `Bearer ${signToken({ sub: 'u1' }, 'wrong', 60)}` } })).toEqual({ status: 401, body: { code: 401, msg: 'invalid token signature' } });
    expect(await call('/me', { headers: { authorization: `Bearer ${signToken({ sub: 'u1' }, SECRET, -10)}` } })).toEqual({ status: 401, body: { code: 401, msg: 'token expired' } });
    expect(await call('/me', { headers: { authorization: `Bearer ${signToken({ sub: 'u1' }, SECRET, 60)}` } })).toEqual({ status: 200, body: { user: 'u1' } });
    expect(() => verifyToken(signToken({ a: 1 }, SECRET), SECRET)).not.toThrow();
    // The token is checked before the body is validated: no token, 401, whatever the body.
    expect(await call('/secure', json({}))).toEqual({ status: 401, body: { code: 401, msg: 'missing bearer token' } });
    const auth = { authorization: `Bearer ${signToken({ sub: 'u1' }, SECRET, 60)}` };
    expect(await call('/secure', json({}, auth))).toEqual({ status: 400, body: { code: 400, msg: "body must have required property 'n'" } });
    expect(await call('/secure', json({ n: 2 }, auth))).toEqual({ status: 200, body: { n: 2 } });
  });

  it('answers 503 at the timeout, and the logic sees its signal aborted', async () => {
    abortedByTimeout = false;
    expect(await call('/slow')).toEqual({ status: 503, body: { code: 503, msg: 'request timed out after 100 ms' } });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(abortedByTimeout).toBe(true);
  });

  it('answers 413 over the body limit, and 200 with an empty body when there is no response type', async () => {
    expect(await call('/upload', json({ data: 'x'.repeat(200) }))).toEqual({ status: 413, body: { code: 413, msg: 'request body too large' } });
    expect(await call('/upload', json({ data: 'small' }))).toEqual({ status: 200, body: '' });
  });

  it('runs middleware in declared order around the logic', async () => {
    order.length = 0;
    expect(await call('/chain')).toEqual({ status: 200, body: { ok: true } });
    expect(order).toEqual(['A:before', 'B:before', 'logic', 'B:after', 'A:after']);
  });

  it('maps errors to one body shape without leaking internals', async () => {
    expect(await call('/fail/missing')).toEqual({ status: 404, body: { code: 404, msg: 'no such thing' } });
    expect(await call('/fail/teapot')).toEqual({ status: 418, body: { code: 418, msg: 'short and stout' } });
    expect(await call('/fail/boom')).toEqual({ status: 500, body: { code: 500, msg: 'internal error' } });
    expect(await call('/nowhere')).toEqual({ status: 404, body: { code: 404, msg: 'no route for GET /nowhere' } });
  });

  it('reads form: fields from the query string or a urlencoded body', async () => {
    const form: RequestInit = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'lang=en' };
    expect(await call('/form?q=books', form)).toEqual({ status: 200, body: { q: 'books', lang: 'en' } });
  });
});
