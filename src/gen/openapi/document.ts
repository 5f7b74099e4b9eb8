/**
 * IR → OpenAPI 3.1.0 document (https://spec.openapis.org/oas/v3.1.0), as `tsctl api openapi` prints it.
 * One pure function; the schemas come from the shared mapping in ../api/schema.ts. See docs/openapi.md.
 */
import type { Document, Field, Method } from '../../ir/index.js';
import { namedCore } from '../../ir/flatten.js';
import { type HttpRoute, httpRoutes } from '../api/routes.js';
import {
  fieldDescription,
  fieldSchema,
  isRequired,
  type JsonSchema,
  namedTypeSchema,
  requestFields,
  requestSchemas,
  type SchemaContext,
  schemaContext,
  typeSchema,
} from '../api/schema.js';

export const OPENAPI_VERSION = '3.1.0';

/** The OpenAPI document as plain JSON data (keys in emission order). */
export type OpenApiObject = Record<string, unknown>;

/** The component name of the uniform error body: `Error`, unless the document declares that name. */
export function errorSchemaName(doc: Document): string {
  const names = new Set(doc.types.map((t) => t.name));
  let name = 'Error';
  while (names.has(name)) name = `Tsctl${name}`;
  return name;
}

/** The uniform error body every route may answer with. */
export const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'The uniform error body.',
  properties: { code: { type: 'integer', format: 'int32' }, msg: { type: 'string' } },
  required: ['code', 'msg'],
};

/** The OpenAPI 3.1 document of an `.api` IR document. */
export function openApiDocument(doc: Document): OpenApiObject {
  const ctx = schemaContext(doc, { refs: 'ref', descriptions: true, omitemptyOptional: true });
  const routes = httpRoutes(doc);
  const errorName = errorSchemaName(doc);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    item[route.method.http?.method ?? 'get'] = operation(doc, ctx, route, errorName);
  }
  const out: OpenApiObject = { openapi: OPENAPI_VERSION, info: info(doc) };
  const groups = [...new Set(routes.map((r) => r.method.annotations.group).filter((g) => g !== undefined))];
  if (groups.length > 0) out.tags = groups.map((name) => ({ name }));
  out.paths = paths;
  const schemas: Record<string, JsonSchema> = {};
  for (const type of doc.types) schemas[type.name] = namedTypeSchema(type.name, ctx);
  schemas[errorName] = structuredClone(ERROR_SCHEMA);
  const components: Record<string, unknown> = { schemas };
  const jwtNames = [...new Set(routes.map((r) => r.method.annotations.jwt).filter((j) => j !== undefined))];
  if (jwtNames.length > 0) {
    components.securitySchemes = Object.fromEntries(
      jwtNames.map((name) => [
        name,
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: `A JWT signed with the secret of the \`${name}\` config section.`,
        },
      ]),
    );
  }
  out.components = components;
  return out;
}

function info(doc: Document): Record<string, unknown> {
  const service = doc.services[0]?.name;
  const out: Record<string, unknown> = {
    title: nonEmpty(doc.info.title) ?? service ?? 'API',
  };
  const description = nonEmpty(doc.info.desc) ?? nonEmpty(doc.info.description);
  if (description !== undefined) out.description = description;
  const contact: Record<string, string> = {};
  const author = nonEmpty(doc.info.author);
  const email = nonEmpty(doc.info.email);
  if (author !== undefined) contact.name = author;
  if (email !== undefined && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) contact.email = email;
  if (Object.keys(contact).length > 0) out.contact = contact;
  out.version = nonEmpty(doc.info.version) ?? '1.0.0';
  return out;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function operation(doc: Document, ctx: SchemaContext, route: HttpRoute, errorName: string): Record<string, unknown> {
  const { method } = route;
  const op: Record<string, unknown> = {};
  if (method.annotations.group !== undefined) op.tags = [method.annotations.group];
  const summary = nonEmpty(method.doc.summary);
  if (summary !== undefined) op.summary = summary;
  const description = nonEmpty(method.doc.properties.description) ?? nonEmpty(method.comments.join('\n').trim());
  if (description !== undefined) op.description = description;
  op.operationId = route.operationId;
  const parameters = operationParameters(ctx, method);
  if (parameters.length > 0) op.parameters = parameters;
  const body = requestBody(doc, ctx, method);
  if (body !== undefined) op.requestBody = body;
  const errorResponse = (text: string): Record<string, unknown> => ({
    description: text,
    content: { 'application/json': { schema: { $ref: `#/components/schemas/${errorName}` } } },
  });
  const responses: Record<string, unknown> = {};
  responses['200'] = method.response
    ? { description: 'OK', content: { 'application/json': { schema: typeSchema(method.response.type, ctx) } } }
    : { description: 'OK (no body)' };
  if (method.annotations.jwt !== undefined) responses['401'] = errorResponse('Missing, invalid or expired token');
  responses.default = errorResponse('Error');
  op.responses = responses;
  if (method.annotations.jwt !== undefined) op.security = [{ [method.annotations.jwt]: [] }];
  return op;
}

function operationParameters(ctx: SchemaContext, method: Method): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const pathParams = method.http?.pathParams ?? [];
  const pathFields = new Map(requestFields(ctx, method, 'path').map((f) => [f.wireName, f]));
  // Every templated parameter is declared (OpenAPI requires it), typed by its field when there is one.
  for (const name of pathParams) {
    const field = pathFields.get(name);
    out.push(field ? parameter(ctx, field, 'path', true) : { name, in: 'path', required: true, schema: { type: 'string' } });
  }
  for (const field of requestFields(ctx, method, 'query')) out.push(parameter(ctx, field, 'query', isRequired(field, ctx)));
  for (const field of requestFields(ctx, method, 'header')) out.push(parameter(ctx, field, 'header', isRequired(field, ctx)));
  return out;
}

function parameter(ctx: SchemaContext, field: Field, where: 'path' | 'query' | 'header', required: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { name: field.wireName, in: where };
  const description = fieldDescription(field);
  if (description !== '') out.description = description;
  out.required = required;
  // The description sits on the parameter; a list repeats its key (`?kind=a&kind=b`, OpenAPI's default).
  out.schema = fieldSchema(field, { ...ctx, descriptions: false });
  return out;
}

function requestBody(doc: Document, ctx: SchemaContext, method: Method): Record<string, unknown> | undefined {
  if (!method.request) return undefined;
  const name = namedCore(method.request.type);
  const allBody = name !== undefined && requestFields(ctx, method, 'body').length > 0 &&
    (['path', 'query', 'header'] as const).every((b) => requestFields(ctx, method, b).length === 0);
  let schema: JsonSchema | undefined;
  if (allBody && method.request.type.kind !== 'slice') schema = typeSchema(method.request.type, ctx);
  else schema = requestSchemas(doc, method, { ...ctx, omitemptyOptional: false }).body;
  if (schema === undefined) return undefined;
  const required = requestFields(ctx, method, 'body').some((f) => isRequired(f, { omitemptyOptional: false }));
  return { required, content: { 'application/json': { schema } } };
}
