/**
 * The IR → JSON Schema mapping (src/gen/api/schema.ts): Go types, tag options, object/required rules,
 * `$ref` vs inline, and `requestSchemas`' split by binding.
 */
import { describe, expect, it } from 'vitest';
import {
  fieldSchema,
  type JsonSchema,
  namedTypeSchema,
  requestSchemas,
  schemaContext,
  typeSchema,
} from '../../../src/gen/api/schema.js';
import type { Binding, Document, Field, Method, PrimitiveName, TypeDecl, TypeRef } from '../../../src/ir/index.js';

const source = { file: 'x.api', line: 1, column: 1, endLine: 1, endColumn: 1 };

function field(name: string, type: TypeRef, extra: Partial<Field> = {}): Field {
  return {
    name,
    type,
    embedded: false,
    binding: 'body' as Binding,
    wireName: name.toLowerCase(),
    optional: false,
    omitempty: false,
    tag: '',
    tags: {},
    doc: [],
    source,
    ...extra,
  };
}

function struct(name: string, fields: Field[], doc: string[] = []): TypeDecl {
  return { kind: 'struct', name, fields, doc, source };
}

function document(types: TypeDecl[]): Document {
  return { irVersion: 1, origin: 'api', file: 'x.api', files: ['x.api'], info: {}, imports: [], types, enums: [], services: [], options: {} };
}

const p = (name: PrimitiveName): TypeRef => ({ kind: 'primitive', name });
const named = (name: string): TypeRef => ({ kind: 'named', name });

const types = [
  struct('Base', [field('Id', p('int64'))]),
  struct('User', [
    field('Base', named('Base'), { embedded: true }),
    field('Name', p('string')),
    field('Nick', p('string'), { optional: true }),
    field('Note', p('string'), { omitempty: true }),
    field('Friends', { kind: 'slice', elem: named('User') }),
  ], ['A user.']),
];
const doc = document(types);
const ctx = schemaContext(doc);

describe('typeSchema: Go types', () => {
  const cases: [string, TypeRef, JsonSchema][] = [
    ['bool', p('bool'), { type: 'boolean' }],
    ['string', p('string'), { type: 'string' }],
    ['int', p('int'), { type: 'integer', format: 'int64' }],
    ['int8', p('int8'), { type: 'integer', format: 'int32', minimum: -128, maximum: 127 }],
    ['int16', p('int16'), { type: 'integer', format: 'int32', minimum: -32768, maximum: 32767 }],
    ['int32', p('int32'), { type: 'integer', format: 'int32' }],
    ['rune', p('rune'), { type: 'integer', format: 'int32' }],
    ['int64', p('int64'), { type: 'integer', format: 'int64' }],
    ['uint', p('uint'), { type: 'integer', format: 'int64', minimum: 0 }],
    ['uint8', p('uint8'), { type: 'integer', format: 'int32', minimum: 0, maximum: 255 }],
    ['byte', p('byte'), { type: 'integer', format: 'int32', minimum: 0, maximum: 255 }],
    ['uint16', p('uint16'), { type: 'integer', format: 'int32', minimum: 0, maximum: 65535 }],
    ['uint32', p('uint32'), { type: 'integer', format: 'int64', minimum: 0, maximum: 4294967295 }],
    ['uint64', p('uint64'), { type: 'integer', format: 'int64', minimum: 0 }],
    ['uintptr', p('uintptr'), { type: 'integer', format: 'int64', minimum: 0 }],
    ['float32', p('float32'), { type: 'number', format: 'float' }],
    ['float64', p('float64'), { type: 'number', format: 'double' }],
    ['complex128', p('complex128'), {}],
    ['proto bytes', p('bytes'), { type: 'string', format: 'byte' }],
    ['[]byte', { kind: 'slice', elem: p('byte') }, { type: 'string', format: 'byte' }],
    ['[]uint8', { kind: 'slice', elem: p('uint8') }, { type: 'string', format: 'byte' }],
    ['interface{}', { kind: 'any' }, {}],
    ['[]string', { kind: 'slice', elem: p('string') }, { type: 'array', items: { type: 'string' } }],
    ['[2]bool', { kind: 'array', length: 2, elem: p('bool') }, { type: 'array', items: { type: 'boolean' }, minItems: 2, maxItems: 2 }],
    ['map[string]int64', { kind: 'map', key: p('string'), value: p('int64') }, { type: 'object', additionalProperties: { type: 'integer', format: 'int64' } }],
    ['*string', { kind: 'pointer', elem: p('string') }, { type: 'string' }],
    ['named', named('User'), { $ref: '#/components/schemas/User' }],
    ['*named', { kind: 'pointer', elem: named('User') }, { $ref: '#/components/schemas/User' }],
    ['[]named', { kind: 'slice', elem: named('Base') }, { type: 'array', items: { $ref: '#/components/schemas/Base' } }],
    ['unknown named', named('Nope'), {}],
    [
      'inline struct',
      { kind: 'struct', fields: [field('A', p('string')), field('B', p('int32'), { optional: true })] },
      { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer', format: 'int32' } }, required: ['a'] },
    ],
  ];
  it.each(cases)('%s', (_name, ref, want) => {
    expect(typeSchema(ref, ctx)).toEqual(want);
    expect(JSON.stringify(typeSchema(ref, ctx))).toBe(JSON.stringify(want));
  });

  it('uses the refPrefix given', () => {
    expect(typeSchema(named('Base'), schemaContext(doc, { refPrefix: 'defs#/' }))).toEqual({ $ref: 'defs#/Base' });
  });

  it('inlines named types, flattening embedded fields and cutting recursion', () => {
    const inline = schemaContext(doc, { refs: 'inline' });
    expect(typeSchema(named('User'), inline)).toEqual({
      type: 'object',
      properties: {
        id: { type: 'integer', format: 'int64' },
        name: { type: 'string' },
        nick: { type: 'string' },
        note: { type: 'string' },
        friends: { type: 'array', items: { type: 'object' } },
      },
      required: ['id', 'name', 'note', 'friends'],
    });
  });
});

describe('fieldSchema: tag options', () => {
  const cases: [string, Field, JsonSchema][] = [
    ['string options', field('K', p('string'), { options: ['a', 'b'] }), { type: 'string', enum: ['a', 'b'] }],
    ['int options are numbers', field('K', p('int32'), { options: ['1', '2'] }), { type: 'integer', format: 'int32', enum: [1, 2] }],
    ['float options are numbers', field('K', p('float64'), { options: ['0.5', '1'] }), { type: 'number', format: 'double', enum: [0.5, 1] }],
    ['bool options are booleans', field('K', p('bool'), { options: ['true'] }), { type: 'boolean', enum: [true] }],
    ['options on a slice constrain items', field('K', { kind: 'slice', elem: p('string') }, { options: ['x'] }), { type: 'array', items: { type: 'string', enum: ['x'] } }],
    ['options through a pointer', field('K', { kind: 'pointer', elem: p('int') }, { options: ['3'] }), { type: 'integer', format: 'int64', enum: [3] }],
    ['closed range', field('K', p('int'), { range: { min: 1, max: 10, minInclusive: true, maxInclusive: true } }), { type: 'integer', format: 'int64', minimum: 1, maximum: 10 }],
    ['open range', field('K', p('float64'), { range: { min: 0, max: 1, minInclusive: false, maxInclusive: false } }), { type: 'number', format: 'double', exclusiveMinimum: 0, exclusiveMaximum: 1 }],
    ['half-open range', field('K', p('int'), { range: { min: 0, max: 10, minInclusive: true, maxInclusive: false } }), { type: 'integer', format: 'int64', minimum: 0, exclusiveMaximum: 10 }],
    ['lower bound only keeps the type upper bound', field('K', p('uint8'), { range: { min: 1, minInclusive: true, maxInclusive: true } }), { type: 'integer', format: 'int32', minimum: 1, maximum: 255 }],
    ['exclusive bound replaces the type bound', field('K', p('uint'), { range: { min: 0, minInclusive: false, maxInclusive: true } }), { type: 'integer', format: 'int64', exclusiveMinimum: 0 }],
    ['range on slice items', field('K', { kind: 'slice', elem: p('int') }, { range: { max: 5, minInclusive: true, maxInclusive: true } }), { type: 'array', items: { type: 'integer', format: 'int64', maximum: 5 } }],
    ['string default', field('K', p('string'), { default: 'x' }), { type: 'string', default: 'x' }],
    ['int default', field('K', p('int64'), { default: '20' }), { type: 'integer', format: 'int64', default: 20 }],
    ['float default', field('K', p('float32'), { default: '1.5' }), { type: 'number', format: 'float', default: 1.5 }],
    ['bool default', field('K', p('bool'), { default: 'false' }), { type: 'boolean', default: false }],
    ['untypable default is left out', field('K', p('int'), { default: 'abc' }), { type: 'integer', format: 'int64' }],
    ['default on a struct is left out', field('K', named('Base'), { default: '{}' }), { $ref: '#/components/schemas/Base' }],
    ['default on a slice is left out', field('K', { kind: 'slice', elem: p('string') }, { default: 'a' }), { type: 'array', items: { type: 'string' } }],
    [
      'options, range and default together, in that order',
      field('K', p('int'), { options: ['1', '2', '3'], range: { min: 1, max: 3, minInclusive: true, maxInclusive: true }, default: '2' }),
      { type: 'integer', format: 'int64', enum: [1, 2, 3], minimum: 1, maximum: 3, default: 2 },
    ],
  ];
  it.each(cases)('%s', (_name, f, want) => {
    expect(JSON.stringify(fieldSchema(f, ctx))).toBe(JSON.stringify(want));
  });

  it('adds the field comment as description when asked', () => {
    const f = field('K', p('string'), { doc: ['Above.'], comment: 'after', options: ['a'] });
    expect(JSON.stringify(fieldSchema(f, schemaContext(doc, { descriptions: true })))).toBe(
      JSON.stringify({ type: 'string', description: 'Above.\nafter', enum: ['a'] }),
    );
  });
});

describe('namedTypeSchema', () => {
  it('lists flattened body fields; required follows optional/default, omitempty per context', () => {
    expect(namedTypeSchema('User', ctx).required).toEqual(['id', 'name', 'note', 'friends']);
    const docs = schemaContext(doc, { descriptions: true, omitemptyOptional: true });
    const schema = namedTypeSchema('User', docs);
    expect(Object.keys(schema)).toEqual(['type', 'description', 'properties', 'required']);
    expect(schema.description).toBe('A user.');
    expect(schema.required).toEqual(['id', 'name', 'friends']);
  });
});

describe('requestSchemas', () => {
  const req = struct('Req', [
    field('Base', named('Base'), { embedded: true }),
    field('Id', p('int64'), { binding: 'path', wireName: 'id' }),
    field('Q', p('string'), { binding: 'query', wireName: 'q', optional: true }),
    field('Page', p('int'), { binding: 'query', wireName: 'page', default: '1' }),
    field('Trace', p('string'), { binding: 'header', wireName: 'X-Trace-Id' }),
    field('Title', p('string'), { wireName: 'title', options: ['a', 'b'] }),
  ]);
  const reqDoc = document([...types, req]);
  const method = (request?: TypeRef): Method => ({
    name: 'h',
    ...(request ? { request: { type: request, name: 'Req' } } : {}),
    streaming: { client: false, server: false },
    http: { method: 'post', path: '/x/:id', routePath: '/x/:id', pathParams: ['id'] },
    annotations: { middleware: [], server: {} },
    doc: { properties: {} },
    comments: [],
    source,
  });

  it('splits the flattened fields by binding, lowercasing header names', () => {
    const got = requestSchemas(reqDoc, method(named('Req')));
    expect(JSON.stringify(got)).toBe(
      JSON.stringify({
        body: {
          type: 'object',
          properties: { id: { type: 'integer', format: 'int64' }, title: { type: 'string', enum: ['a', 'b'] } },
          required: ['id', 'title'],
        },
        querystring: {
          type: 'object',
          properties: { q: { type: 'string' }, page: { type: 'integer', format: 'int64', default: 1 } },
        },
        params: { type: 'object', properties: { id: { type: 'integer', format: 'int64' } }, required: ['id'] },
        headers: { type: 'object', properties: { 'x-trace-id': { type: 'string' } }, required: ['x-trace-id'] },
      }),
    );
  });

  it('is empty without a request and a body schema for a non-struct request', () => {
    expect(requestSchemas(reqDoc, method())).toEqual({});
    expect(requestSchemas(reqDoc, method({ kind: 'slice', elem: named('Base') }))).toEqual({
      body: { type: 'array', items: { $ref: '#/components/schemas/Base' } },
    });
  });

  it('inlines named types when asked (for a validator without shared schemas)', () => {
    const withNested = struct('Req', [field('Owner', named('Base'), { wireName: 'owner' })]);
    const got = requestSchemas(document([...types.slice(0, 1), withNested]), method(named('Req')), { refs: 'inline' });
    expect(got).toEqual({
      body: {
        type: 'object',
        properties: { owner: { type: 'object', properties: { id: { type: 'integer', format: 'int64' } }, required: ['id'] } },
        required: ['owner'],
      },
    });
  });
});
