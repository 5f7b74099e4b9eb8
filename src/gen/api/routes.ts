/**
 * The HTTP routes of an `.api` document with the names the outputs give them: a unique operation id
 * and the path in OpenAPI's `{param}` form. Shared so that the OpenAPI document (../openapi) and the
 * Markdown docs (../api-doc) name and link every route the same way.
 */
import type { Document, Method } from '../../ir/index.js';

/** A route with the names the outputs use for it. */
export interface HttpRoute {
  readonly method: Method;
  /** `/users/{id}`: the full path with go-zero's `:id` parameters in OpenAPI's form. */
  readonly path: string;
  /** Unique in the document: the handler name, qualified by its group when names repeat. */
  readonly operationId: string;
}

/** `/users/:id` → `/users/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

/** The HTTP routes of the document, in source order, with unique operation ids. */
export function httpRoutes(doc: Document): HttpRoute[] {
  const methods = doc.services.flatMap((s) => s.methods).filter((m) => m.http !== undefined);
  const counts = new Map<string, number>();
  for (const m of methods) counts.set(m.name, (counts.get(m.name) ?? 0) + 1);
  const used = new Set<string>();
  return methods.map((method) => {
    let id = method.name;
    if ((counts.get(id) ?? 0) > 1 && method.annotations.group !== undefined) id = `${method.annotations.group}.${id}`;
    for (let n = 2; used.has(id); n++) id = `${method.name}${n}`;
    used.add(id);
    return { method, path: openApiPath(method.http?.path ?? '/'), operationId: id };
  });
}
