import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadApi } from '../../../src/parse/api/index.js';

/** Loads `files[entry]` from an in-memory file system rooted at /mem. */
function load(files: Record<string, string>, entry = 'main.api') {
  const byAbsolute = new Map(Object.entries(files).map(([name, text]) => [path.resolve('/mem', name), text]));
  return loadApi(path.join('/mem', entry), { readFile: (p) => byAbsolute.get(p) });
}

/** `CODE line:col severity` for each diagnostic: the exact shape tests compare. */
function brief(files: Record<string, string>, entry?: string): string[] {
  return load(files, entry).diagnostics.map((d) => `${d.code} ${d.span.start.line}:${d.span.start.column} ${d.severity}`);
}

describe('semantic errors', () => {
  const cases: [string, string, string[]][] = [
    ['unknown field type', 'type A {\n\tB Missing `json:"b"`\n}', ['API0207 2:4 error']],
    ['unknown request type', 'service s {\n\t@handler h\n\tget /a (Missing)\n}', ['API0207 3:10 error']],
    ['duplicate type', 'type A {}\ntype A {}', ['API0204 2:6 error']],
    ['duplicate syntax', 'syntax = "v1"\nsyntax = "v1"', ['API0201 2:1 error']],
    ['duplicate info', 'info (\n\ta: "1"\n)\ninfo (\n\tb: "2"\n)', ['API0202 4:1 error']],
    ['duplicate info key', 'info (\n\ta: "1"\n\ta: "2"\n)', ['API0203 3:2 error']],
    ['duplicate field', 'type A {\n\tX int\n\tX string\n}', ['API0206 3:2 error']],
    ['any rejected', 'type A {\n\tX any\n}', ['API0209 2:4 error']],
    ['slice map key', 'type A {\n\tM map[[]int]string\n}', ['API0210 2:8 error']],
    ['struct map value', 'type A {\n\tM map[string]{X int}\n}', ['API0211 2:15 error']],
    ['dynamic array', 'type A {\n\tX [...]int\n}', ['API0212 2:5 error']],
    ['struct slice element', 'type A {\n\tX []{Y int}\n}', ['API0213 2:6 error']],
    ['empty inline struct', 'type A {\n\tX {}\n}', ['API0214 2:4 error']],
    ['non-struct top-level type', 'type A []int', ['API0205 1:8 error']],
    ['two service names', 'service a {\n\t@handler h\n\tget /a\n}\nservice b {\n\t@handler g\n\tget /b\n}', ['API0215 5:9 error']],
    [
      'duplicate handler in one group',
      'service a {\n\t@handler h\n\tget /a\n\t@handler h\n\tget /b\n}',
      ['API0216 4:11 error'],
    ],
    [
      'same handler in two groups is fine',
      'service a {\n\t@handler h\n\tget /a\n}\n@server (\n\tgroup: g\n)\nservice a {\n\t@handler h\n\tget /b\n}',
      [],
    ],
    [
      'duplicate route after prefix',
      'service a {\n\t@handler h\n\tget /v1/a\n}\n@server (\n\tprefix: v1\n)\nservice a {\n\t@handler g\n\tget /a\n}',
      ['API0217 10:2 error'],
    ],
    ['slice request body', 'type A {}\nservice a {\n\t@handler h\n\tpost /a ([]A)\n}', ['API0222 4:11 error']],
    ['bad timeout', '@server (\n\ttimeout: abc\n)\nservice a {\n\t@handler h\n\tget /a\n}', ['API0219 2:11 error']],
    ['sse needs a response', '@server (\n\tsse: true\n)\nservice a {\n\t@handler h\n\tget /a\n}', ['API0221 6:2 error']],
    ['empty file', '', ['API0106 1:1 error']],
    ['bad range', 'type A {\n\tX int `form:"x,range=[5:1]"`\n}', ['API0208 2:8 error']],
  ];
  it.each(cases)('%s', (_name, source, want) => {
    expect(brief({ 'main.api': source })).toEqual(want);
  });

  it('collects every error of a file instead of stopping at the first', () => {
    const source = 'type A {\n\tX Missing1\n\tY Missing2\n}\nservice s {\n\t@handler h\n\tget /a (Missing3)\n}';
    expect(brief({ 'main.api': source })).toEqual(['API0207 2:4 error', 'API0207 3:4 error', 'API0207 7:10 error']);
  });

  it('returns no IR when there is an error, and the IR when there are only warnings', () => {
    expect(load({ 'main.api': 'type A {\n\tX Missing\n}' }).document).toBeUndefined();
    const legacy = load({ 'main.api': 'type A struct {\n\tX int\n}' });
    expect(legacy.diagnostics.map((d) => d.code)).toEqual(['API0901']);
    expect(legacy.document?.types.map((t) => t.name)).toEqual(['A']);
  });
});

describe('imports', () => {
  it('resolves imports relative to the importing file and reads each file once', () => {
    const files = {
      'main.api': 'import "sub/a.api"\nimport "b.api"',
      'sub/a.api': 'import "../b.api"\ntype A {\n\tB B\n}',
      'b.api': 'type B {\n\tX int\n}',
    };
    const result = load(files);
    expect(result.diagnostics).toEqual([]);
    expect(result.document?.files).toEqual(['/mem/main.api', '/mem/sub/a.api', '/mem/b.api']);
    expect(result.document?.types.map((t) => t.name)).toEqual(['A', 'B']);
  });

  it('reports a cycle at the import that closes it', () => {
    const files = { 'main.api': 'import "a.api"', 'a.api': 'import "b.api"', 'b.api': 'import "main.api"' };
    const result = load(files);
    expect(result.diagnostics.map((d) => [d.file, d.code, d.span.start.line, d.span.start.column, d.message])).toEqual([
      ['/mem/b.api', 'API0303', 1, 8, 'import cycle not allowed: main.api -> a.api -> b.api -> main.api'],
    ]);
  });

  it('reports a missing import, a duplicate import and an empty import path', () => {
    const files = { 'main.api': 'import (\n\t"x.api"\n\t"x.api"\n\t""\n\t"nope.api"\n)', 'x.api': 'type X {}' };
    expect(brief(files)).toEqual(['API0302 3:2 error', 'API0301 4:2 error', 'API0304 5:2 error']);
  });

  it('rejects a type declared twice across files, reporting the one met later in graph order', () => {
    const files = { 'main.api': 'import "a.api"\ntype A {}', 'a.api': 'type A {}' };
    const result = load(files);
    expect(result.diagnostics.map((d) => `${d.file} ${d.code} ${d.message}`)).toEqual([
      "/mem/a.api API0204 duplicate type 'A' (first declared at /mem/main.api:2)",
    ]);
  });
});

describe('IR', () => {
  const source = [
    'syntax = "v1"',
    'info (',
    '\ttitle: "Demo"',
    '\tversion: v1',
    ')',
    '// A user',
    'type GetUserReq {',
    '\tId int64 `path:"id"`',
    '\tQ string `form:"q,optional,default=x,options=a|b"`',
    '\tPage int `form:"page,range=[1:100)"`',
    '\tToken string `header:"Authorization"`',
    '\tName string `json:"name,omitempty"` // display name',
    '\tRaw string',
    '}',
    'type GetUserResp {',
    '\tUsers []*GetUserReq `json:"users"`',
    '\tMeta map[string]interface{} `json:"meta"`',
    '}',
    '@server (',
    '\tjwt: Auth',
    '\tgroup: user/admin',
    '\tprefix: /v1/',
    '\tmiddleware: A, B',
    '\ttimeout: 1m30s',
    '\tmaxBytes: 1024',
    '\tcustom: "x y"',
    ')',
    'service demo-api {',
    '\t@doc "Get a user"',
    '\t@handler getUser',
    '\tget /users/:id (GetUserReq) returns ([]GetUserResp)',
    '}',
  ].join('\n');
  const doc = load({ 'main.api': source }).document;

  it('keeps info and syntax of the entry file', () => {
    expect(doc?.syntax).toBe('v1');
    expect(doc?.info).toEqual({ title: 'Demo', version: 'v1' });
  });

  it('binds fields as their tags say', () => {
    const fields = doc?.types[0]?.fields ?? [];
    expect(fields.map((f) => [f.name, f.binding, f.wireName, f.optional, f.omitempty])).toEqual([
      ['Id', 'path', 'id', false, false],
      ['Q', 'query', 'q', true, false],
      ['Page', 'query', 'page', false, false],
      ['Token', 'header', 'Authorization', false, false],
      ['Name', 'body', 'name', false, true],
      ['Raw', 'body', 'Raw', false, false],
    ]);
    expect(fields[1]).toMatchObject({ default: 'x', options: ['a', 'b'] });
    expect(fields[2]?.range).toEqual({ min: 1, max: 100, minInclusive: true, maxInclusive: false });
    expect(fields[4]?.comment).toBe('display name');
    expect(doc?.types[0]?.doc).toEqual(['A user']);
  });

  it('converts composite types', () => {
    const fields = doc?.types[1]?.fields ?? [];
    expect(fields[0]?.type).toEqual({ kind: 'slice', elem: { kind: 'pointer', elem: { kind: 'named', name: 'GetUserReq' } } });
    expect(fields[1]?.type).toEqual({ kind: 'map', key: { kind: 'primitive', name: 'string' }, value: { kind: 'any' } });
  });

  it('builds methods with their HTTP binding and @server annotations', () => {
    const method = doc?.services[0]?.methods[0];
    expect(doc?.services[0]?.name).toBe('demo-api');
    expect(method?.name).toBe('getUser');
    expect(method?.http).toEqual({ method: 'get', path: '/v1/users/:id', routePath: '/users/:id', pathParams: ['id'] });
    expect(method?.annotations).toEqual({
      jwt: 'Auth',
      group: 'user/admin',
      prefix: '/v1',
      middleware: ['A', 'B'],
      timeoutMs: 90_000,
      timeout: '1m30s',
      maxBytes: 1024,
      server: { jwt: 'Auth', group: 'user/admin', prefix: '/v1/', middleware: 'A,B', timeout: '1m30s', maxBytes: '1024', custom: 'x y' },
    });
    expect(method?.doc).toEqual({ summary: 'Get a user', properties: { summary: 'Get a user' } });
    expect(method?.request).toEqual({ name: 'GetUserReq', type: { kind: 'named', name: 'GetUserReq' } });
    expect(method?.response).toEqual({ name: 'GetUserResp', type: { kind: 'slice', elem: { kind: 'named', name: 'GetUserResp' } } });
  });

  it('gives legacy files the same IR as their current-grammar twin', () => {
    const legacy = 'info (\n\ttitle: my api\n)\ntype A struct {\n\tX int `json:"x"`\n}\nservice s {\n\t@doc("hi")\n\t@server(\n\t\thandler: h\n\t)\n\tget /a (A)\n}';
    const current = 'info (\n\ttitle: "my api"\n)\ntype A {\n\tX int `json:"x"`\n}\nservice s {\n\t@doc "hi"\n\t@handler h\n\tget /a (A)\n}';
    const a = load({ 'main.api': legacy });
    const b = load({ 'main.api': current });
    expect(a.diagnostics.map((d) => d.code)).toEqual(['API0903', 'API0901', 'API0904', 'API0902']);
    expect(b.diagnostics).toEqual([]);
    const strip = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (k, v) => (k === 'source' ? undefined : v)));
    expect(strip(a.document)).toEqual(strip(b.document));
  });

  it('warns when a path parameter has no path: field', () => {
    const result = load({ 'main.api': 'type A {\n\tX int `json:"x"`\n}\nservice s {\n\t@handler h\n\tget /a/:id (A)\n}' });
    expect(result.diagnostics.map((d) => `${d.code} ${d.severity} ${d.message}`)).toEqual([
      "API0223 warning path parameter ':id' has no field tagged path:\"id\" in request type 'A': its value will not reach the logic",
    ]);
  });
});
