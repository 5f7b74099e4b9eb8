import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Field, TypeDecl } from '../../../src/ir/index.js';
import { loadProto } from '../../../src/parse/proto/index.js';

function load(files: Record<string, string>, entry = 'main.proto', includePaths: string[] = []) {
  const byAbsolute = new Map(Object.entries(files).map(([name, text]) => [path.resolve('/mem', name), text]));
  return loadProto(path.join('/mem', entry), {
    includePaths: includePaths.map((p) => path.join('/mem', p)),
    readFile: (p) => byAbsolute.get(p),
  });
}

function brief(files: Record<string, string>, entry?: string, includePaths?: string[]): string[] {
  return load(files, entry, includePaths).diagnostics.map((d) => `${path.basename(d.file)}:${d.span.start.line}:${d.span.start.column} ${d.code} ${d.message}`);
}

const PROTO = `syntax = "proto3";
package shop.v1;
import "google/protobuf/timestamp.proto";

// An order.
message Order {
  string order_id = 1; // the id
  repeated int64 amounts = 2;
  map<string, Item> items = 3;
  oneof payment {
    string card = 4;
    bytes token = 5;
  }
  optional sint32 priority = 6;
  Status status = 7;
  google.protobuf.Timestamp created_at = 8;
  Item.Kind kind = 9;
  repeated string tags = 10;
}

message Item {
  enum Kind { KIND_UNSPECIFIED = 0; KIND_BOOK = 1; }
  fixed64 sku = 1;
}

enum Status {
  STATUS_UNSPECIFIED = 0;
  // Paid in full.
  STATUS_PAID = 1;
}

// Orders, all four ways.
service Orders {
  // Get one.
  rpc Get(Order) returns (Order);
  rpc Watch(Order) returns (stream Order);
  rpc Upload(stream Item) returns (Order);
  rpc Chat(stream Order) returns (stream Order);
}

service Admin {
  rpc Purge(Item) returns (Item);
}
`;

describe('.proto → IR', () => {
  const result = load({ 'main.proto': PROTO });
  const doc = result.document;
  const order = doc?.types.find((t) => t.name === 'shop.v1.Order') as TypeDecl;
  const field = (name: string): Field => order.fields.find((f) => f.name === name) as Field;

  it('loads without diagnostics, the well-known import included', () => {
    expect(result.diagnostics).toEqual([]);
    expect(doc?.files).toEqual(['/mem/main.proto', 'google/protobuf/timestamp.proto']);
    expect(doc?.types.map((t) => t.name)).toEqual(['shop.v1.Order', 'shop.v1.Item', 'google.protobuf.Timestamp']);
    expect(doc?.enums.map((e) => e.name)).toEqual(['shop.v1.Item.Kind', 'shop.v1.Status']);
    expect(doc?.options).toEqual({ package: 'shop.v1' });
    expect(doc?.syntax).toBe('proto3');
  });

  it('maps scalar, repeated, map, oneof, optional, enum and message fields', () => {
    expect(order.fields.map((f) => [f.name, f.wireName, f.type, f.optional, f.proto])).toEqual([
      ['order_id', 'orderId', { kind: 'primitive', name: 'string' }, false, { number: 1, type: 'string', label: 'singular', packed: false }],
      ['amounts', 'amounts', { kind: 'slice', elem: { kind: 'primitive', name: 'int64' } }, false, { number: 2, type: 'int64', label: 'repeated', packed: true }],
      [
        'items',
        'items',
        { kind: 'map', key: { kind: 'primitive', name: 'string' }, value: { kind: 'named', name: 'shop.v1.Item' } },
        false,
        { number: 3, type: 'message', label: 'singular', packed: false, map: { keyType: 'string', valueType: 'message' } },
      ],
      ['card', 'card', { kind: 'primitive', name: 'string' }, true, { number: 4, type: 'string', label: 'singular', oneof: 'payment', packed: false }],
      ['token', 'token', { kind: 'primitive', name: 'bytes' }, true, { number: 5, type: 'bytes', label: 'singular', oneof: 'payment', packed: false }],
      ['priority', 'priority', { kind: 'primitive', name: 'int32' }, true, { number: 6, type: 'sint32', label: 'optional', packed: false }],
      ['status', 'status', { kind: 'named', name: 'shop.v1.Status' }, false, { number: 7, type: 'enum', label: 'singular', packed: false }],
      ['created_at', 'createdAt', { kind: 'named', name: 'google.protobuf.Timestamp' }, true, { number: 8, type: 'message', label: 'singular', packed: false }],
      ['kind', 'kind', { kind: 'named', name: 'shop.v1.Item.Kind' }, false, { number: 9, type: 'enum', label: 'singular', packed: false }],
      ['tags', 'tags', { kind: 'slice', elem: { kind: 'primitive', name: 'string' } }, false, { number: 10, type: 'string', label: 'repeated', packed: false }],
    ]);
    expect(order.oneofs).toEqual([{ name: 'payment', fields: ['card', 'token'] }]);
  });

  it('carries comments and positions', () => {
    expect(order.doc).toEqual(['An order.']);
    expect(field('order_id').doc).toEqual(['the id']);
    expect(field('order_id').source).toMatchObject({ file: '/mem/main.proto', line: 7, column: 10 });
    expect(doc?.enums[1]?.values).toEqual([
      { name: 'STATUS_UNSPECIFIED', number: 0, doc: [] },
      { name: 'STATUS_PAID', number: 1, doc: ['Paid in full.'] },
    ]);
  });

  it('keeps every service with all four streaming kinds', () => {
    expect(doc?.services.map((s) => [s.fullName, s.doc])).toEqual([
      ['shop.v1.Orders', ['Orders, all four ways.']],
      ['shop.v1.Admin', []],
    ]);
    expect(doc?.services[0]?.methods.map((m) => [m.name, m.grpcPath, m.streaming, m.request?.name, m.response?.name])).toEqual([
      ['Get', '/shop.v1.Orders/Get', { client: false, server: false }, 'shop.v1.Order', 'shop.v1.Order'],
      ['Watch', '/shop.v1.Orders/Watch', { client: false, server: true }, 'shop.v1.Order', 'shop.v1.Order'],
      ['Upload', '/shop.v1.Orders/Upload', { client: true, server: false }, 'shop.v1.Item', 'shop.v1.Order'],
      ['Chat', '/shop.v1.Orders/Chat', { client: true, server: true }, 'shop.v1.Order', 'shop.v1.Order'],
    ]);
    expect(doc?.services[0]?.methods[0]?.comments).toEqual(['Get one.']);
  });
});

describe('.proto diagnostics', () => {
  it('reports a syntax error at its line and token', () => {
    expect(brief({ 'main.proto': 'syntax = "proto3";\nmessage A {\n  string a = ;\n}\n' })).toEqual(["main.proto:3:14 PROTO0101 illegal id ';'"]);
  });

  it('reports a duplicate field number at the second use', () => {
    expect(brief({ 'main.proto': 'syntax = "proto3";\nmessage A {\n  int32 a = 1;\n  int32 b = 1;\n}\n' })).toEqual([
      'main.proto:4:13 PROTO0101 field number 1 is used twice in message A',
    ]);
  });

  it('reports unknown field and rpc types where they are written', () => {
    const source = 'syntax = "proto3";\nmessage A {\n  Missing m = 1;\n}\nservice S {\n  rpc M(A) returns (Nope);\n}\n';
    expect(brief({ 'main.proto': source })).toEqual([
      "main.proto:3:3 PROTO0301 unknown type 'Missing' for field 'm' of A",
      "main.proto:6:7 PROTO0302 unknown response type 'Nope' for rpc M",
    ]);
  });

  it('reports a missing import and suggests -I', () => {
    expect(brief({ 'main.proto': 'syntax = "proto3";\nimport "other/x.proto";\n' })).toEqual([
      `main.proto:2:9 PROTO0201 cannot import 'other/x.proto': not found in "/mem", "/mem" (add an include path with -I)`,
    ]);
  });

  it('finds imports through -I include paths, and reports cycles', () => {
    const files = {
      'main.proto': 'syntax = "proto3";\nimport "x.proto";\nmessage M { X x = 1; }\n',
      'inc/x.proto': 'syntax = "proto3";\nmessage X { int32 v = 1; }\n',
    };
    expect(brief(files, 'main.proto', ['inc'])).toEqual([]);
    const cycle = { 'main.proto': 'syntax = "proto3";\nimport "b.proto";\n', 'b.proto': 'syntax = "proto3";\nimport "main.proto";\n' };
    expect(brief(cycle)).toEqual(['b.proto:2:9 PROTO0202 import cycle not allowed: main.proto -> b.proto -> main.proto']);
  });
});
