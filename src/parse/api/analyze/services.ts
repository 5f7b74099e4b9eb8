/**
 * The services pass of the analysis: every `service` block of the import graph becomes one IR
 * `Service` (all blocks must share one name), each route a `Method` with its HTTP binding, `@server`
 * annotations, `@doc` and request/response bodies; duplicate handlers and routes, bad annotation values
 * and path parameters no request field binds are reported. Runs after the types pass (types.ts).
 */
import type { Span } from '../../../diagnostics.js';
import type { Annotations, BodyRef, HttpBinding, Method, MethodDoc, PrimitiveName, Service, TypeRef } from '../../../ir/index.js';
import type { AtServerStmt, BodyStmt, ServiceItem, ServiceStmt, TokenNode, TypeExpr } from '../ast.js';
import type { GraphFile } from '../graph.js';
import { parseDuration, unquote } from '../strings.js';
import { parseTag } from '../tags.js';
import { type Analysis, PRIMITIVES, docOf, kvValue, sourceRef } from './context.js';

interface RouteEntry {
  readonly file: GraphFile;
  readonly service: ServiceStmt;
  readonly item: ServiceItem;
}

/** The service of the graph (none when no file declares one), its routes in source order. */
export function buildServices(a: Analysis): Service[] {
  const routes: RouteEntry[] = [];
  let firstService: { file: GraphFile; stmt: ServiceStmt } | undefined;
  for (const file of a.files) {
    for (const stmt of file.ast.stmts) {
      if (stmt.kind !== 'ServiceStmt') continue;
      if (!firstService) {
        firstService = { file, stmt };
      } else if (stmt.name.token.text !== firstService.stmt.name.token.text) {
        a.error(
          file.path,
          stmt.name.span,
          'API0215',
          `multiple service names: '${stmt.name.token.text}' here, '${firstService.stmt.name.token.text}' at ${firstService.file.path}:${firstService.stmt.name.span.start.line}; all service blocks must share one name`,
        );
      }
      for (const item of stmt.items) routes.push({ file, service: stmt, item });
    }
  }
  if (!firstService) return [];
  const handlers = new Map<string, RouteEntry>();
  const paths = new Map<string, RouteEntry>();
  const methods: Method[] = [];
  for (const entry of routes) {
    const method = buildMethod(a, entry);
    if (!method) continue;
    methods.push(method);
    const handlerKey = `${method.annotations.group ?? ''}\u0000${method.name}`;
    const handlerNode = handlerNameNode(entry.item);
    const firstHandler = handlers.get(handlerKey);
    if (firstHandler) {
      const scope = method.annotations.group ? ` in group '${method.annotations.group}'` : '';
      a.error(entry.file.path, handlerNode.span, 'API0216', `duplicate handler '${method.name}'${scope} (first at ${locate(firstHandler.file, handlerNameNode(firstHandler.item))})`);
    } else {
      handlers.set(handlerKey, entry);
    }
    if (method.http) {
      const pathKey = `${method.http.method} ${method.http.path}`;
      const firstPath = paths.get(pathKey);
      if (firstPath) {
        a.error(entry.file.path, entry.item.route.span, 'API0217', `duplicate route '${pathKey}' (first at ${locate(firstPath.file, firstPath.item.route.method)})`);
      } else {
        paths.set(pathKey, entry);
      }
    }
  }
  const { file, stmt } = firstService;
  return [{ name: stmt.name.token.text, methods, doc: docOf(stmt.atServer?.atServer.head ?? stmt.service.head), source: sourceRef(file.path, stmt.name.span) }];
}

/** The `@server` block's values as IR annotations (all routes of a service block share them). */
function serverAnnotations(a: Analysis, file: GraphFile, server: AtServerStmt | undefined): Annotations {
  const raw: Record<string, string> = {};
  const result: { -readonly [K in keyof Annotations]: Annotations[K] } = { middleware: [], server: raw };
  if (!server) return result;
  for (const kv of server.values) {
    const key = kv.key.token.text;
    const value = kvValue(kv);
    if (key in raw) {
      a.error(file.path, kv.key.span, 'API0218', `duplicate @server key '${key}'`);
      continue;
    }
    raw[key] = value;
    switch (key) {
      case 'jwt':
        result.jwt = value;
        break;
      case 'jwtTransition':
        result.jwtTransition = value;
        break;
      case 'group':
        result.group = value;
        break;
      case 'prefix':
        result.prefix = normalizePrefix(value);
        break;
      case 'middleware':
        result.middleware = value.split(',').map((m) => m.trim()).filter((m) => m !== '');
        break;
      case 'timeout': {
        const ms = parseDuration(value);
        if (ms === undefined) a.error(file.path, kv.value.span, 'API0219', `invalid timeout '${value}': expected a duration such as 3s or 500ms`);
        else {
          result.timeoutMs = ms;
          result.timeout = value;
        }
        break;
      }
      case 'maxBytes':
        if (!/^\d+$/.test(value)) a.error(file.path, kv.value.span, 'API0219', `invalid maxBytes '${value}': expected a number of bytes`);
        else result.maxBytes = Number(value);
        break;
      case 'signature':
      case 'sse':
        if (value !== 'true' && value !== 'false') a.error(file.path, kv.value.span, 'API0219', `invalid ${key} '${value}': expected true or false`);
        else result[key] = value === 'true';
        break;
      default:
        break;
    }
  }
  return result;
}

function buildMethod(a: Analysis, entry: RouteEntry): Method | undefined {
  const { file, service, item } = entry;
  const route = item.route;
  const annotations = serverAnnotations(a, file, service.atServer);
  let name: string;
  if (item.atHandler) {
    name = item.atHandler.name.token.text;
  } else {
    const handlerKv = item.legacyAtServer?.values.find((kv) => kv.key.token.text === 'handler');
    if (!handlerKv) {
      a.error(file.path, (item.legacyAtServer ?? route).span, 'API0220', "missing handler: write '@handler name' before the route");
      return undefined;
    }
    name = kvValue(handlerKv);
  }
  const routePath = route.path.value.token.text;
  const prefix = annotations.prefix && annotations.prefix !== '/' ? annotations.prefix : '';
  const http: HttpBinding = {
    method: route.method.token.text as HttpBinding['method'],
    path: prefix + routePath,
    routePath,
    pathParams: route.path.segments.filter((s) => s.param).map((s) => s.text),
  };
  const request = route.request ? body(a, file, route.request, 'request') : undefined;
  const response = route.response ? body(a, file, route.response, 'response') : undefined;
  if (annotations.sse && !response) {
    a.error(file.path, route.span, 'API0221', 'a route of an sse service must declare a response type: returns (Event)');
  }
  if (request) checkPathParams(a, file, route.path.segments, request);
  const doc = methodDoc(item);
  const comments = docOf(item.atDoc?.atDoc.head ?? item.atHandler?.atHandler.head ?? item.legacyAtServer?.atServer.head ?? route.method.head);
  return {
    name,
    ...(request ? { request } : {}),
    ...(response ? { response } : {}),
    streaming: { client: false, server: false },
    http,
    annotations,
    doc,
    comments,
    source: sourceRef(file.path, item.span),
  };
}

function methodDoc(item: ServiceItem): MethodDoc {
  const atDoc = item.atDoc;
  if (!atDoc) return { properties: {} };
  if (atDoc.kind === 'AtDocLiteralStmt') {
    const summary = unquote(atDoc.value.token.text);
    return { summary, properties: { summary } };
  }
  const properties: Record<string, string> = {};
  for (const kv of atDoc.values) properties[kv.key.token.text] = kvValue(kv);
  return properties.summary !== undefined ? { summary: properties.summary, properties } : { properties };
}

function body(a: Analysis, file: GraphFile, stmt: BodyStmt, role: 'request' | 'response'): BodyRef | undefined {
  const expr = stmt.body;
  if (!expr) return undefined;
  const name = expr.value.token.text;
  if (role === 'request' && expr.lbrack) {
    a.error(file.path, expr.span, 'API0222', `request body must be a struct, not a slice: use a struct with a '${name}' list field`);
  }
  let type: TypeRef;
  if (PRIMITIVES.has(name)) {
    type = { kind: 'primitive', name: name as PrimitiveName };
  } else if (name === 'any') {
    a.error(file.path, expr.value.span, 'API0209', "'any' is not supported: use interface{}");
    type = { kind: 'any' };
  } else {
    if (!a.types.has(name)) a.error(file.path, expr.value.span, 'API0207', `unknown type '${name}'`);
    type = { kind: 'named', name };
  }
  if (expr.star) type = { kind: 'pointer', elem: type };
  if (expr.lbrack) type = { kind: 'slice', elem: type };
  return { type, name };
}

/** Every `:param` of the route needs a request field tagged `path:"param"`. */
function checkPathParams(a: Analysis, file: GraphFile, segments: readonly { text: string; param: boolean; span: Span }[], request: BodyRef): void {
  const params = segments.filter((s) => s.param);
  if (params.length === 0) return;
  const entry = a.types.get(request.name);
  if (!entry || entry.expr.dataType.kind !== 'StructDataType') return;
  const bound = new Set(pathFieldNames(a, entry.expr, new Set()));
  for (const param of params) {
    if (!bound.has(param.text)) {
      a.warn(
        file.path,
        param.span,
        'API0223',
        `path parameter ':${param.text}' has no field tagged path:"${param.text}" in request type '${request.name}': its value will not reach the logic`,
      );
    }
  }
}

function pathFieldNames(a: Analysis, expr: TypeExpr, visiting: Set<string>): string[] {
  if (expr.dataType.kind !== 'StructDataType' || visiting.has(expr.name.token.text)) return [];
  visiting.add(expr.name.token.text);
  const names: string[] = [];
  for (const elem of expr.dataType.elems) {
    if (elem.names.length === 0) {
      const core = elem.dataType.kind === 'PointerDataType' ? elem.dataType.elem : elem.dataType;
      const embedded = core.kind === 'BaseDataType' ? a.types.get(core.base.token.text) : undefined;
      if (embedded) names.push(...pathFieldNames(a, embedded.expr, visiting));
      continue;
    }
    const tag = elem.tag ? parseTag(elem.tag.token.text.slice(1, -1)).keys.path : undefined;
    if (tag) names.push(tag.name);
  }
  return names;
}

function normalizePrefix(prefix: string): string {
  const withSlash = prefix.startsWith('/') ? prefix : `/${prefix}`;
  return withSlash.length > 1 ? withSlash.replace(/\/+$/, '') : withSlash;
}

function handlerNameNode(item: ServiceItem): TokenNode {
  if (item.atHandler) return item.atHandler.name;
  const kv = item.legacyAtServer?.values.find((v) => v.key.token.text === 'handler');
  return kv?.value ?? item.route.method;
}

function locate(file: GraphFile, node: { span: Span }): string {
  return `${file.path}:${node.span.start.line}`;
}
