/**
 * `gen api`: the IR of an `.api` contract → the plan of a complete HTTP service on Fastify.
 *
 * View models here, templates in templates/api/; types come from the shared api type mapping (the same
 * TypeScript shapes as the fetch client), request schemas from src/gen/api/schema.ts (the same JSON
 * Schema as the OpenAPI document); the project files and the vendored runtime (the closure of what
 * the rendered files import from templates/runtime/) from ../project/.
 */
import path from 'node:path';
import { type TypeIndex, namedCore, structFields, typeIndex } from '../../ir/flatten.js';
import type { Document, Method } from '../../ir/index.js';
import { requestSchemas, schemaContext } from '../api/schema.js';
import { interfaceView, properties, typeExpr } from '../api/type-expr.js';
import { camelCase, declarableName, kebabCase, snakeCase } from '../names.js';
import { type Owner, type Plan, type PlanEntry, ownedFile } from '../plan.js';
import { finishProject } from '../project/index.js';
import { type RenderEnv, renderTemplate } from '../render.js';
import type { RuntimeSource } from '../runtime/manifest.js';

/**
 * How the names of your files (logic, middleware) are spelled, as goctl's `--style`: `go-zero`
 * (kebab-case, the default: `get-user.ts`), `go_zero` (snake_case), `goZero` (camelCase) or `gozero`
 * (lower case, no separator).
 */
export type FileStyle = 'go-zero' | 'go_zero' | 'goZero' | 'gozero';

export const FILE_STYLES: readonly FileStyle[] = ['go-zero', 'go_zero', 'goZero', 'gozero'];

export function styleName(name: string, style: FileStyle): string {
  switch (style) {
    case 'go-zero':
      return kebabCase(name);
    case 'go_zero':
      return snakeCase(name);
    case 'goZero':
      return camelCase(name);
    case 'gozero':
      return kebabCase(name).replace(/-/g, '');
  }
}

export interface ApiOptions {
  /** The service (project) name; defaults to the service name of the contract, or the file name. */
  readonly name?: string;
  readonly port?: number;
  readonly style?: FileStyle;
}

const BINDING_IN = { body: 'body', path: 'path', query: 'query', header: 'header' } as const;

/** Where a request field is read from: the runtime's FieldBinding as data. */
interface FieldView {
  readonly name: string;
  readonly key: string;
  readonly in: (typeof BINDING_IN)[keyof typeof BINDING_IN];
}

interface RouteView {
  readonly httpMethod: string;
  readonly url: string;
  readonly handler: string;
  readonly logicName: string;
  readonly logicAlias: string;
  readonly logicPath: string;
  /** `../` once per folder between the logic file's folder and src/. */
  readonly up: string;
  /** The route's JSON Schemas (Fastify's `schema`: params, querystring, headers, body). */
  readonly schema: object;
  /** The request type's fields, or null when the route takes no request. */
  readonly fields: readonly FieldView[] | null;
  readonly jwt: string | null;
  /** The route's own timeout; null when the config's Timeout applies. */
  readonly timeoutMs: number | null;
  /** The route's own body limit; null when the config's MaxBytes applies. */
  readonly maxBytes: number | null;
  /** The middleware factories the route runs, in declared order. */
  readonly middleware: readonly string[];
  readonly hasResponse: boolean;
  readonly requestType: string | null;
  readonly responseType: string | null;
  /** The interfaces of types.ts the logic's signature names, sorted. */
  readonly typeImports: readonly string[];
  readonly docLines: readonly string[];
}

/** The TypeScript type of a request or response body, and the interfaces it names. */
function bodyType(types: TypeIndex, method: Method, role: 'request' | 'response'): { type: string | null; names: string[] } {
  const body = method[role];
  if (!body) return { type: null, names: [] };
  const names: string[] = [];
  const type = typeExpr(types, body.type, (name) => {
    names.push(name);
    return name;
  });
  return { type, names };
}

function routeViews(doc: Document, style: FileStyle): RouteView[] {
  const types = typeIndex(doc);
  const schemas = schemaContext(doc, { refs: 'inline' });
  const aliases = new Set<string>();
  const methods = doc.services.flatMap((s) => s.methods);
  return methods.map((method) => {
    const http = method.http;
    if (!http) throw new Error(`route ${method.name} has no HTTP binding`);
    const group = method.annotations.group;
    const groupPath = group ? group.split('/').filter((segment) => segment !== '').map((segment) => styleName(segment, style)).join('/') : '';
    const logicPath = groupPath === '' ? styleName(method.name, style) : `${groupPath}/${styleName(method.name, style)}`;
    const name = camelCase(method.name);
    const logicName = declarableName(name);
    let logicAlias = group ? camelCase(`${group.replace(/\//g, '_')}_${method.name}`) : name;
    if (declarableName(logicAlias) !== logicAlias || aliases.has(logicAlias)) logicAlias = `${logicAlias}Logic`;
    aliases.add(logicAlias);
    const requestName = method.request ? namedCore(method.request.type) : undefined;
    const fields: FieldView[] | null =
      requestName !== undefined && types.has(requestName) && method.request?.type.kind !== 'slice'
        ? properties(types, structFields(types, requestName), (n) => n).map((p) => ({ name: p.name, key: p.field.wireName, in: BINDING_IN[p.field.binding] }))
        : null;
    const request = bodyType(types, method, 'request');
    const response = bodyType(types, method, 'response');
    const imports = [...new Set([...request.names, ...response.names])].sort();
    const middleware = method.annotations.middleware.map((m) => `${camelCase(m)}Middleware`);
    return {
      httpMethod: http.method.toUpperCase(),
      url: http.path,
      handler: method.name,
      logicName,
      logicAlias,
      logicPath,
      up: '../'.repeat(logicPath.split('/').length - 1),
      schema: requestSchemas(doc, method, schemas),
      fields,
      jwt: method.annotations.jwt ?? null,
      timeoutMs: method.annotations.timeoutMs ?? null,
      maxBytes: method.annotations.maxBytes ?? null,
      middleware,
      hasResponse: method.response !== undefined,
      requestType: request.type,
      responseType: response.type,
      typeImports: imports,
      docLines: [...(method.doc.summary !== undefined ? [method.doc.summary] : []), ...method.comments],
    };
  });
}

/** Builds every file of the HTTP service project. Pure: the same IR and options give the same bytes. */
export function generateApiProject(doc: Document, options: ApiOptions, env: RenderEnv, runtime: RuntimeSource): Plan {
  const serviceName = doc.services[0]?.name.replace(/-api$/, '');
  const name = kebabCase(options.name ?? serviceName ?? path.basename(doc.file, path.extname(doc.file))) || 'service';
  const port = options.port ?? 8888;
  const source = path.basename(doc.file);
  const configFile = `etc/${name}.yaml`;
  const configName = `${name}-api`;
  const envPrefix = name.replace(/-/g, '_').toUpperCase();
  const files: PlanEntry[] = [];
  const add = (filePath: string, body: string, owner: Owner): void => {
    files.push(ownedFile(owner, filePath, body, { source }));
  };
  const render = (template: string, view: object): string => renderTemplate(env, template, view);
  const types = typeIndex(doc);
  const style = options.style ?? 'go-zero';
  const routes = routeViews(doc, style);
  const jwtSections = [...new Set(doc.services.flatMap((s) => s.methods.map((m) => m.annotations.jwt)).filter((j): j is string => j !== undefined))]
    .sort()
    .map((section) => ({ name: section, secretValue: `\${${section.toUpperCase()}_ACCESS_SECRET:-change-me}` }));
  const middlewareNames = [...new Set(doc.services.flatMap((s) => s.methods.flatMap((m) => m.annotations.middleware)))].sort();

  add('src/types.ts', render('api/types.ts.hbs', { source, interfaces: doc.types.map((t) => interfaceView(types, t)) }), 'generated');
  add(
    'src/routes.ts',
    render('api/routes.ts.hbs', {
      source,
      routes,
      middlewareImports: middlewareNames.map((m) => ({ exportName: `${camelCase(m)}Middleware`, file: styleName(m, style) })),
    }),
    'generated',
  );
  add('src/main.ts', render('api/main.ts.hbs', { routeCount: routes.length }), 'generated');
  add('src/config.ts', render('api/config.ts.hbs', { configFile, envPrefix, configName, jwtSections }), 'generated');
  add('src/healthcheck.ts', render('api/healthcheck.ts.hbs', {}), 'generated');
  for (const route of routes) add(`src/logic/${route.logicPath}.ts`, render('api/logic/handler.ts.hbs', route), 'user');
  for (const m of middlewareNames) add(`src/middleware/${styleName(m, style)}.ts`, render('api/middleware/middleware.ts.hbs', { name: m, factory: `${camelCase(m)}Middleware` }), 'user');
  add('src/svc/context.ts', render('api/svc/context.ts.hbs', {}), 'user');
  add(
    'src/smoke.test.ts',
    render('api/smoke.test.ts.hbs', { configName, routes: routes.map((r) => ({ httpMethod: r.httpMethod, url: r.url })) }),
    'user',
  );
  add(configFile, render('api/etc.yaml.hbs', { configName, envPrefix, port, jwtSections }), 'user');

  return finishProject(
    files,
    {
      kind: 'http',
      name,
      description: `HTTP service generated by tsctl from ${source}`,
      source,
      configFile,
      port,
      exports: [],
      readme: { contract: source, routes },
    },
    env,
    runtime,
  );
}
