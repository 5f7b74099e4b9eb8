/**
 * The `.api` lint rules: per rule a table of cases asserting message, line, column and the fixed
 * output; --fix is stable (a second run changes nothing); fixes never change the IR of a valid file;
 * every valid corpus .api is linted without a crash.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFile } from '../../src/lint/engine.js';
import { loadApi } from '../../src/parse/api/index.js';
import { apiRows, corpusPath, readCorpusFile } from '../helpers/corpus.js';

const FILE = '/mem/main.api';

function lint(source: string, rule: string, options: Record<string, unknown> = {}, fix = false) {
  const all = ['api/format', 'api/legacy-grammar', 'api/type-name-pascal', 'api/handler-name-camel', 'api/json-tag-case', 'api/route-doc', 'api/path-param-field', 'api/no-unused-types', 'api/prefix-style'];
  const rules = Object.fromEntries(all.map((id) => [id, id === rule ? 'warning' : 'off'] as const));
  return lintFile(FILE, { toolVersion: '0', fix, rules, ruleOptions: { [rule]: options }, readFile: (f) => (f === FILE ? source : '') });
}

function brief(source: string, rule: string, options: Record<string, unknown> = {}): string[] {
  return lint(source, rule, options).result.messages.map((m) => `${m.line}:${m.column} ${m.message}`);
}

const CASES: [rule: string, source: string, messages: string[], fixed: string | null][] = [
  ['api/format', 'type A {\n  X int `json:"x"`\n}\n', ['2:1 not formatted: run tsctl api format --write (or lint --fix)'], 'type A {\n\tX int `json:"x"`\n}\n'],
  ['api/format', 'type A {\n\tX int `json:"x"`\n}\n', [], null],
  ['api/format', 'type A {\n\tX  int `json:"x"`\n}\n', ['2:3 not formatted: run tsctl api format --write (or lint --fix)'], 'type A {\n\tX int `json:"x"`\n}\n'],
  [
    'api/legacy-grammar',
    'type A struct {\n\tX int `json:"x"`\n}\n',
    ["1:8 legacy grammar: drop the 'struct' keyword ('type X {…}')"],
    'type A {\n\tX int `json:"x"`\n}\n',
  ],
  ['api/type-name-pascal', 'type userInfo {\n\tX int `json:"x"`\n}\n', ["1:6 type 'userInfo' is not PascalCase"], null],
  [
    'api/handler-name-camel',
    'service s {\n\t@doc "x"\n\t@handler GetUser\n\tget /a\n}\n',
    ["3:11 handler 'GetUser' is not lowerCamelCase (getUser)"],
    null,
  ],
  ['api/json-tag-case', 'type A {\n\tX int `json:"user_id"`\n\tY int `json:"userId"`\n}\n', ["2:8 json name 'user_id' is not camel case"], null],
  ['api/route-doc', 'service s {\n\t@handler h\n\tget /a\n\t@doc "b"\n\t@handler g\n\tget /b\n}\n', ['2:2 route get /a has no @doc'], null],
  [
    'api/path-param-field',
    'type R {\n\tId int `path:"id"`\n\tX int `path:"x"`\n}\nservice s {\n\t@handler h\n\tget /a/:id/:name (R)\n}\n',
    ["6:2 path parameter ':name' has no path:\"name\" field in R", '6:2 R has a path:"x" field but route /a/:id/:name has no \':x\''],
    null,
  ],
  [
    'api/no-unused-types',
    'type Used {\n\tX int `json:"x"`\n}\ntype Inner {\n\tY int `json:"y"`\n}\ntype Outer {\n\tI Inner `json:"i"`\n}\ntype Lonely {\n\tZ int `json:"z"`\n}\nservice s {\n\t@handler h\n\tpost /a (Used) returns (Outer)\n}\n',
    ["10:6 type 'Lonely' is not used by any route"],
    null,
  ],
  [
    'api/prefix-style',
    '@server (\n\tprefix: v1/\n\tgroup:  Admin\n)\nservice s {\n\t@handler h\n\tget /a\n}\n',
    ["2:10 prefix 'v1/' should be written '/v1'", "3:10 group 'Admin' should be lower case (it names a folder)"],
    null,
  ],
];

describe('.api rules', () => {
  it.each(CASES)('%s: %j', (rule, source, messages, fixed) => {
    expect(brief(source, rule)).toEqual(messages);
    const run = lint(source, rule, {}, true);
    expect(run.fixed ?? null).toEqual(fixed);
  });

  it('json-tag-case takes the case as an option', () => {
    expect(brief('type A {\n\tX int `json:"user_id"`\n\tY int `json:"userId"`\n}\n', 'api/json-tag-case', { case: 'snake' })).toEqual(["3:8 json name 'userId' is not snake case"]);
  });

  it('reports the contract errors themselves as api/valid, and runs no rule on a file that does not parse', () => {
    const { result } = lintFile(FILE, { toolVersion: '0', readFile: () => 'type A {\n\tX Missing\n}\n' });
    // The IR needs a valid graph, so rules that read it (no-unused-types …) stay silent here.
    expect(result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.severity} ${m.message}`)).toEqual([
      "2:4 api/valid error unknown type 'Missing' [API0207]",
    ]);
    const broken = lintFile(FILE, { toolVersion: '0', readFile: () => 'type A {\n' });
    expect(broken.result.messages.map((m) => m.ruleId)).toEqual(['api/valid']);
  });
});

describe('--fix on the corpus', () => {
  const rows = [...apiRows('valid'), ...apiRows('valid-legacy')];

  it.each(rows.map((r) => [r.path]))('%s: lints, fixes stably, keeps the IR', (relative) => {
    const file = corpusPath(relative);
    const source = readCorpusFile(relative);
    const readFile = (f: string): string => (f === file ? source : readCorpusFile(path.relative(corpusPath(''), f)));
    const first = lintFile(file, { toolVersion: '0', fix: true, readFile });
    if (first.fixed === undefined) return;
    const second = lintFile(file, { toolVersion: '0', fix: true, readFile: (f) => (f === file ? (first.fixed as string) : readFile(f)) });
    expect(second.fixed).toBeUndefined();
    const strip = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'source' ? undefined : v)));
    const load = (text: string) =>
      loadApi(file, {
        readFile: (f) => {
          if (f === path.resolve(file)) return text;
          try {
            return readFile(f);
          } catch {
            return f.endsWith('.api') ? '// not in the corpus\n' : undefined;
          }
        },
      }).document;
    expect(strip(load(first.fixed))).toEqual(strip(load(source)));
  });
});

describe('inline disable comments', () => {
  const source = [
    'type userInfo { // tsctl-disable-line api/type-name-pascal',
    '\tX int `json:"x"`',
    '}',
    'service s {',
    '\t// tsctl-disable-next-line api/route-doc',
    '\t@handler a',
    '\tget /a (userInfo)',
    '\t@handler b',
    '\tget /b',
    '}',
    '',
  ].join('\n');
  const run = (text: string): string[] =>
    lintFile(FILE, { toolVersion: '0', rules: { 'api/format': 'off' }, readFile: () => text }).result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);

  it('silences the named rules on the next line or the same line only', () => {
    expect(run(source)).toEqual(['8:2 api/route-doc']);
    // A route is reported where it starts (its @handler line): a comment below that does not cover it.
    expect(run(source.replace('\t// tsctl-disable-next-line api/route-doc\n\t@handler a\n\tget /a', '\t@handler a\n\t// tsctl-disable-next-line api/route-doc\n\tget /a'))).toEqual([
      '5:2 api/route-doc',
      '8:2 api/route-doc',
    ]);
  });

  it('silences a whole file, every rule when no id is given, but never a contract error', () => {
    expect(run(`// tsctl-disable-file api/route-doc\n${source}`)).toEqual([]);
    expect(run(`// tsctl-disable-file\ntype A {\n\tX Missing\n}\n`)).toEqual(['3:4 api/valid']);
  });
});
