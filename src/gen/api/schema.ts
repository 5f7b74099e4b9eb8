/**
 * IR types and fields → JSON Schema: the one mapping shared by `tsctl api openapi`, `tsctl api doc` and
 * the generated Fastify server's request validation. Pure functions of the IR; the key order of every
 * schema is fixed, so equal input gives byte-equal JSON.
 *
 * The schemas use keywords common to JSON Schema draft-07 (Fastify's Ajv) and 2020-12 (OpenAPI 3.1):
 * numeric `exclusiveMinimum`/`exclusiveMaximum`, `format` values from the OpenAPI format registry
 * (`int32`, `int64`, `float`, `double`, `byte`; all known to ajv-formats). See docs/openapi.md for the
 * mapping table.
 *
 * - Go base types: `bool` → boolean; `string` → string; `int`/`int64` → integer int64; `int32`/`rune`
 *   → integer int32; `int8`, `int16`, `uint8`/`byte`, `uint16`, `uint32` → integer with their bounds;
 *   `uint`/`uint64`/`uintptr` → integer int64 with `minimum: 0`; `float32` → number float; `float64` →
 *   number double; `[]byte` and protobuf `bytes` → string byte (base64, as Go encodes it); complex
 *   types (not JSON-encodable in Go) and `interface{}` → `{}`.
 * - `[]T` → array of T; `[N]T` → array with `minItems`/`maxItems` N; `map[K]V` → object with
 *   `additionalProperties` V; `*T` → T (a pointer only says the field may be absent, which `optional`
 *   / `omitempty` say on the wire); an inline struct → object; a named type → `$ref` to
 *   `refPrefix + name`, or the type's object schema inlined (`refs: 'inline'`; a type that refers to
 *   itself is cut to `{type: 'object'}` at the repeat).
 * - A struct's object schema lists its flattened (embedded inlined) `body` fields by wire name; its
 *   path/query/header fields are request parameters, not part of a JSON body.
 * - Tag options on a field: `options` → `enum` (values typed like the field: numbers for numeric
 *   fields, booleans for bool); `range` → `minimum`/`maximum` (inclusive bounds) or
 *   `exclusiveMinimum`/`exclusiveMaximum`; `default` → `default` (typed; left out when it cannot be
 *   typed, e.g. on a struct). On a slice or array field they constrain the items.
 */
import type { Document, EnumDecl, Field, Method, PrimitiveName, TypeRef } from '../../ir/index.js';
import { flattenFields, namedCore, structFields, type TypeIndex, typeIndex } from '../../ir/flatten.js';

/** A JSON Schema object. Only the keywords this mapping emits are typed; key order is emission order. */
export interface JsonSchema {
  $ref?: string;
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';
  format?: string;
  description?: string;
  enum?: (string | number | boolean)[];
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
  default?: string | number | boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema;
}

/** What the mapping needs besides the type itself. Build one with `schemaContext`. */
export interface SchemaContext {
  /** The document's named structs, by name. */
  readonly types: TypeIndex;
  /** `.proto` enums, by full name (a named type that is an enum maps to a string enum of its names). */
  readonly enums: ReadonlyMap<string, EnumDecl>;
  /** `ref`: a named type becomes `{$ref: refPrefix + name}`; `inline`: its object schema, inlined. */
  readonly refs: 'ref' | 'inline';
  /** Prefix of `$ref` values; `#/components/schemas/` by default (OpenAPI). */
  readonly refPrefix: string;
  /** Put field/type comments into `description`. */
  readonly descriptions: boolean;
  /**
   * Whether an `omitempty` field is left out of an object's `required`. go-zero's request binding
   * ignores `omitempty` (the field is required unless `optional` or defaulted), but a response may
   * leave such a field out; documentation of a type used both ways sets this.
   */
  readonly omitemptyOptional: boolean;
}

export interface SchemaOptions {
  readonly refs?: 'ref' | 'inline';
  readonly refPrefix?: string;
  readonly descriptions?: boolean;
  readonly omitemptyOptional?: boolean;
}

/** Defaults: `$ref`s to `#/components/schemas/`, no descriptions, go-zero's request `required` rule. */
export function schemaContext(doc: Document, options: SchemaOptions = {}): SchemaContext {
  return {
    types: typeIndex(doc),
    enums: new Map(doc.enums.map((e) => [e.name, e])),
    refs: options.refs ?? 'ref',
    refPrefix: options.refPrefix ?? '#/components/schemas/',
    descriptions: options.descriptions ?? false,
    omitemptyOptional: options.omitemptyOptional ?? false,
  };
}

const INTEGERS: Partial<Record<PrimitiveName, { format: 'int32' | 'int64'; min?: number; max?: number }>> = {
  int: { format: 'int64' },
  int64: { format: 'int64' },
  int32: { format: 'int32' },
  rune: { format: 'int32' },
  int8: { format: 'int32', min: -128, max: 127 },
  int16: { format: 'int32', min: -32768, max: 32767 },
  uint8: { format: 'int32', min: 0, max: 255 },
  byte: { format: 'int32', min: 0, max: 255 },
  uint16: { format: 'int32', min: 0, max: 65535 },
  uint32: { format: 'int64', min: 0, max: 4294967295 },
  uint: { format: 'int64', min: 0 },
  uint64: { format: 'int64', min: 0 },
  uintptr: { format: 'int64', min: 0 },
};

/** The schema of a Go base type. */
export function primitiveSchema(name: PrimitiveName): JsonSchema {
  const integer = INTEGERS[name];
  if (integer) {
    const schema: JsonSchema = { type: 'integer', format: integer.format };
    if (integer.min !== undefined) schema.minimum = integer.min;
    if (integer.max !== undefined) schema.maximum = integer.max;
    return schema;
  }
  switch (name) {
    case 'bool':
      return { type: 'boolean' };
    case 'string':
      return { type: 'string' };
    case 'float32':
      return { type: 'number', format: 'float' };
    case 'float64':
      return { type: 'number', format: 'double' };
    case 'bytes':
      return { type: 'string', format: 'byte' };
    default:
      return {}; // complex64/complex128: Go's encoding/json refuses them
  }
}

function isByte(ref: TypeRef): boolean {
  return ref.kind === 'primitive' && (ref.name === 'byte' || ref.name === 'uint8');
}

/** The schema of a type reference. */
export function typeSchema(ref: TypeRef, ctx: SchemaContext): JsonSchema {
  return typeSchemaIn(ref, ctx, new Set());
}

function typeSchemaIn(ref: TypeRef, ctx: SchemaContext, visiting: ReadonlySet<string>): JsonSchema {
  switch (ref.kind) {
    case 'primitive':
      return primitiveSchema(ref.name);
    case 'any':
      return {};
    case 'pointer':
      return typeSchemaIn(ref.elem, ctx, visiting);
    case 'slice':
      // Go encodes []byte as a base64 string (but [N]byte as an array of numbers).
      if (isByte(ref.elem)) return { type: 'string', format: 'byte' };
      return { type: 'array', items: typeSchemaIn(ref.elem, ctx, visiting) };
    case 'array':
      return { type: 'array', items: typeSchemaIn(ref.elem, ctx, visiting), minItems: ref.length, maxItems: ref.length };
    case 'map':
      return { type: 'object', additionalProperties: typeSchemaIn(ref.value, ctx, visiting) };
    case 'struct':
      return objectSchemaIn(flattenFields(ctx.types, ref.fields), ctx, visiting);
    case 'named':
      return namedSchema(ref.name, ctx, visiting);
  }
}

function namedSchema(name: string, ctx: SchemaContext, visiting: ReadonlySet<string>): JsonSchema {
  const enumDecl = ctx.enums.get(name);
  if (enumDecl) return { type: 'string', enum: enumDecl.values.map((v) => v.name) };
  if (!ctx.types.has(name)) return {};
  if (ctx.refs === 'ref') return { $ref: `${ctx.refPrefix}${name}` };
  if (visiting.has(name)) return { type: 'object' };
  return namedTypeSchemaIn(name, ctx, new Set([...visiting, name]));
}

/**
 * The object schema of a named struct (its flattened body fields), with the type's comment as
 * `description` when `ctx.descriptions`: what `components.schemas[name]` holds.
 */
export function namedTypeSchema(name: string, ctx: SchemaContext): JsonSchema {
  return namedTypeSchemaIn(name, ctx, new Set([name]));
}

function namedTypeSchemaIn(name: string, ctx: SchemaContext, visiting: ReadonlySet<string>): JsonSchema {
  const decl = ctx.types.get(name);
  const object = objectSchemaIn(structFields(ctx.types, name), ctx, visiting);
  const text = decl?.doc.join('\n').trim() ?? '';
  if (!ctx.descriptions || text === '') return object;
  return { type: 'object', description: text, ...withoutType(object) };
}

function withoutType(schema: JsonSchema): JsonSchema {
  const { type: _type, ...rest } = schema;
  return rest;
}

/** Whether a request must carry the field: go-zero's rule (not `optional`, no `default`). */
export function isRequired(field: Field, ctx: Pick<SchemaContext, 'omitemptyOptional'>): boolean {
  return !field.optional && field.default === undefined && !(ctx.omitemptyOptional && field.omitempty);
}

/** An object schema over `fields` (already flattened), keeping only `body` fields. */
export function objectSchema(fields: readonly Field[], ctx: SchemaContext): JsonSchema {
  return objectSchemaIn(fields, ctx, new Set());
}

function objectSchemaIn(fields: readonly Field[], ctx: SchemaContext, visiting: ReadonlySet<string>): JsonSchema {
  return propertiesSchema(
    fields.filter((f) => f.binding === 'body'),
    ctx,
    visiting,
    (f) => f.wireName,
  );
}

function propertiesSchema(
  fields: readonly Field[],
  ctx: SchemaContext,
  visiting: ReadonlySet<string>,
  key: (field: Field) => string,
): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const field of fields) {
    const name = key(field);
    if (Object.hasOwn(properties, name)) continue;
    properties[name] = fieldSchemaIn(field, ctx, visiting);
    if (isRequired(field, ctx)) required.push(name);
  }
  const schema: JsonSchema = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  return schema;
}

/** The comment of a field, for `description`: the lines above it, then the one after it. */
export function fieldDescription(field: Field): string {
  return [...field.doc, ...(field.comment === undefined ? [] : [field.comment])].join('\n').trim();
}

/** The schema of one field: its type's schema with the tag's `options`, `range` and `default`. */
export function fieldSchema(field: Field, ctx: SchemaContext): JsonSchema {
  return fieldSchemaIn(field, ctx, new Set());
}

function fieldSchemaIn(field: Field, ctx: SchemaContext, visiting: ReadonlySet<string>): JsonSchema {
  const base = typeSchemaIn(field.type, ctx, visiting);
  const constrained = constrain(base, field.type, field);
  const description = ctx.descriptions ? fieldDescription(field) : '';
  if (description === '' || constrained.$ref !== undefined) return constrained;
  return insertAfterFormat(constrained, description);
}

function insertAfterFormat(schema: JsonSchema, description: string): JsonSchema {
  const out: JsonSchema = {};
  if (schema.type !== undefined) out.type = schema.type;
  if (schema.format !== undefined) out.format = schema.format;
  out.description = description;
  return { ...out, ...schema };
}

/** Applies the tag's constraints where they belong: the scalar itself, or the items of a list. */
function constrain(schema: JsonSchema, ref: TypeRef, field: Field): JsonSchema {
  if (ref.kind === 'pointer') return constrain(schema, ref.elem, field);
  if ((ref.kind === 'slice' || ref.kind === 'array') && schema.type === 'array' && schema.items) {
    return { ...schema, items: constrain(schema.items, ref.elem, { ...field, default: undefined }) };
  }
  if (schema.type === undefined || schema.type === 'object' || schema.type === 'array') return schema;
  const out: JsonSchema = { ...schema };
  if (field.options !== undefined && field.options.length > 0) {
    out.enum = field.options.map((value) => typedValue(value, schema) ?? value);
  }
  if (field.range !== undefined) {
    const { min, max, minInclusive, maxInclusive } = field.range;
    // The tag's bound replaces the type's own bound of the same side.
    delete out.minimum;
    delete out.maximum;
    if (min !== undefined) {
      if (minInclusive) out.minimum = min;
      else out.exclusiveMinimum = min;
    } else if (schema.minimum !== undefined) out.minimum = schema.minimum;
    if (max !== undefined) {
      if (maxInclusive) out.maximum = max;
      else out.exclusiveMaximum = max;
    } else if (schema.maximum !== undefined) out.maximum = schema.maximum;
  }
  if (field.default !== undefined) {
    const value = typedValue(field.default, schema);
    if (value !== undefined) out.default = value;
  }
  return out;
}

/** A tag value (`options`, `default`) as the JSON value of the schema's type, or undefined. */
export function typedValue(text: string, schema: JsonSchema): string | number | boolean | undefined {
  switch (schema.type) {
    case 'string':
      return text;
    case 'integer': {
      const n = Number(text.trim());
      return text.trim() !== '' && Number.isInteger(n) ? n : undefined;
    }
    case 'number': {
      const n = Number(text.trim());
      return text.trim() !== '' && Number.isFinite(n) ? n : undefined;
    }
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : undefined;
    default:
      return undefined;
  }
}

/** The request of one route, split the way go-zero binds it (each part absent when it has no field). */
export interface RequestSchemas {
  /** The JSON body: an object of the `json` (untagged) fields, or the request type for a non-struct. */
  body?: JsonSchema;
  /** `form` fields, by wire name. */
  querystring?: JsonSchema;
  /** `path` fields, by parameter name. */
  params?: JsonSchema;
  /** `header` fields, by lowercased header name (Node and Fastify lowercase incoming header names). */
  headers?: JsonSchema;
}

/**
 * The request schemas of a route: its request type's flattened fields split by binding, `required`
 * by go-zero's rule (`isRequired`). `options` default to `schemaContext`'s defaults.
 */
export function requestSchemas(doc: Document, method: Method, options: SchemaOptions | SchemaContext = {}): RequestSchemas {
  const ctx = 'types' in options ? options : schemaContext(doc, options);
  const request = method.request;
  if (!request) return {};
  const name = namedCore(request.type);
  if (name === undefined || !ctx.types.has(name) || request.type.kind === 'slice' || request.type.kind === 'array') {
    return { body: typeSchema(request.type, ctx) };
  }
  const fields = structFields(ctx.types, name);
  const visiting = new Set([name]);
  const out: RequestSchemas = {};
  const part = (binding: Field['binding'], key: (f: Field) => string): JsonSchema | undefined => {
    const selected = fields.filter((f) => f.binding === binding);
    return selected.length === 0 ? undefined : propertiesSchema(selected, ctx, visiting, key);
  };
  const body = part('body', (f) => f.wireName);
  const querystring = part('query', (f) => f.wireName);
  const params = part('path', (f) => f.wireName);
  const headers = part('header', (f) => f.wireName.toLowerCase());
  if (body) out.body = body;
  if (querystring) out.querystring = querystring;
  if (params) out.params = params;
  if (headers) out.headers = headers;
  return out;
}

/** The flattened request fields of a route with the given binding (empty without a struct request). */
export function requestFields(ctx: SchemaContext, method: Method, binding: Field['binding']): Field[] {
  const name = method.request ? namedCore(method.request.type) : undefined;
  if (name === undefined) return [];
  return structFields(ctx.types, name).filter((f) => f.binding === binding);
}
