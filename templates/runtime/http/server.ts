/**
 * HTTP runtime that tsctl-generated services vendor (copied verbatim into `src/runtime/http/`), on
 * Fastify. A route is data (method, url, JSON schemas, where each request field comes from, jwt,
 * timeout, body limit, middleware) plus a logic function; this module binds the request as go-zero
 * does, runs middleware in declared order, enforces the timeout and answers errors with one body shape.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifySchema } from 'fastify';
import { BreakerOpenError, type BreakerPermit, Breakers, httpAcceptable } from '../core/resilience/breaker.ts';
import { type ErrorBody, HttpError } from './errors.ts';
import { type Claims, bearerToken, verifyToken } from './jwt.ts';

export interface RequestContext {
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  /** Aborted when the route's timeout passes or the client goes away. */
  readonly signal: AbortSignal;
  /** The verified JWT claims on routes of a `jwt:` group. */
  readonly claims: Claims | undefined;
}

/** Custom middleware (named in `@server(middleware: …)`): call `next()` to go on, or throw / answer. */
export type Middleware = (ctx: RequestContext, next: () => Promise<unknown>) => Promise<unknown>;

/** Where a request field is read from, go-zero style: `path:`, `form:` (query), `header:`, `json:`. */
export interface FieldBinding {
  /** The property of the request object logic receives. */
  readonly name: string;
  /** The name on the wire: path parameter, query/form key, header name or JSON key. */
  readonly key: string;
  readonly in: 'path' | 'query' | 'header' | 'body';
}

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'TRACE' | 'CONNECT';

export interface RouteSpec {
  readonly method: HttpMethod;
  readonly url: string;
  /** The handler name, for logs. */
  readonly handler: string;
  readonly schema: FastifySchema;
  /** The request type's fields, or null when the route takes no request. */
  readonly fields: readonly FieldBinding[] | null;
  /** HS256 secret of the route's `jwt:` config section. */
  readonly jwtSecret: string | null;
  /** The route's own timeout (`@server timeout`); null: the app's default applies. 0 or less: none. */
  readonly timeoutMs: number | null;
  /** The route's own body limit (`@server maxBytes`); null: the app's default applies. */
  readonly maxBytes: number | null;
  readonly middleware: readonly Middleware[];
  /** False for routes without a response type: they answer 200 with an empty body. */
  readonly hasResponse: boolean;
  readonly logic: (request: never, ctx: RequestContext) => Promise<unknown>;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** The request object logic receives: each field from where its tag says (form: also from a form body). */
export function bindRequest(fields: readonly FieldBinding[], request: FastifyRequest): Record<string, unknown> {
  const params = record(request.params);
  const query = record(request.query);
  const headers = record(request.headers);
  const body = record(request.body);
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    let value: unknown;
    switch (field.in) {
      case 'path':
        value = params[field.key];
        break;
      case 'query':
        value = query[field.key] ?? (request.method !== 'GET' && request.method !== 'HEAD' ? body[field.key] : undefined);
        break;
      case 'header':
        value = headers[field.key.toLowerCase()];
        break;
      case 'body':
        value = body[field.key];
        break;
    }
    if (value !== undefined) out[field.name] = value;
  }
  return out;
}

function errorBody(status: number, msg: string): ErrorBody {
  return { code: status, msg };
}

/** A Fastify app with tsctl's error handling, form-body parsing and every route registered. */
export interface AppOptions {
  /** Fastify's request log (on for `Log.Level: debug`). */
  readonly logger?: boolean;
  /** The timeout of routes without their own (go-zero: `Timeout`); none when absent or 0. */
  readonly timeoutMs?: number;
  /** The body limit of routes without their own (go-zero: `MaxBytes`); Fastify's default when absent. */
  readonly maxBytes?: number;
  /**
   * go-zero's breaker (`Middlewares.Breaker`): one per route (`METHOD://path`); while it is open a
   * request that passed its jwt check and validation is answered 503 without running its logic;
   * answers ≥ 500 count as failures. Off when absent.
   */
  readonly breaker?: boolean;
}

export function createApp(routes: readonly RouteSpec[], options: AppOptions = {}): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false, ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } } });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, text, done) => {
    done(null, Object.fromEntries(new URLSearchParams(text as string)));
  });
  app.setErrorHandler((error: RouteError, request, reply) => {
    const status = statusOfError(error);
    if (error instanceof HttpError || status < 500) {
      return reply.code(status).send(errorBody(status, error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'request body too large' : error.message));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(errorBody(500, 'internal error'));
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send(errorBody(404, `no route for ${request.method} ${request.url.split('?')[0]}`)));
  const breakers = options.breaker ? new Breakers() : undefined;
  for (const route of routes) addRoute(app, route, options, breakers);
  return app;
}

/** What a route's logic, its hooks or Fastify may throw. */
type RouteError = Error & { statusCode?: number; validation?: unknown; code?: string };

/** The status the error handler answers `error` with (and the breaker judges it by). */
function statusOfError(error: RouteError): number {
  if (error instanceof HttpError) return error.status;
  if (error.validation) return 400;
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 413;
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) return error.statusCode;
  return 500;
}

/** Claims verified by a route's onRequest hook, for its handler. */
const verifiedClaims = new WeakMap<FastifyRequest, Claims>();

function addRoute(app: FastifyInstance, route: RouteSpec, defaults: AppOptions, breakers: Breakers | undefined): void {
  const jwtSecret = route.jwtSecret;
  const timeoutMs = route.timeoutMs ?? defaults.timeoutMs ?? 0;
  const maxBytes = route.maxBytes ?? defaults.maxBytes;
  // go-zero's breaker of the route (`rest/handler/breakerhandler.go`), taken in the handler rather than
  // in onRequest/onResponse hooks, which cost about a tenth of the throughput of a small route.
  const breaker = breakers?.get(`${route.method}://${route.url}`);
  app.route({
    method: route.method,
    url: route.url,
    schema: route.schema,
    ...(maxBytes !== undefined ? { bodyLimit: maxBytes } : {}),
    // The token is checked first, before the body is read and validated: an anonymous caller gets 401,
    // whatever it sent.
    ...(jwtSecret !== null
      ? {
          onRequest: async (request: FastifyRequest) => {
            verifiedClaims.set(request, verifyToken(bearerToken(request.headers.authorization), jwtSecret));
          },
        }
      : {}),
    handler: async (request, reply) => {
      const permit = breaker?.allow();
      if (breaker && !permit) return reply.code(503).send(errorBody(503, new BreakerOpenError(breaker.name).message));
      try {
        const ctx = new Context(request, reply, verifiedClaims.get(request));
        const input = route.fields === null ? undefined : bindRequest(route.fields, request);
        const run = (): Promise<unknown> => route.logic(input as never, ctx);
        const chain = route.middleware.length === 0 ? run : route.middleware.reduceRight<() => Promise<unknown>>((next, middleware) => () => middleware(ctx, next), run);
        const result = timeoutMs <= 0 ? await chain() : await withTimeout(chain, timeoutMs, ctx);
        if (reply.sent) {
          settle(permit, reply.statusCode);
          return reply;
        }
        settle(permit, 200);
        if (!route.hasResponse || result === undefined) return reply.code(200).send();
        return result;
      } catch (error) {
        settle(permit, statusOfError(error as RouteError));
        throw error;
      }
    },
  });
}

/** Tells the breaker how the request ended: a status ≥ 500 is a failure (go-zero). */
function settle(permit: BreakerPermit | undefined, status: number): void {
  if (!permit) return;
  if (httpAcceptable(status)) permit.accept();
  else permit.reject();
}

/**
 * The RequestContext of one request. Its AbortSignal is made on first use (most logic never reads it,
 * and an AbortController plus a close listener per request cost a few percent of throughput); once
 * made, it aborts when the client goes away, and in any case when the route's timeout passes.
 */
class Context implements RequestContext {
  private controller: AbortController | undefined;
  private abortedWith: unknown;

  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  readonly claims: Claims | undefined;

  constructor(request: FastifyRequest, reply: FastifyReply, claims: Claims | undefined) {
    this.request = request;
    this.reply = reply;
    this.claims = claims;
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      const controller = new AbortController();
      this.controller = controller;
      if (this.abortedWith !== undefined) controller.abort(this.abortedWith);
      else {
        this.reply.raw.on('close', () => {
          if (!this.reply.raw.writableFinished) controller.abort(new HttpError(499, 'the client went away'));
        });
      }
    }
    return this.controller.signal;
  }

  abort(reason: unknown): void {
    this.abortedWith = reason;
    this.controller?.abort(reason);
  }
}

interface Deadline {
  readonly at: number;
  readonly fire: () => void;
}

/**
 * Request deadlines, checked by one timer every DEADLINE_TICK_MS instead of a timer per request (a
 * timer per request cost about 5% of throughput): a timeout fires up to one tick late.
 */
const DEADLINE_TICK_MS = 10;
const deadlines = new Set<Deadline>();
let ticker: NodeJS.Timeout | undefined;

function watchDeadline(deadline: Deadline): void {
  deadlines.add(deadline);
  ticker ??= setInterval(() => {
    const now = Date.now();
    for (const d of deadlines) {
      if (d.at > now) continue;
      deadlines.delete(d);
      d.fire();
    }
    if (deadlines.size === 0 && ticker) {
      clearInterval(ticker);
      ticker = undefined;
    }
  }, DEADLINE_TICK_MS);
  ticker.unref();
}

/** Runs `work`; after `ms` answers 503 and aborts the signal logic sees (as go-zero's timeout handler). */
async function withTimeout(work: () => Promise<unknown>, ms: number, ctx: Context): Promise<unknown> {
  let deadline: Deadline | undefined;
  const timeout = new Promise<never>((_, reject) => {
    deadline = {
      at: Date.now() + ms,
      fire: () => {
        const error = new HttpError(503, `request timed out after ${ms} ms`);
        ctx.abort(error);
        reject(error);
      },
    };
    watchDeadline(deadline);
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    if (deadline) deadlines.delete(deadline);
  }
}

export interface RunningApp {
  readonly app: FastifyInstance;
  /** `host:port` actually bound. */
  readonly address: string;
  readonly port: number;
  /** Stops accepting requests and waits for running ones (up to `graceMs`, then closes connections). */
  shutdown(graceMs?: number): Promise<void>;
}

export async function listen(app: FastifyInstance, host: string, port: number): Promise<RunningApp> {
  await app.listen({ host, port });
  const bound = app.server.address();
  const actualPort = typeof bound === 'object' && bound !== null ? bound.port : port;
  let stopping: Promise<void> | undefined;
  return {
    app,
    port: actualPort,
    address: `${host}:${actualPort}`,
    shutdown(graceMs = 5000): Promise<void> {
      stopping ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          app.server.closeAllConnections();
          resolve();
        }, graceMs);
        app.close().then(
          () => {
            clearTimeout(timer);
            resolve();
          },
          () => resolve(),
        );
      });
      return stopping;
    },
  };
}
