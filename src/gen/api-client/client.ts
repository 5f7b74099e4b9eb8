/**
 * `gen client`: the IR of an `.api` contract → a typed, dependency-free fetch client.
 *
 * Two generated files: `types.ts` (one interface per struct) and `client.ts` (the fetch plumbing and
 * `createClient`, which returns one function per route, grouped by `@server` group). This file builds
 * the view models; templates/api-client/ spells them. See docs/api-client.md.
 */
import path from 'node:path';
import type { Document, Method } from '../../ir/index.js';
import { type TypeIndex, namedCore, structFields, typeIndex } from '../../ir/flatten.js';
import { camelCase, propertyKey } from '../names.js';
import { type Plan, generatedFile, sortPlan } from '../plan.js';
import { type RenderEnv, renderTemplate } from '../render.js';
import { type PropertyView, type QualifyName, docLines, interfaceView, properties, typeExpr } from '../api/type-expr.js';

/** HTTP methods that carry a body; every other method sends its `json:` fields nowhere (no GET body). */
const BODY_METHODS: ReadonlySet<string> = new Set(['post', 'put', 'patch', 'delete']);

/** One value placed in the URL, query string or headers: its wire name and the property of `req` it is read from. */
interface PlacedView {
  readonly wire: string;
  readonly name: string;
}

interface RouteView {
  readonly key: string;
  readonly doc: readonly string[];
  /** `GET` */
  readonly httpMethod: string;
  /** The full path, prefix included. */
  readonly path: string;
  readonly auth: boolean;
  /** The request parameter's type, or null when the route takes none. */
  readonly requestType: string | null;
  /** The parameter's name: `req`, or `_req` when nothing of it goes on the wire (a GET with only body fields). */
  readonly requestName: string;
  readonly responseType: string;
  readonly hasResponse: boolean;
  readonly pathParams: readonly PlacedView[];
  readonly query: readonly PlacedView[];
  readonly headers: readonly PlacedView[];
  /** JSON body properties: `{wire: req.name}`; null when the body is not an object of fields. */
  readonly bodyFields: readonly PlacedView[] | null;
  /** The whole request value is the JSON body (a non-struct request type). */
  readonly bodyWhole: boolean;
}

interface GroupView {
  readonly key: string;
  readonly routes: readonly RouteView[];
}

export interface ClientView {
  readonly serviceName: string;
  readonly routes: readonly RouteView[];
  readonly groups: readonly GroupView[];
  /** Some signature names a type of types.ts (else the import would be unused). */
  readonly usesTypes: boolean;
  readonly hasRoutes: boolean;
}

/** The plan of the client for `doc`: `client.ts` and `types.ts`, relative to the output directory. */
export function generateApiClient(doc: Document, env: RenderEnv): Plan {
  const types = typeIndex(doc);
  const source = path.basename(doc.file);
  const typesView = { interfaces: doc.types.map((decl) => interfaceView(types, decl)) };
  const clientView = buildClientView(doc, types);
  return sortPlan([
    generatedFile('types.ts', renderTemplate(env, 'api-client/types.ts.hbs', typesView), { source }),
    generatedFile('client.ts', renderTemplate(env, 'api-client/client.ts.hbs', clientView), { source }),
  ]);
}

/** Spells `types.Name` and remembers that client.ts needs the import. */
class Qualifier {
  used = false;
  readonly qualify = (name: string): string => {
    this.used = true;
    return `types.${name}`;
  };
}

export function buildClientView(doc: Document, types: TypeIndex): ClientView {
  const qualifier = new Qualifier();
  const service = doc.services[0];
  const methods = (service?.methods ?? []).filter((m) => m.http !== undefined);
  const topLevel = new Names();
  const groupKeys = new Map<string, string>();
  // Group keys first, so a route named like a group gets the suffix, not the group.
  for (const method of methods) {
    const group = method.annotations.group;
    if (group !== undefined && !groupKeys.has(group)) groupKeys.set(group, topLevel.take(camelCase(group) || 'group'));
  }
  const ungrouped: RouteView[] = [];
  const grouped = new Map<string, { names: Names; routes: RouteView[] }>();
  for (const method of methods) {
    const group = method.annotations.group;
    if (group === undefined) {
      ungrouped.push(routeView(types, method, topLevel, qualifier.qualify));
    } else {
      let entry = grouped.get(group);
      if (!entry) grouped.set(group, (entry = { names: new Names(), routes: [] }));
      entry.routes.push(routeView(types, method, entry.names, qualifier.qualify));
    }
  }
  const groups = [...grouped].map(([group, entry]) => ({ key: propertyKey(groupKeys.get(group) ?? group), routes: entry.routes }));
  const all = [...ungrouped, ...groups.flatMap((g) => g.routes)];
  return {
    serviceName: service?.name ?? '',
    routes: ungrouped,
    groups,
    hasRoutes: all.length > 0,
    usesTypes: qualifier.used,
  };
}

/** Hands out unique names in one scope: a repeat gets `2`, `3`… appended. */
class Names {
  private readonly used = new Set<string>();
  take(name: string): string {
    let candidate = name;
    for (let n = 2; this.used.has(candidate); n += 1) candidate = `${name}${n}`;
    this.used.add(candidate);
    return candidate;
  }
}

function placed(prop: PropertyView, wire: string): PlacedView {
  return { wire, name: prop.name };
}

function routeView(types: TypeIndex, method: Method, names: Names, qualify: QualifyName): RouteView {
  const http = method.http;
  if (!http) throw new Error(`route ${method.name} has no HTTP binding`);
  const hasBody = BODY_METHODS.has(http.method);
  const requestName = method.request ? namedCore(method.request.type) : undefined;
  const isStruct = requestName !== undefined && types.has(requestName);
  const props = isStruct ? properties(types, structFields(types, requestName), qualify) : [];

  const pathParams: PlacedView[] = [];
  const unbound: string[] = [];
  for (const param of http.pathParams) {
    const prop = props.find((p) => p.field.binding === 'path' && p.field.wireName === param);
    if (prop) pathParams.push(placed(prop, param));
    else {
      // A path parameter no request field binds: the function takes it as an extra property.
      unbound.push(param);
      pathParams.push({ wire: param, name: param });
    }
  }
  const query = props.filter((p) => p.field.binding === 'query').map((p) => placed(p, p.field.wireName));
  const headers = props.filter((p) => p.field.binding === 'header').map((p) => placed(p, p.field.wireName));
  const bodyProps = props.filter((p) => p.field.binding === 'body');
  const bodyFields = hasBody && bodyProps.length > 0 ? bodyProps.map((p) => placed(p, p.field.wireName)) : null;
  const bodyWhole = hasBody && method.request !== undefined && !isStruct;

  let requestType: string | null = method.request ? typeExpr(types, method.request.type, qualify) : null;
  if (unbound.length > 0) {
    const extra = `{ ${unbound.map((p) => `${propertyKey(p)}: string | number;`).join(' ')} }`;
    requestType = requestType === null || !isStruct ? extra : `${requestType} & ${extra}`;
  }
  const summary = method.doc.summary;
  const strayPath = props.filter((p) => p.field.binding === 'path' && !http.pathParams.includes(p.field.wireName));
  const notSent = [
    ...(!hasBody && bodyProps.length > 0 ? [`Not sent (${http.method.toUpperCase()} has no body): ${bodyProps.map((p) => p.name).join(', ')}.`] : []),
    ...(strayPath.length > 0 ? [`Not sent (the path has no such parameter): ${strayPath.map((p) => p.name).join(', ')}.`] : []),
  ];
  const doc = docLines([
    ...(summary === undefined || summary === '' ? [] : [summary, '']),
    `\`${http.method.toUpperCase()} ${http.path}\`${method.annotations.jwt === undefined ? '' : ' (bearer token)'}`,
    ...notSent,
  ]);
  return {
    key: propertyKey(names.take(camelCase(method.name) || 'route')),
    doc,
    httpMethod: http.method.toUpperCase(),
    path: http.path,
    auth: method.annotations.jwt !== undefined,
    requestType,
    requestName: pathParams.length + query.length + headers.length > 0 || bodyFields !== null || bodyWhole ? 'req' : '_req',
    responseType: method.response ? typeExpr(types, method.response.type, qualify) : 'void',
    hasResponse: method.response !== undefined,
    pathParams,
    query,
    headers,
    bodyFields,
    bodyWhole,
  };
}
