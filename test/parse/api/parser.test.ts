/**
 * Table tests of the `.api` parser: goctl's parser-test fragments (corpus `go-zero/_inline/parser/`)
 * and hand-written snippets. Diagnostics are compared exactly as `line:col CODE message`.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type {
  ElemExpr,
  KVExpr,
  ServiceItem,
  ServiceStmt,
  Stmt,
  StructDataType,
  TokenNode,
  TypeExpr,
} from '../../../src/parse/api/ast.js';
import { loadApi } from '../../../src/parse/api/index.js';
import { parseApi } from '../../../src/parse/api/parser.js';
import { apiRows, readCorpusFile } from '../../helpers/corpus.js';

/** `line:col CODE message` for each diagnostic, in the order reported. */
function diagnostics(source: string): string[] {
  return parseApi(source, 'test.api').diagnostics.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.code} ${d.message}`);
}

function stmts(source: string): Stmt[] {
  const { ast, diagnostics: found } = parseApi(source, 'test.api');
  expect(found.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.code} ${d.message}`)).toEqual([]);
  return ast.stmts;
}

function stmt<K extends Stmt['kind']>(source: string, kind: K): Extract<Stmt, { kind: K }> {
  const found = stmts(source);
  expect(found.map((s) => s.kind)).toEqual([kind]);
  return found[0] as Extract<Stmt, { kind: K }>;
}

/** The single type declared by `type …` (literal or one-element group). */
function typeExpr(source: string): TypeExpr {
  const s = stmts(source)[0];
  if (s?.kind === 'TypeLiteralStmt') return s.expr;
  if (s?.kind === 'TypeGroupStmt' && s.exprs.length === 1) return s.exprs[0] as TypeExpr;
  throw new Error(`expected one type declaration, got ${s?.kind}`);
}

function structOf(source: string): StructDataType {
  const dt = typeExpr(source).dataType;
  if (dt.kind !== 'StructDataType') throw new Error(`expected a struct, got ${dt.kind}`);
  return dt;
}

function service(source: string): ServiceStmt {
  return stmt(source, 'ServiceStmt');
}

const text = (node: TokenNode | undefined): string | undefined => node?.token.text;
const at = (node: { span: { start: { line: number; column: number } } }): string => `${node.span.start.line}:${node.span.start.column}`;
const comments = (list: TokenNode['head']): string[] => list.map((c) => c.token.text);
const kv = (v: KVExpr): [string, string, KVExpr['valueKind']] => [v.key.token.text, v.value.token.text, v.valueKind];

/** A data type written compactly, to compare shapes exactly. */
function shape(dt: TypeExpr['dataType']): string {
  switch (dt.kind) {
    case 'BaseDataType':
      return dt.base.token.text;
    case 'AnyDataType':
      return 'any!';
    case 'InterfaceDataType':
      return 'interface{}';
    case 'MapDataType':
      return `map[${shape(dt.key)}]${shape(dt.value)}`;
    case 'ArrayDataType':
      return `[${dt.length.token.text}]${shape(dt.elem)}`;
    case 'SliceDataType':
      return `[]${shape(dt.elem)}`;
    case 'PointerDataType':
      return `*${shape(dt.elem)}`;
    case 'StructDataType':
      return `${dt.structKeyword ? 'struct ' : ''}{${dt.elems.map(field).join('; ')}}`;
  }
}

function field(e: ElemExpr): string {
  const names = e.names.map((n) => n.token.text).join(', ');
  return [names, shape(e.dataType), e.tag?.token.text].filter((part) => part !== undefined && part !== '').join(' ');
}

// ── goctl's fragments ─────────────────────────────────────────────────────────────────────────

const parserFragments = apiRows('fragment').filter((row) => row.path.startsWith('go-zero/_inline/parser/'));
/** What goctl's current parser did with the fragment, from the INDEX note (`goctl: …`). */
const goctlVerdict = (note: string): string => /goctl: (.*)$/.exec(note)?.[1] ?? '';
const goctlRejects = parserFragments.filter((row) => goctlVerdict(row.note).startsWith('syntax error'));
const goctlParses = parserFragments.filter((row) => /^(parse|syntax) ok/.test(goctlVerdict(row.note)));

describe("goctl's parser-test fragments", () => {
  it('are all counted', () => {
    expect(parserFragments).toHaveLength(304);
    expect(goctlRejects).toHaveLength(272);
    expect(goctlParses).toHaveLength(29);
  });

  it.each(goctlRejects.map((row) => [path.basename(row.path), row.path] as const))(
    'goctl rejects %s, and so does tsctl',
    (_name, file) => {
      const source = readCorpusFile(file);
      const entry = path.resolve('/mem', path.basename(file));
      const result = loadApi(entry, { readFile: (p) => (p === entry ? source : undefined) });
      expect(result.diagnostics.filter((d) => d.severity === 'error').length).toBeGreaterThan(0);
    },
  );

  it.each(goctlParses.map((row) => [path.basename(row.path), row.path] as const))(
    'goctl parses %s, and so does tsctl',
    (_name, file) => {
      expect(diagnostics(readCorpusFile(file))).toEqual([]);
    },
  );

  // Exact diagnostics for a fragment read from the corpus. Where our position differs from goctl's,
  // goctl's is in a trailing comment (ours points at the start of the offending token).
  const exact: [file: string, want: string[]][] = [
    ['003_Parse_invalid.api', ["1:1 API0101 expected 'syntax', 'info', 'import', 'type', 'service' or '@server', got identifier 'foo'"]],
    ['004_Parse_invalid.api', ["1:1 API0001 expected '@doc', '@handler' or '@server' after '@'", "1:1 API0101 expected 'syntax', 'info', 'import', 'type', 'service' or '@server', got '@'"]],
    ['014_Parse_syntaxStmt_invalid.api', ["1:7 API0101 expected '=', got end of file"]],
    ['016_Parse_syntaxStmt_invalid.api', ['1:10 API0003 illegal character "\'"', '1:10 API0101 expected a string such as "v1", got \'\'\'', '1:11 API0003 illegal character "\'"']],
    ['017_Parse_syntaxStmt_invalid.api', ["1:10 API0001 expected '@doc', '@handler' or '@server' after '@'", '1:10 API0101 expected a string such as "v1", got \'@\'']],
    ['018_Parse_syntaxStmt_invalid.api', ['1:10 API0002 unterminated string: expected " before end of file']], // goctl 1:13
    ['019_Parse_syntaxStmt_invalid.api', ['1:9 API0101 expected a string such as "v1", got \'=\'']],
    ['020_Parse_infoStmt_invalid.api', ["1:5 API0101 expected '(', got end of file"]],
    ['022_Parse_infoStmt_invalid.api', ["1:5 API0101 expected '(', got '{'"]],
    ['023_Parse_infoStmt_invalid.api', ["1:6 API0101 expected ')' or a key such as 'title:', got '}'"]],
    ['025_Parse_infoStmt_invalid.api', ['1:11 API0101 expected a value, got end of file']],
    ['026_Parse_infoStmt_invalid.api', ["1:13 API0101 expected ')' or a key, got end of file"]],
    ['031_Parse_infoStmt_invalid.api', ["1:6 API0101 expected '(', got identifier 'foo'"]],
    ['032_Parse_infoStmt_invalid.api', ["1:7 API0101 expected ')' or a key such as 'title:', got identifier 'foo'"]], // goctl 1:10
    ['034_Parse_infoStmt_invalid.api', ["1:6 API0101 expected ')' or a key such as 'title:', got number '123'"]],
    ['038_Parse_importLiteral_invalid.api', ["1:7 API0101 expected '(' or an import path string, got end of file"]],
    ['044_Parse_importLiteral_invalid.api', ["1:8 API0101 expected '(' or an import path string, got identifier '好'"]],
    ['049_Parse_importGroup_invalid.api', ["1:9 API0101 expected ')' or an import path string, got end of file"]],
    ['055_Parse_importGroup_invalid.api', ["1:13 API0101 expected ')' or an import path string, got identifier 'foo'"]],
    ['057_Parse_atServerStmt_invalidInSkipCommentMode.api', ["1:8 API0101 expected '(', got end of file"]],
    ['063_Parse_atServerStmt_invalidInSkipCommentMode.api', ['1:14 API0101 expected a value, got end of file']],
    ['069_Parse_atServerStmt_invalidInSkipCommentMode.api', ['1:9 API0101 expected \')\' or a key such as \'group:\', got string ""']],
    ['070_Parse_atServerStmt_invalidInSkipCommentMode.api', ["1:21 API0101 expected 'service', got end of file"]],
    ['086_Parse_atHandler_invalid.api', ["1:1 API0101 expected 'syntax', 'info', 'import', 'type', 'service' or '@server', got '@handler'"]],
    ['107_Parse_service_invalid.api', ["1:8 API0101 expected a service name, got end of file"]],
    ['109_Parse_service_invalid.api', ["1:9 API0101 expected a service name, got '-'"]],
    ['110_Parse_service_invalid.api', ["1:13 API0101 expected 'api' (a hyphen in a service name is only allowed as the '-api' suffix), got end of file"]],
    ['111_Parse_service_invalid.api', ["1:16 API0101 expected '{', got end of file"]],
    ['115_Parse_service_invalid.api', ["1:13 API0101 expected '}', got end of file"]],
    ['116_Parse_service_invalid.api', ["1:18 API0101 expected '(' or a string, got end of file"]],
    ['118_Parse_service_invalid.api', ["1:21 API0101 expected '@handler', got end of file"]],
    ['119_Parse_service_invalid.api', ['1:22 API0101 expected a handler name, got end of file']],
    ['121_Parse_service_invalid.api', ["1:27 API0101 expected an HTTP method (get, head, post, put, patch, delete, connect, options, trace), got identifier 'bar'"]],
    ['122_Parse_service_invalid.api', ["1:30 API0101 expected a path starting with '/', got end of file"]],
    ['157_Parse_service_invalid.api', ["1:56 API0101 expected '@doc', '@handler' or '}', got ']'"]],
    ['160_Parse_service_invalidBeginWithAtServer.api', ["1:11 API0101 expected 'service', got identifier 'foo'"]],
    ['222_Parse_parseTypeStmt_invalid_all.api', ["1:13 API0101 expected ']', an array length or '...', got end of file"]],
    ['230_Parse_parseTypeStmt_invalid_all.api', ["1:14 API0101 expected a type (a name, '*', '[', 'map', 'interface{}' or '{'), got ']'"]],
    ['231_Parse_parseTypeStmt_invalid_all.api', ["1:20 API0101 expected ']', got end of file"]],
    ['235_Parse_parseTypeStmt_invalid_all.api', ["1:10 API0102 'interface' is a keyword and cannot be used as a type"]],
    ['239_Parse_parseTypeStmt_invalid_all.api', ["1:11 API0102 'go' is a keyword and cannot be used as a type"]],
    ['245_Parse_parseTypeStmt_invalid_all.api', ['1:16 API0101 expected a field name, got end of file']],
    ['246_Parse_parseTypeStmt_invalid_all.api', ["1:15 API0001 expected '@doc', '@handler' or '@server' after '@'", "1:15 API0101 expected a type (a name, '*', '[', 'map', 'interface{}' or '{'), got '@'"]],
    ['250_Parse_parseTypeStmt_invalid_all.api', ["1:29 API0101 expected a field name, an embedded type or '}', got ')'"]],
    ['262_Parse_parseTypeStmt_invalid_all.api', ["1:7 API0001 expected '@doc', '@handler' or '@server' after '@'", "1:7 API0101 expected ')' or a type name, got '@'"]],
    ['305_Parse_parseTypeStmt_invalid_all.api', ["1:10 API0101 expected a type (a name, '*', '[', 'map', 'interface{}' or '{'), got ')'"]],
    ['306_Parse_parseTypeStmt_invalid_all.api', ["2:4 API0101 expected a type (a name, '*', '[', 'map', 'interface{}' or '{'), got ')'"]],
    ['308_Parse_parseTypeStmt_invalid_all.api', ["1:7 API0101 expected ')' or a type name, got '('"]],
    ['309_Parse_parseTypeStmt_invalid_all.api', ["1:6 API0102 'go' is a keyword and cannot be used as a name"]],
    ['310_Parse_parseTypeStmt_invalid_all.api', ["1:9 API0102 'func' is a keyword and cannot be used as a type"]],
    ['311_Parse_parseTypeStmt_invalid_all.api', ["1:10 API0102 'map' is a keyword and cannot be used as a name"]],
  ];
  it.each(exact)('%s', (file, want) => {
    expect(diagnostics(readCorpusFile(`go-zero/_inline/parser/${file}`))).toEqual(want);
  });
});

// ── where goctl and tsctl must agree and currently do not ─────────────────────────────────────

describe('agreement with goctl on edge cases', () => {
  // goctl's path items are IDENT ('-' IDENT)*, after ':' too: fragments 130-157 get past `/:foo-bar/baz`.
  it("accepts a path parameter with a hyphen, as goctl does (':foo-bar')", () => {
    expect(diagnostics(readCorpusFile('go-zero/_inline/parser/141_Parse_service_invalid.api'))).toEqual([
      "1:64 API0101 expected '@doc', '@handler' or '}', got end of file",
    ]);
  });

  // goctl (parseElemExpr): a field is embedded only when the next token is on a later line or is a tag.
  it("rejects a field name followed by '}' on the same line (goctl: expected a type)", () => {
    expect(diagnostics('type Foo {Bar}')).toEqual([
      "1:14 API0101 expected a type (a name, '*', '[', 'map', 'interface{}' or '{'), got '}'",
    ]);
  });

  // Fragment 253: goctl expects IDENT, '[', 'interface{}' or '*' after '*'.
  it("rejects a pointer to an inline struct ('*{')", () => {
    expect(diagnostics('type Foo {\n\tX *{\n\t\tY int\n\t}\n}').length).toBeGreaterThan(0);
  });

  // Fragments 076/077: goctl expects an identifier after ',' in an @server list.
  it('rejects a trailing comma in an @server list', () => {
    expect(diagnostics('@server (\n\tmiddleware: M1,\n)\nservice a {\n\t@handler h\n\tget /a\n}').length).toBeGreaterThan(0);
  });

  // A field named like a top-level keyword: one mistake, one diagnostic. Today recovery restarts at the
  // field's own line ('type string' read as a type declaration) and reports a second, spurious error.
  it('reports a keyword used as a field name once', () => {
    expect(diagnostics('type A {\n\ttype string\n}')).toEqual(["2:2 API0102 'type' is a keyword and cannot be used as a name"]);
  });

  // goctl's legacy lexer (ApiLexer.g4): LINE_VALUE is ':' [ \t]* (STRING | ~[\r\n"`]*), so an unquoted
  // value is any text to the end of the line: no lexical errors inside it, and '//' does not start a comment.
  it('takes legacy bare info text as raw text, without lexical errors', () => {
    expect(diagnostics("info(\n\temail: a@b.c\n\tdesc: it's 100% #1\n)")).toEqual([]);
  });

  it("keeps '//' inside legacy bare info text (a URL) as part of the value", () => {
    const s = parseApi('info(\n\turl: http://x.y/z\n)', 'test.api').ast.stmts[0];
    expect(s?.kind === 'InfoStmt' ? s.values.map(kv) : s?.kind).toEqual([['url', 'http://x.y/z', 'bareText']]);
  });

  // goctl's parseKVExpression: a value is STRING, RAW_STRING or IDENT; a number is not (`version: 2`
  // → "expected 'STRING' | 'RAW_STRING' | 'IDENT', got 'INT'"), so for us it is legacy bare text.
  it('takes a number as an info value for legacy bare text', () => {
    const s = parseApi('info(\n\tversion: 2\n)', 'test.api').ast.stmts[0];
    expect(s?.kind === 'InfoStmt' ? s.values.map(kv) : s?.kind).toEqual([['version', '2', 'bareText']]);
  });

  // goctl reads one word and then a comment: `wrapCodeMsg: true// …` (corpus swagger/example_cn.api).
  it("ends a one-word info value at a '//' touching it, which starts a comment", () => {
    const s = parseApi('info(\n\tdebug: true// note\n)', 'test.api').ast.stmts[0];
    expect(s?.kind === 'InfoStmt' ? s.values.map((v) => [...kv(v), comments(v.value.trailing)]) : s?.kind).toEqual([['debug', 'true', 'ident', ['// note']]]);
  });

  // goctl's parseAtServerKVExpression: '/', DURATION, IDENT, INT or STRING; a raw string is refused.
  it('rejects a raw string as an @server value', () => {
    expect(diagnostics('@server (\n\tgroup: `g`\n)\nservice a {\n\t@handler h\n\tget /a\n}')).toEqual([
      '2:9 API0101 expected a value (a raw string is not allowed in @server: write a "quoted" string), got string `g`',
    ]);
  });

  // goctl's scanner takes a NUL for the end of the file, wherever it is, and ignores the rest.
  it('rejects a NUL character, also inside a comment, a string or legacy bare text', () => {
    expect(diagnostics('// a\0b\ntype A {\n\tB int `json:"b\0"`\n}\ninfo(\n\ttitle: a \0 b\n)')).toEqual([
      '1:5 API0003 illegal character "\\u0000" (NUL): goctl reads it as the end of the file',
      '3:16 API0003 illegal character "\\u0000" (NUL): goctl reads it as the end of the file',
      '6:11 API0003 illegal character "\\u0000" (NUL): goctl reads it as the end of the file',
    ]);
  });

  // goctl refuses a byte-order mark anywhere; we skip one at the start of the file, where editors write it.
  it('skips a byte-order mark at the start of the file only', () => {
    expect(diagnostics('\uFEFFsyntax = "v1"\ntype A {\n\tB\uFEFF int\n}')).toEqual([
      '3:3 API0003 illegal character U+FEFF: a byte-order mark is only allowed at the start of the file',
      "3:3 API0101 expected a type (a name, '*', '[', 'map', 'interface{}' or '{'), got '\uFEFF'",
    ]);
  });

  // Fragment 129: goctl expects ':', an identifier or a number at the start of a path segment.
  it("rejects a path segment that is only '-'", () => {
    expect(diagnostics('service a {\n\t@handler h\n\tget /a/-\n}').length).toBeGreaterThan(0);
  });
});

describe('legacy uses (ParseResult.legacy)', () => {
  it('lists every use of the legacy grammar with its code and span, also in a statement a syntax error abandons', () => {
    const source = [
      'info(',
      '\ttitle: doc title',
      '\tversion: 2',
      '\tauthor: songmeizi',
      ')',
      'type A struct {',
      '\tB int',
      '}',
      'service s {',
      '\t@doc("x")',
      '\t@server(handler: h)',
      '\tget /a (',
      '}',
    ].join('\n');
    const result = parseApi(source, 'test.api');
    expect(result.diagnostics.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.code}`)).toEqual(['13:1 API0101']);
    expect(result.legacy.map((u) => `${u.code} ${at(u)}-${u.span.end.line}:${u.span.end.column}`)).toEqual([
      'API0903 2:9-2:18',
      'API0903 3:11-3:12',
      'API0901 6:8-6:14',
      'API0904 10:2-10:11',
      'API0902 11:2-11:9',
    ]);
  });
});

// ── syntax errors ─────────────────────────────────────────────────────────────────────────────

describe('syntax errors', () => {
  const cases: [name: string, source: string, want: string[]][] = [
    ['syntax without a string', 'syntax = v1', ['1:10 API0101 expected a string such as "v1", got identifier \'v1\'']],
    ['a number where a string belongs', 'syntax = 1', ['1:10 API0101 expected a string such as "v1", got number \'1\'']],
    ['unknown top-level word', 'types A {}', ["1:1 API0101 expected 'syntax', 'info', 'import', 'type', 'service' or '@server', got identifier 'types'"]],
    ['upper-case HTTP method', 'service a {\n\t@handler h\n\tGET /a\n}', ["3:2 API0101 expected an HTTP method (get, head, post, put, patch, delete, connect, options, trace) (HTTP methods are lower case: 'get'), got identifier 'GET'"]],
    ['route without @handler', 'service a {\n\tget /a\n}', ["2:2 API0103 missing '@handler' before route 'get'"]],
    ['@doc then no @handler', 'service a {\n\t@doc "x"\n\tget /a\n}', ["3:2 API0103 missing '@handler' before route 'get'"]],
    ['hyphenated service name', 'service user-svc {\n}', ["1:14 API0101 expected 'api' (a hyphen in a service name is only allowed as the '-api' suffix), got identifier 'svc'"]],
    ['keyword as a type name', 'type map {}', ["1:6 API0102 'map' is a keyword and cannot be used as a name"]],
    ['keyword as a field name', 'type A {\n\tfunc string\n}', ["2:2 API0102 'func' is a keyword and cannot be used as a name"]],
    ['keyword as a field type', 'type A {\n\tX chan\n}', ["2:4 API0102 'chan' is a keyword and cannot be used as a type"]],
    ['unknown annotation', 'service a {\n\t@get h\n\tget /a\n}', ["2:2 API0001 unknown annotation '@get': expected '@doc', '@handler' or '@server'", "2:2 API0101 expected '@doc', '@handler' or '}', got '@get'"]],
    ['illegal character', 'type A {\n\tX int $\n}', ['2:8 API0003 illegal character "$"', "2:8 API0101 expected a field name, an embedded type or '}', got '$'"]],
    ['unterminated block comment', 'type A {}\n/* never closed', ['2:1 API0002 unterminated block comment: expected "*/" before end of file']],
    ['unterminated raw string', 'type A {\n\tX int `json:"x"\n}', ['2:8 API0002 unterminated string: expected ` before end of file', "3:2 API0101 expected a field name, an embedded type or '}', got end of file"]],
    ['malformed duration', '@server (\n\ttimeout: 3s5\n)\nservice a {\n}', ['2:11 API0003 malformed duration "3s5"', "2:11 API0101 expected a value, got '3s5'"]],
    ['path parameter without a name', 'service a {\n\t@handler h\n\tget /a/:\n}', ["3:9 API0104 invalid path parameter ':': expected ':' followed by a name"]],
    ['path segment with a bad character', 'service a {\n\t@handler h\n\tget /a/b:c\n}', ["3:9 API0104 invalid path segment 'b:c': use letters, digits and '_', joined by '-' or '.'"]],
    ['request body of a map', 'service a {\n\t@handler h\n\tpost /a (map[string]int)\n}', ["3:14 API0101 expected ')', got '['"]],
    ['something after the response', 'service a {\n\t@handler h\n\tget /a returns (B) C\n}', ["3:21 API0101 expected '@doc', '@handler' or '}', got identifier 'C'"]],
    ['something after the path', 'service a {\n\t@handler h\n\tget /a B\n}', ["3:9 API0101 expected '(', 'returns', '@doc', '@handler' or '}', got identifier 'B'"]],
    // goctl glues the pieces into the path `/a/b` (docs/goctl-differences.md, route-path-blanks).
    ['white space inside a path', 'service a {\n\t@handler h\n\tget /a /b\n}', ["3:9 API0101 expected '(', 'returns', '@doc', '@handler' or '}' (a route path cannot contain white space), got '/'"]],
    ['something after the semicolon', 'service a {\n\t@handler h\n\tget /a; B\n}', ["3:10 API0101 expected '@doc', '@handler' or '}', got identifier 'B'"]],
    ['columns count code points, not UTF-16 units', 'syntax = "😀" x', ["1:14 API0101 expected 'syntax', 'info', 'import', 'type', 'service' or '@server', got identifier 'x'"]],
    ['a double slash in a path starts a comment', 'service a {\n\t@handler h\n\tget /a//b c\n}', []],
    ['CRLF line endings', 'type A {\r\n\tX int\r\n\tY\r\n', ["3:3 API0101 expected a field name, an embedded type or '}', got end of file"]],
  ];
  it.each(cases)('%s', (_name, source, want) => {
    expect(diagnostics(source)).toEqual(want);
  });

  it('reports the offset as UTF-16 units and the column as code points', () => {
    const [d] = parseApi('syntax = "😀" x', 'test.api').diagnostics;
    expect(d?.span.start).toEqual({ line: 1, column: 14, offset: 14 });
  });

  it('bounds type nesting with one diagnostic instead of overflowing the stack', () => {
    const source = `type A {\n\tX ${'[]'.repeat(10_000)}int\n}`;
    expect(diagnostics(source)).toEqual(['2:130 API0105 type nested more than 64 levels deep']);
  });
});

// ── recovery ──────────────────────────────────────────────────────────────────────────────────

describe('recovery', () => {
  it('reports two broken statements as two errors and keeps the good ones', () => {
    const source = ['syntax "v1"', '', 'type A {', '\tX int', '}', '', 'type B [', '', 'type C {}', ''].join('\n');
    const { ast, diagnostics: found } = parseApi(source, 'test.api');
    expect(found.map((d) => `${at(d)} ${d.code} ${d.message}`)).toEqual([
      "1:8 API0101 expected '=', got string \"v1\"",
      "9:1 API0101 expected ']', an array length or '...', got identifier 'type'",
    ]);
    // Both broken statements are dropped; the parse resumes at 'type' on the line after each.
    expect(ast.stmts.map((s) => (s.kind === 'TypeLiteralStmt' ? `type ${s.expr.name.token.text}` : s.kind))).toEqual(['type A', 'type C']);
  });

  it('resumes at the next top-level word that starts a line', () => {
    const source = ['type A {', '\tX [', '}', 'type B {}', 'service s {', '\tget /a', '}', 'type C {}'].join('\n');
    const { ast, diagnostics: found } = parseApi(source, 'test.api');
    expect(found.map((d) => `${at(d)} ${d.code}`)).toEqual(['3:1 API0101', '6:2 API0103']);
    expect(ast.stmts.map((s) => (s.kind === 'TypeLiteralStmt' ? `type ${s.expr.name.token.text}` : s.kind))).toEqual(['type B', 'type C']);
  });

  it('recovers from a broken @server block at the service that follows on a new line', () => {
    const source = ['@server (', '\tgroup', ')', 'service a {', '\t@handler h', '\tget /a', '}'].join('\n');
    const { ast, diagnostics: found } = parseApi(source, 'test.api');
    expect(found.map((d) => `${at(d)} ${d.code} ${d.message}`)).toEqual([
      "2:2 API0101 expected ')' or a key such as 'group:', got identifier 'group'",
    ]);
    expect(ast.stmts.map((s) => s.kind)).toEqual(['ServiceStmt']);
  });
});

// ── comments ──────────────────────────────────────────────────────────────────────────────────

describe('comments', () => {
  it('attach as head (lines before) and trailing (same line after) comments of tokens', () => {
    const source = ['// about A', '/* more */', 'type A { // open', '\t// about X', '\tX int `json:"x"` // x', '} // close', '// the end'].join('\n');
    const { ast } = parseApi(source, 'test.api');
    const [typeStmt, dangling] = ast.stmts;
    if (typeStmt?.kind !== 'TypeLiteralStmt' || typeStmt.expr.dataType.kind !== 'StructDataType') throw new Error('expected type A');
    const struct = typeStmt.expr.dataType;
    const x = struct.elems[0] as ElemExpr;
    expect({
      typeHead: comments(typeStmt.type.head),
      lbraceTrailing: comments(struct.lbrace.trailing),
      xHead: comments((x.names[0] as TokenNode).head),
      tagTrailing: comments(x.tag?.trailing ?? []),
      rbraceTrailing: comments(struct.rbrace.trailing),
      dangling: dangling?.kind === 'CommentStmt' ? dangling.comment.token.text : dangling?.kind,
      count: ast.stmts.length,
    }).toEqual({
      typeHead: ['// about A', '/* more */'],
      lbraceTrailing: ['// open'],
      xHead: ['// about X'],
      tagTrailing: ['// x'],
      rbraceTrailing: ['// close'],
      dangling: '// the end',
      count: 2,
    });
  });

  it('keeps a comment-only file as comment statements', () => {
    expect(stmts('// a\n/* b */\n').map((s) => (s.kind === 'CommentStmt' ? s.comment.token.text : s.kind))).toEqual(['// a', '/* b */']);
  });

  it('keeps comments inside @server and on routes', () => {
    const source = ['@server ( // server', '\tgroup: user // the group', ')', 'service a {', '\t// about h', '\t@handler h', '\tget /a // route', '}'].join('\n');
    const s = service(source);
    const group = s.atServer?.values[0] as KVExpr;
    const item = s.items[0] as ServiceItem;
    expect({
      lparen: comments(s.atServer?.lparen.trailing ?? []),
      groupValue: comments(group.value.trailing),
      handlerHead: comments(item.atHandler?.atHandler.head ?? []),
      path: comments(item.route.path.value.trailing),
    }).toEqual({ lparen: ['// server'], groupValue: ['// the group'], handlerHead: ['// about h'], path: ['// route'] });
  });

  it('strips the carriage return of a CRLF line comment', () => {
    expect(stmts('// a\r\n').map((s) => (s.kind === 'CommentStmt' ? s.comment.token.text : s.kind))).toEqual(['// a']);
  });
});

// ── types ─────────────────────────────────────────────────────────────────────────────────────

describe('types', () => {
  const cases: [source: string, want: string][] = [
    ['type A {}', '{}'],
    ['type A {\n\tX, Y int\n}', '{X, Y int}'],
    ['type A {\n\tX,Y,Z string `json:"x"`\n}', '{X, Y, Z string `json:"x"`}'],
    ['type A {\n\tX interface{}\n}', '{X interface{}}'],
    ['type A {\n\tX map[string]interface{}\n}', '{X map[string]interface{}}'],
    ['type A {\n\tX []*User\n}', '{X []*User}'],
    ['type A {\n\tX [2][]int\n}', '{X [2][]int}'],
    ['type A {\n\tX [...]int\n}', '{X [...]int}'],
    ['type A {\n\tX map[string][]map[int]*B\n}', '{X map[string][]map[int]*B}'],
    ['type A {\n\tX *int\n}', '{X *int}'],
    ['type A {\n\tX any\n}', '{X any!}'],
    ['type A {\n\tB\n\t*C\n\tD `json:"d"`\n}', '{B; *C; D `json:"d"`}'],
    ['type A {\n\tX {\n\t\tY int\n\t}\n}', '{X {Y int}}'],
    ['type A struct {\n\tX struct {\n\t\tY int\n\t}\n}', 'struct {X struct {Y int}}'],
    ['type A = {\n\tX int\n}', '{X int}'],
    ['type A int', 'int'],
    ['type 用户 {\n\t名字 string\n}', '{名字 string}'],
  ];
  it.each(cases)('%j', (source, want) => {
    expect(shape(typeExpr(source).dataType)).toBe(want);
  });

  it('keeps `=` and names in a type group', () => {
    const s = stmt('type (\n\tA = {}\n\tB {\n\t\tX int\n\t}\n)', 'TypeGroupStmt');
    expect(s.exprs.map((e) => [e.name.token.text, text(e.assign), shape(e.dataType)])).toEqual([
      ['A', '=', '{}'],
      ['B', undefined, '{X int}'],
    ]);
  });

  it('marks the legacy struct keyword with its position', () => {
    const struct = structOf('type A struct {\n\tX int\n}');
    expect([text(struct.structKeyword), at(struct.structKeyword as TokenNode), at(struct)]).toEqual(['struct', '1:8', '1:8']);
  });

  it('gives every field its span, names and tag', () => {
    const struct = structOf('type A {\n\tX, Y int `json:"x"`\n}');
    const e = struct.elems[0] as ElemExpr;
    expect({
      span: [at(e), `${e.span.end.line}:${e.span.end.column}`],
      names: e.names.map((n) => [n.token.text, at(n)]),
      type: at(e.dataType),
      tag: [text(e.tag), at(e.tag as TokenNode)],
    }).toEqual({ span: ['2:2', '2:21'], names: [['X', '2:2'], ['Y', '2:5']], type: '2:7', tag: ['`json:"x"`', '2:11'] });
  });
});

// ── statements ────────────────────────────────────────────────────────────────────────────────

describe('syntax, info and import', () => {
  it('parses syntax', () => {
    const s = stmt('syntax = "v1"', 'SyntaxStmt');
    expect([text(s.syntax), text(s.assign), text(s.value), at(s.value)]).toEqual(['syntax', '=', '"v1"', '1:10']);
  });

  it('parses info values of every kind', () => {
    const s = stmt('info (\n\ttitle: "T"\n\tdesc: `raw`\n\tenabled: true\n\tversion: 2\n\tauthor: jane doe\n)', 'InfoStmt');
    expect(s.values.map(kv)).toEqual([
      ['title', '"T"', 'string'],
      ['desc', '`raw`', 'rawString'],
      ['enabled', 'true', 'ident'],
      ['version', '2', 'bareText'],
      ['author', 'jane doe', 'bareText'],
    ]);
  });

  it('reads legacy bare info text to the end of the line', () => {
    const s = stmt('info(\n\ttitle: type title here\n\tversion: 1.0\n\tauthor: songmeizi\n)', 'InfoStmt');
    expect(s.values.map(kv)).toEqual([
      ['title', 'type title here', 'bareText'],
      ['version', '1.0', 'bareText'],
      ['author', 'songmeizi', 'ident'],
    ]);
  });

  it('stops bare info text at the closing parenthesis on the same line', () => {
    const s = stmt('info(title: my api)', 'InfoStmt');
    expect(s.values.map(kv)).toEqual([['title', 'my api', 'bareText']]);
  });

  it('parses single and grouped imports', () => {
    const [single, group] = stmts('import "a.api"\nimport (\n\t"b.api"\n\t"c/d.api"\n)');
    expect([
      single?.kind === 'ImportLiteralStmt' ? text(single.value) : single?.kind,
      group?.kind === 'ImportGroupStmt' ? group.values.map((v) => v.token.text) : group?.kind,
    ]).toEqual(['"a.api"', ['"b.api"', '"c/d.api"']]);
  });
});

describe('services', () => {
  it('parses every @server value kind', () => {
    const source = [
      '@server (',
      '\tjwt: Auth',
      '\tgroup: user',
      '\tprefix: /v1/api',
      '\tprefix2: v1',
      '\tmiddleware: Log, Check',
      '\ttimeout: 3s',
      '\ttimeout2: 1h30m10µs',
      '\tmaxBytes: 1048576',
      '\tsummary: "a summary"',
      '\tunknownKey: some-value',
      ')',
      'service user-api {',
      '\t@handler h',
      '\tget /a',
      '}',
    ].join('\n');
    const s = service(source);
    expect(s.atServer?.values.map(kv)).toEqual([
      ['jwt', 'Auth', 'ident'],
      ['group', 'user', 'ident'],
      ['prefix', '/v1/api', 'path'],
      ['prefix2', 'v1', 'ident'],
      ['middleware', 'Log,Check', 'list'],
      ['timeout', '3s', 'duration'],
      ['timeout2', '1h30m10µs', 'duration'],
      ['maxBytes', '1048576', 'int'],
      ['summary', '"a summary"', 'string'],
      ['unknownKey', 'some-value', 'path'],
    ]);
    expect([text(s.name), at(s.name)]).toEqual(['user-api', '13:9']);
  });

  it('parses routes with and without request, response and semicolon', () => {
    const source = [
      'service a {',
      '\t@doc "plain"',
      '\t@handler one',
      '\tget /a',
      '\t@handler two',
      '\tpost /b (Req)',
      '\t@handler three',
      '\tget /c returns (Resp)',
      '\t@handler four',
      '\tput /d (*Req) returns ([]*Resp);',
      '\t@doc (',
      '\t\tsummary: "s"',
      '\t)',
      '\t@handler five',
      '\tdelete /e () returns ()',
      '}',
    ].join('\n');
    const body = (b: ServiceItem['route']['request']): string | undefined =>
      b && `(${b.body ? `${b.body.lbrack ? '[]' : ''}${b.body.star ? '*' : ''}${b.body.value.token.text}` : ''})`;
    expect(
      service(source).items.map((item) => [
        item.atDoc?.kind,
        text(item.atHandler?.name),
        text(item.route.method),
        text(item.route.path.value),
        body(item.route.request),
        text(item.route.returns),
        body(item.route.response),
        text(item.route.semicolon),
      ]),
    ).toEqual([
      ['AtDocLiteralStmt', 'one', 'get', '/a', undefined, undefined, undefined, undefined],
      [undefined, 'two', 'post', '/b', '(Req)', undefined, undefined, undefined],
      [undefined, 'three', 'get', '/c', undefined, 'returns', '(Resp)', undefined],
      [undefined, 'four', 'put', '/d', '(*Req)', 'returns', '([]*Resp)', ';'],
      ['AtDocGroupStmt', 'five', 'delete', '/e', '()', 'returns', '()', undefined],
    ]);
  });

  it('splits a path into literal and parameter segments with their columns', () => {
    const route = (service('service a {\n\t@handler h\n\tget /users/:id/detail.json/v-2\n}').items[0] as ServiceItem).route;
    expect(route.path.segments.map((s) => [s.text, s.param, at(s)])).toEqual([
      ['users', false, '3:7'],
      ['id', true, '3:13'],
      ['detail.json', false, '3:17'],
      ['v-2', false, '3:29'],
    ]);
    expect([text(route.path.value), at(route.path)]).toEqual(['/users/:id/detail.json/v-2', '3:6']);
  });

  it('parses the root path and a trailing slash', () => {
    const items = service('service a {\n\t@handler r\n\tget /\n\t@handler t\n\tget /a/\n}').items;
    expect(items.map((i) => [text(i.route.path.value), i.route.path.segments.map((s) => s.text)])).toEqual([
      ['/', []],
      ['/a/', ['a']],
    ]);
  });

  it('ends a path at whitespace', () => {
    const route = (service('service a {\n\t@handler h\n\tget /a (Req)\n}').items[0] as ServiceItem).route;
    expect([text(route.path.value), route.request?.body?.value.token.text]).toEqual(['/a', 'Req']);
  });

  it('parses the legacy @server(handler: X) route annotation', () => {
    const source = ['service a {', '\t@doc("legacy doc")', '\t@server(', '\t\thandler: getUser', '\t\tfolder: x', '\t)', '\tget /users (Req)', '}'].join('\n');
    const item = service(source).items[0] as ServiceItem;
    expect({
      atHandler: item.atHandler,
      legacy: item.legacyAtServer?.values.map(kv),
      doc: item.atDoc?.kind === 'AtDocLiteralStmt' ? [text(item.atDoc.lparen), text(item.atDoc.value), text(item.atDoc.rparen)] : item.atDoc?.kind,
      span: at(item),
    }).toEqual({
      atHandler: undefined,
      legacy: [
        ['handler', 'getUser', 'ident'],
        ['folder', 'x', 'ident'],
      ],
      doc: ['(', '"legacy doc"', ')'],
      span: '2:2',
    });
  });

  it('parses legacy unquoted @doc group values as bare text', () => {
    const item = service('service a {\n\t@doc(\n\t\tsummary: get a user\n\t)\n\t@handler h\n\tget /a\n}').items[0] as ServiceItem;
    expect(item.atDoc?.kind === 'AtDocGroupStmt' ? item.atDoc.values.map(kv) : item.atDoc?.kind).toEqual([['summary', 'get a user', 'bareText']]);
  });

  it('parses an @server block with no keys and a service with no routes', () => {
    const s = service('@server()\nservice a {\n}');
    expect([s.atServer?.values, s.items, at(s)]).toEqual([[], [], '1:1']);
  });
});
