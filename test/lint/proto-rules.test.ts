/**
 * The `.proto` lint rules (src/lint/rules/proto/): per rule a table of cases asserting line, column and
 * message (a clean case included); every valid corpus .proto runs through every rule without throwing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROTO_RULES } from '../../src/lint/rules/proto/index.js';
import type { ProtoRule } from '../../src/lint/rules/proto/rule.js';
import { upperSnake } from '../../src/lint/rules/proto/rule.js';
import { loadProto } from '../../src/parse/proto/index.js';
import { corpusPath, readCorpusFile, readIndex, repoRoot } from '../helpers/corpus.js';

const FILE = '/mem/x/y.proto';

function rule(id: string): ProtoRule {
  const found = PROTO_RULES.find((r) => r.meta.id === `proto/${id}`);
  if (!found) throw new Error(`no rule proto/${id}`);
  return found;
}

function run(id: string, source: string, file = FILE, options: Record<string, unknown> = {}, extra: Record<string, string> = {}): string[] {
  const files: Record<string, string> = { [file]: source, ...extra };
  const { document, diagnostics } = loadProto(file, { readFile: (f) => files[f] });
  if (!document) throw new Error(`does not load: ${diagnostics.map((d) => d.message).join('; ')}`);
  return rule(id)
    .check({ file, source, document, options })
    .map((f) => `${f.span.start.line}:${f.span.start.column} ${f.message}`);
}

const H = 'syntax = "proto3";\npackage x;\n';
const NOT_FORMATTED = 'not formatted as buf format lays it out (lint --fix, or tsctl proto format --write)';

type Case = [id: string, source: string, messages: string[], file?: string];

const CASES: Case[] = [
  ['format', `${H}\n\nmessage A {\n\tint32 b = 1;   \n}\n`, [`4:1 ${NOT_FORMATTED}`]],
  ['format', `${H}\nmessage  A {\n  int32 b = 1;\n}\n`, [`4:8 ${NOT_FORMATTED}`]],
  ['format', `${H}\nmessage A {\n  int32 b=1;\n}\n`, [`5:10 ${NOT_FORMATTED}`]],
  ['format', `${H}import "google/protobuf/empty.proto";\n`, [`3:1 ${NOT_FORMATTED}`]],
  ['format', `${H}\nmessage A {\n  int32 b = 1;\n  /* buf re-indents\n       a block comment's lines */\n}\n`, [`7:1 ${NOT_FORMATTED}`]],
  ['format', `${H}\nmessage A {\n  int32 b = 1;\n  /* kept\n     as written */\n}\n`, []],
  ['package-defined', 'syntax = "proto3";\nmessage A {}\n', ['1:1 file has no package declaration']],
  ['package-defined', '// package foo;\nmessage A {}\n', ['1:1 file has no package declaration']],
  ['package-defined', H, []],

  ['package-lower-snake', 'syntax = "proto3";\npackage Shop.V1;\n', ["2:9 package 'Shop.V1' is not lower_snake_case.dot.separated"]],
  ['package-lower-snake', 'syntax = "proto3";\npackage shop.userApi;\n', ["2:9 package 'shop.userApi' is not lower_snake_case.dot.separated"]],
  ['package-lower-snake', 'syntax = "proto3";\npackage shop.user_api.v1;\n', []],

  ['package-directory-match', 'syntax = "proto3";\npackage shop.v1;\n', ["2:9 package 'shop.v1' wants the file in a folder ending 'shop/v1', not 'mem/x'"]],
  ['package-directory-match', 'syntax = "proto3";\npackage shop.v1;\n', [], '/mem/shop/v1/x.proto'],
  ['package-directory-match', 'syntax = "proto3";\npackage x;\n', []],
  ['package-directory-match', 'syntax = "proto3";\nmessage A {}\n', []],

  ['message-pascal', `${H}message user_info {}\nmessage Outer {\n  message inner {}\n}\n`, ["3:9 message 'user_info' is not PascalCase", "5:11 message 'inner' is not PascalCase"]],
  ['message-pascal', `${H}message UserInfo {}\nmessage HTTPRequest {}\n`, []],

  ['service-pascal', `${H}message A {}\nservice greeter {\n  rpc Get(A) returns (A);\n}\n`, ["4:9 service 'greeter' is not PascalCase"]],
  ['service-pascal', `${H}message A {}\nservice Greeter {\n  rpc Get(A) returns (A);\n}\n`, []],

  ['rpc-pascal', `${H}message A {}\nservice S {\n  rpc getUser(A) returns (A);\n  rpc get_user(A) returns (A);\n}\n`, ["5:7 rpc 'getUser' is not PascalCase", "6:7 rpc 'get_user' is not PascalCase"]],
  ['rpc-pascal', `${H}message A {}\nservice S {\n  rpc GetUser(A) returns (A);\n}\n`, []],

  [
    'field-lower-snake',
    `${H}message A {\n  string userId = 1;\n  int32 Name = 2;\n  bool ok_2 = 3;\n  map<string, string> Labels = 4;\n}\n`,
    ["4:10 field 'userId' is not lower_snake_case", "5:9 field 'Name' is not lower_snake_case", "7:23 field 'Labels' is not lower_snake_case"],
  ],
  ['field-lower-snake', `${H}message A {\n  string user_id = 1;\n  repeated int64 ids = 2;\n}\n`, []],

  ['enum-pascal', `${H}enum status {\n  STATUS_UNSPECIFIED = 0;\n}\n`, ["3:6 enum 'status' is not PascalCase"]],
  ['enum-pascal', `${H}enum Status {\n  STATUS_UNSPECIFIED = 0;\n}\n`, []],

  [
    'enum-value-upper-snake',
    `${H}enum Status {\n  STATUS_UNSPECIFIED = 0;\n  StatusActive = 1;\n  // status_gone = 9;\n  status_gone = 2;\n}\n`,
    ["5:3 enum value 'StatusActive' is not UPPER_SNAKE_CASE", "7:3 enum value 'status_gone' is not UPPER_SNAKE_CASE"],
  ],
  ['enum-value-upper-snake', `${H}enum Status {\n  STATUS_UNSPECIFIED = 0;\n  STATUS_V2 = 1;\n}\n`, []],

  ['enum-zero-value-suffix', `${H}enum Status {\n  STATUS_UNKNOWN = 0;\n  STATUS_OK = 1;\n}\n`, ["4:3 zero value 'STATUS_UNKNOWN' of enum 'Status' should be 'STATUS_UNSPECIFIED'"]],
  ['enum-zero-value-suffix', `${H}enum OrderState {\n  ORDER_STATE_OK = 1;\n  UNSPECIFIED = 0;\n}\n`, ["5:3 zero value 'UNSPECIFIED' of enum 'OrderState' should be 'ORDER_STATE_UNSPECIFIED'"]],
  ['enum-zero-value-suffix', `${H}enum HTTPCode {\n  HTTP_CODE_UNSPECIFIED = 0;\n}\n`, []],
  ['enum-zero-value-suffix', `${H}message M {\n  enum Kind {\n    KIND_UNSPECIFIED = 0;\n  }\n}\n`, []],

  [
    'enum-value-prefix',
    `${H}enum OrderState {\n  ORDER_STATE_UNSPECIFIED = 0;\n  PAID = 1;\n  ORDER_STATEX = 2;\n}\n`,
    ["5:3 enum value 'PAID' is not prefixed with 'ORDER_STATE_'", "6:3 enum value 'ORDER_STATEX' is not prefixed with 'ORDER_STATE_'"],
  ],
  ['enum-value-prefix', `${H}enum OrderState {\n  ORDER_STATE_UNSPECIFIED = 0;\n  ORDER_STATE_PAID = 1;\n}\n`, []],

  [
    'rpc-request-response-naming',
    `${H}message UserReq {}\nmessage UserResp {}\nservice S {\n  rpc GetUser(UserReq) returns (UserResp);\n}\n`,
    ["6:7 rpc 'GetUser' request 'UserReq' should be named 'GetUserRequest'", "6:7 rpc 'GetUser' response 'UserResp' should be named 'GetUserResponse'"],
  ],
  [
    'rpc-request-response-naming',
    `${H}import "google/protobuf/empty.proto";\nmessage GetUserRequest {}\nmessage SGetUserResponse {}\nservice S {\n  rpc GetUser(GetUserRequest) returns (SGetUserResponse);\n  rpc Ping(google.protobuf.Empty) returns (google.protobuf.Empty);\n}\n`,
    [],
  ],

  ['comment-service', `${H}message A {}\nservice S {\n  rpc Get(A) returns (A);\n}\n`, ["4:9 service 'S' has no leading comment"]],
  ['comment-service', `${H}message A {}\n// S serves A.\nservice S {\n  rpc Get(A) returns (A);\n}\n`, []],
  ['comment-service', `${H}message A {}\n/* S serves A. */\nservice S {\n  rpc Get(A) returns (A);\n}\n`, []],

  [
    'comment-rpc',
    `${H}message A {}\n// S.\nservice S {\n  // Get gets.\n  rpc Get(A) returns (A);\n  rpc Put(A) returns (A);\n}\n`,
    ["8:7 rpc 'Put' has no leading comment"],
  ],
  ['comment-rpc', `${H}message A {}\nservice S {\n  // Get gets.\n  rpc Get(A) returns (A);\n}\n`, []],
];

describe('proto lint rules', () => {
  it('has one rule per id, with meta as documented', () => {
    const ids = PROTO_RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(15);
    for (const r of PROTO_RULES) {
      expect(r.meta.language).toBe('proto');
      // Only the layout rule is fixable: every other fix would rename something on the wire.
      expect(r.meta.fixable).toBe(r.meta.id === 'proto/format');
      expect(r.meta.docs).toBe(`docs/lint/rules/proto.md#${r.meta.id.replace('/', '')}`);
    }
  });

  it('documents every rule with a section and a bad and a good example', () => {
    const docs = readFileSync(path.join(repoRoot, 'docs/lint/rules/proto.md'), 'utf8');
    const sections = docs.split(/^## /m).slice(1);
    expect(sections.map((s) => s.split('\n')[0])).toEqual(PROTO_RULES.map((r) => r.meta.id));
    for (const s of sections) expect(s).toMatch(/```proto\n\/\/ bad[\s\S]*\/\/ good/);
  });

  it('covers every rule with a failing and a clean case', () => {
    for (const r of PROTO_RULES) {
      const cases = CASES.filter(([id]) => `proto/${id}` === r.meta.id);
      expect(cases.some(([, , m]) => m.length > 0), r.meta.id).toBe(true);
      expect(cases.some(([, , m]) => m.length === 0), r.meta.id).toBe(true);
    }
  });

  it.each(CASES.map((c, i) => [`${c[0]} #${i}`, ...c] as const))('%s', (_name, id, source, messages, file) => {
    expect(run(id, source, file)).toEqual(messages);
  });

  it('reports only declarations of the linted file, not of its imports', () => {
    const dep = 'syntax = "proto3";\npackage x;\nmessage bad_name {\n  string BadField = 1;\n}\nenum bad {\n  nope = 0;\n}\nservice s {\n  rpc r(bad_name) returns (bad_name);\n}\n';
    const main = `${H}\nimport "dep.proto";\n// S.\nservice Good {\n  // Get.\n  rpc Get(bad_name) returns (bad_name);\n}\n`;
    const all = PROTO_RULES.filter((r) => r.meta.id !== 'proto/rpc-request-response-naming').map((r) => r.meta.id.slice('proto/'.length));
    for (const id of all) expect(run(id, main, FILE, {}, { '/mem/x/dep.proto': dep }), id).toEqual([]);
  });

  it('takes the zero value suffix as an option', () => {
    expect(run('enum-zero-value-suffix', `${H}enum S {\n  S_NONE = 0;\n}\n`, FILE, { suffix: '_NONE' })).toEqual([]);
  });

  it('converts names to UPPER_SNAKE as buf does', () => {
    expect(['Status', 'OrderState', 'HTTPStatus', 'V2Thing', 'status_v2', 'Foo1Bar'].map(upperSnake)).toEqual(['STATUS', 'ORDER_STATE', 'HTTP_STATUS', 'V2_THING', 'STATUS_V2', 'FOO1_BAR']);
  });
});

describe('corpus', () => {
  const rows = readIndex().filter((row) => row.expected === 'valid' && row.path.endsWith('.proto'));

  it('has 56 valid .proto rows', () => {
    expect(rows).toHaveLength(56);
  });

  it.each(rows.map((row) => [row.path, row] as const))('%s: every rule runs', (_name, row) => {
    const file = corpusPath(row.path);
    const includePaths = row.include.map((dir) => path.resolve(path.dirname(file), dir));
    const { document, diagnostics } = loadProto(file, { includePaths });
    expect(document, diagnostics.map((d) => d.message).join('; ')).toBeDefined();
    if (!document) return;
    const source = readCorpusFile(row.path);
    for (const r of PROTO_RULES) {
      const findings = r.check({ file, source, document, options: {} });
      for (const f of findings) expect(f.span.start.line).toBeGreaterThan(0);
    }
  });
});

describe('--fix on the .proto corpus', () => {
  const protoRows = readIndex().filter((r) => r.path.endsWith('.proto') && r.expected === 'valid');

  it.each(protoRows.map((r) => [r.path, r.include] as const))('%s: the format fix is stable and keeps the IR', async (relative, include) => {
    const { lintFile } = await import('../../src/lint/engine.js');
    const file = corpusPath(relative);
    const source = readFileSync(file, 'utf8');
    const first = lintFile(file, { toolVersion: '0', fix: true });
    if (first.fixed === undefined) return;
    const second = lintFile(file, { toolVersion: '0', fix: true, readFile: (f) => (f === file ? (first.fixed as string) : readFileSync(f, 'utf8')) });
    expect(second.fixed).toBeUndefined();
    const includePaths = include.map((dir) => path.join(path.dirname(file), dir));
    const readOrUndefined = (f: string): string | undefined => {
      try {
        return readFileSync(f, 'utf8');
      } catch {
        return undefined;
      }
    };
    const load = (text: string) => loadProto(file, { includePaths, readFile: (f) => (f === path.resolve(file) ? text : readOrUndefined(f)) }).document;
    const strip = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'source' ? undefined : v)));
    expect(strip(load(first.fixed as string))).toEqual(strip(load(source)));
  });
});
