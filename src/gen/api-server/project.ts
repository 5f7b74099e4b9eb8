/**
 * `gen api`: the IR of an `.api` contract → the plan of a complete HTTP service on Fastify.
 *
 * View models here, templates in templates/api/; types come from the client generator's type mapping
 * (the same TypeScript shapes on both sides of the wire), request schemas from src/gen/api/schema.ts
 * (the same JSON Schema as the OpenAPI document), the runtime from templates/runtime/ verbatim.
 */
import path from 'node:path';
import { type TypeIndex, namedCore, structFields, typeIndex } from '../../ir/flatten.js';
import type { Document, Method } from '../../ir/index.js';
import { interfaceView, properties, typeExpr } from '../api-client/type-expr.js';
import { requestSchemas, schemaContext } from '../api/schema.js';
import { camelCase, declarableName, kebabCase, snakeCase } from '../names.js';
import { type Owner, type Plan, type PlanEntry, generatedFile, sortPlan, userFile } from '../plan.js';
import { type RenderEnv, renderTemplate } from '../render.js';
import type { Dependency } from '../rpc/versions.js';

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

export type RuntimeSource = (relative: string) => string;

export const API_RUNTIME_FILES = ['config/load.ts', 'http/errors.ts', 'http/jwt.ts', 'http/server.ts', 'lifecycle.ts'] as const;

export const API_DEPENDENCIES: readonly Dependency[] = [
  { name: 'fastify', range: '^5.6.0' },
  { name: 'yaml', range: '^2.8.1' },
];

/**
 * Overrides generated HTTP projects carry: fastify 5 accepts light-my-request 6.8, whose cookie 2
 * needs Node 22; 6.6 runs on Node 20 (checked by an engine-strict install in tsctl's tests).
 */
export const API_OVERRIDES: readonly Dependency[] = [{ name: 'light-my-request', range: '~6.6.0' }];

export const API_DEV_DEPENDENCIES: readonly Dependency[] = [
  { name: '@types/node', range: '^20.19.0' },
  { name: 'tsx', range: '^4.20.0' },
  { name: 'typescript', range: '~5.9.3' },
];

const BINDING_IN = { body: 'body', path: 'path', query: 'query', header: 'header' } as const;

interface RouteView {
  readonly httpMethod: string;
  readonly url: string;
  readonly handler: string;
  readonly logicName: string;
  readonly logicAlias: string;
  readonly logicPath: string;
  readonly up: string;
  readonly schema: string;
  readonly fields: string;
  readonly jwt: string | null;
  readonly timeoutMs: string;
  readonly maxBytes: string;
  readonly middlewareList: string;
  readonly hasResponse: boolean;
  readonly requestType: string | null;
  readonly responseType: string | null;
  readonly typeImports: string | null;
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

function indentJson(value: unknown, spaces: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${' '.repeat(spaces)}`);
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
    const fields =
      requestName !== undefined && types.has(requestName) && method.request?.type.kind !== 'slice'
        ? properties(types, structFields(types, requestName), (n) => n).map((p) => ({ name: p.name, key: p.field.wireName, in: BINDING_IN[p.field.binding] }))
        : null;
    const request = bodyType(types, method, 'request');
    const response = bodyType(types, method, 'response');
    const imports = [...new Set([...request.names, ...response.names])].sort();
    const middleware = method.annotations.middleware.map((m) => `${camelCase(m)}Middleware(svc)`);
    return {
      httpMethod: http.method.toUpperCase(),
      url: http.path,
      handler: method.name,
      logicName,
      logicAlias,
      logicPath,
      up: '../'.repeat(logicPath.split('/').length - 1),
      schema: indentJson(requestSchemas(doc, method, schemas), 6),
      fields: fields === null ? 'null' : indentJson(fields, 6),
      jwt: method.annotations.jwt ?? null,
      timeoutMs: method.annotations.timeoutMs !== undefined ? String(method.annotations.timeoutMs) : 'svc.config.Timeout',
      maxBytes: method.annotations.maxBytes !== undefined ? String(method.annotations.maxBytes) : 'svc.config.MaxBytes',
      middlewareList: middleware.join(', '),
      hasResponse: method.response !== undefined,
      requestType: request.type,
      responseType: response.type,
      typeImports: imports.length > 0 ? imports.join(', ') : null,
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
    files.push(owner === 'generated' ? generatedFile(filePath, body, { source }) : userFile(filePath, body, { source }));
  };
  const render = (template: string, view: object): string => renderTemplate(env, template, view);
  const types = typeIndex(doc);
  const style = options.style ?? 'go-zero';
  const routes = routeViews(doc, style);
  const jwtSections = [...new Set(doc.services.flatMap((s) => s.methods.map((m) => m.annotations.jwt)).filter((j): j is string => j !== undefined))]
    .sort()
    .map((section) => ({ name: section, secretValue: `\${${section.toUpperCase()}_ACCESS_SECRET:-change-me}` }));
  const middlewareNames = [...new Set(doc.services.flatMap((s) => s.methods.flatMap((m) => m.annotations.middleware)))].sort();

  for (const relative of API_RUNTIME_FILES) add(`src/runtime/${relative}`, runtime(relative), 'generated');
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
  for (const route of routes) add(`src/logic/${route.logicPath}.ts`, render('api/logic/handler.ts.hbs', route), 'user');
  for (const m of middlewareNames) add(`src/middleware/${styleName(m, style)}.ts`, render('api/middleware/middleware.ts.hbs', { name: m, factory: `${camelCase(m)}Middleware` }), 'user');
  add('src/svc/context.ts', render('api/svc/context.ts.hbs', {}), 'user');

  const project = {
    packageName: name,
    description: `HTTP service generated by tsctl from ${source}`,
    port,
    configFile,
    configName,
    envPrefix,
    source,
    routes,
    jwtSections,
    dependencies: API_DEPENDENCIES,
    devDependencies: API_DEV_DEPENDENCIES,
    overrides: API_OVERRIDES,
  };
  add('package.json', render('api/project/package.json.hbs', project), 'user');
  add('tsconfig.json', render('rpc/project/tsconfig.json.hbs', project), 'user');
  add(configFile, render('api/project/etc.yaml.hbs', project), 'user');
  add('Dockerfile', render('api/project/Dockerfile.hbs', project), 'user');
  add('.dockerignore', render('rpc/project/dockerignore.hbs', project), 'user');
  add('.gitignore', render('rpc/project/gitignore.hbs', project), 'user');
  add('README.md', render('api/project/README.md.hbs', project), 'user');
  return sortPlan(files);
}
