/**
 * Template rendering (src/gen/render.ts), name helpers (src/gen/names.ts) and output formatting
 * (src/gen/format-ts.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/diagnostics.js';
import { formatOutput, formatTypeScript, normalizeText } from '../../src/gen/format-ts.js';
import { camelCase, kebabCase, pascalCase, snakeCase, splitWords, upperSnakeCase } from '../../src/gen/names.js';
import { BUILTIN_TEMPLATES_DIR, createRenderEnv, renderTemplate, type RenderEnv } from '../../src/gen/render.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let dir = '';
let builtinDir = '';
let home = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tsctl-render-'));
  builtinDir = path.join(dir, 'builtin');
  home = path.join(dir, 'home');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `files` (name → text) under `root`. */
function writeTemplates(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
}

/** Renders one built-in template `t/<name>` with `view`. */
function render(name: string, source: string, view: object): string {
  writeTemplates(builtinDir, { [`t/${name}`]: source });
  return renderTemplate(createRenderEnv({ builtinDir }), `t/${name}`, view);
}

describe('names', () => {
  const cases: [string, { words: string[]; camel: string; pascal: string; kebab: string; snake: string; upper: string }][] = [
    ['getUserInfo', { words: ['get', 'User', 'Info'], camel: 'getUserInfo', pascal: 'GetUserInfo', kebab: 'get-user-info', snake: 'get_user_info', upper: 'GET_USER_INFO' }],
    ['get_user-info', { words: ['get', 'user', 'info'], camel: 'getUserInfo', pascal: 'GetUserInfo', kebab: 'get-user-info', snake: 'get_user_info', upper: 'GET_USER_INFO' }],
    ['HTTPServer', { words: ['HTTP', 'Server'], camel: 'httpServer', pascal: 'HttpServer', kebab: 'http-server', snake: 'http_server', upper: 'HTTP_SERVER' }],
    ['userID', { words: ['user', 'ID'], camel: 'userId', pascal: 'UserId', kebab: 'user-id', snake: 'user_id', upper: 'USER_ID' }],
    ['OrderV2Item', { words: ['Order', 'V2', 'Item'], camel: 'orderV2Item', pascal: 'OrderV2Item', kebab: 'order-v2-item', snake: 'order_v2_item', upper: 'ORDER_V2_ITEM' }],
    ['md5Sum', { words: ['md5', 'Sum'], camel: 'md5Sum', pascal: 'Md5Sum', kebab: 'md5-sum', snake: 'md5_sum', upper: 'MD5_SUM' }],
    ['user.v1 api', { words: ['user', 'v1', 'api'], camel: 'userV1Api', pascal: 'UserV1Api', kebab: 'user-v1-api', snake: 'user_v1_api', upper: 'USER_V1_API' }],
    ['STATUS_PAID', { words: ['STATUS', 'PAID'], camel: 'statusPaid', pascal: 'StatusPaid', kebab: 'status-paid', snake: 'status_paid', upper: 'STATUS_PAID' }],
    ['__x__', { words: ['x'], camel: 'x', pascal: 'X', kebab: 'x', snake: 'x', upper: 'X' }],
    ['', { words: [], camel: '', pascal: '', kebab: '', snake: '', upper: '' }],
  ];
  it.each(cases)('%j', (name, want) => {
    expect(splitWords(name)).toEqual(want.words);
    expect(camelCase(name)).toBe(want.camel);
    expect(pascalCase(name)).toBe(want.pascal);
    expect(kebabCase(name)).toBe(want.kebab);
    expect(snakeCase(name)).toBe(want.snake);
    expect(upperSnakeCase(name)).toBe(want.upper);
  });
});

describe('formatting', () => {
  const normalize: [string, { given: string; want: string }][] = [
    ['adds a final newline', { given: 'a', want: 'a\n' }],
    ['keeps exactly one final newline', { given: 'a\n\n\n', want: 'a\n' }],
    ['converts CRLF and CR', { given: 'a\r\nb\rc\r\n', want: 'a\nb\nc\n' }],
    ['strips trailing whitespace', { given: 'a  \nb\t\n  \nc', want: 'a\nb\n\nc\n' }],
    ['drops leading blank lines', { given: '\n  \na\n', want: 'a\n' }],
    ['keeps runs of blank lines inside', { given: 'a\n\n\nb\n', want: 'a\n\n\nb\n' }],
    ['makes all-blank text empty', { given: ' \n\n', want: '' }],
  ];
  it.each(normalize)('normalizeText %s', (_, { given, want }) => {
    expect(normalizeText(given)).toBe(want);
  });

  const typescript: [string, { given: string; want: string }][] = [
    ['collapses blank-line runs', { given: 'a;\n\n\n\nb;\n', want: 'a;\n\nb;\n' }],
    ['drops blank lines after an opening bracket', { given: 'f({\n\n  a,\n});\n', want: 'f({\n  a,\n});\n' }],
    ['drops blank lines before a closing bracket', { given: 'class A {\n  a = 1;\n\n\n}\n', want: 'class A {\n  a = 1;\n}\n' }],
    ['keeps single blank lines between members', { given: 'class A {\n  a = 1;\n\n  b = 2;\n}\n', want: 'class A {\n  a = 1;\n\n  b = 2;\n}\n' }],
    ['is idempotent', { given: 'a;\n\nb;\n', want: 'a;\n\nb;\n' }],
  ];
  it.each(typescript)('formatTypeScript %s', (_, { given, want }) => {
    expect(formatTypeScript(given)).toBe(want);
  });

  it('formatOutput picks the formatter by file type', () => {
    expect(formatOutput('src/a.ts', 'a\n\n\nb')).toBe('a\n\nb\n');
    expect(formatOutput('README.md', 'a\n\n\nb')).toBe('a\n\n\nb\n');
    expect(formatOutput('v1.0/Dockerfile', 'a\n\n\nb')).toBe('a\n\n\nb\n');
  });
});

describe('renderTemplate', () => {
  it('renders a view without escaping and normalises the output', () => {
    const source = "export const {{camelCase name}} = {{json path}};  \r\n\r\n\r\n\r\nexport type T = A<B> & C;\r\n\r\n";
    expect(render('a.ts.hbs', source, { name: 'get-user', path: '/users/:id "x"' })).toBe(
      'export const getUser = "/users/:id \\"x\\"";\n\nexport type T = A<B> & C;\n',
    );
  });

  const helpers: [string, { source: string; view: object; want: string }][] = [
    ['camelCase', { source: '{{camelCase n}}', view: { n: 'get_user' }, want: 'getUser\n' }],
    ['pascalCase', { source: '{{pascalCase n}}', view: { n: 'get_user' }, want: 'GetUser\n' }],
    ['kebabCase', { source: '{{kebabCase n}}', view: { n: 'GetUser' }, want: 'get-user\n' }],
    ['snakeCase', { source: '{{snakeCase n}}', view: { n: 'GetUser' }, want: 'get_user\n' }],
    ['upperSnakeCase', { source: '{{upperSnakeCase n}}', view: { n: 'GetUser' }, want: 'GET_USER\n' }],
    ['json', { source: '{{json n}}', view: { n: "it's \"q\"\n" }, want: '"it\'s \\"q\\"\\n"\n' }],
    ['quote', { source: '{{quote n}}', view: { n: "it's \"q\"" }, want: "'it\\'s \"q\"'\n" }],
    ['propertyKey', { source: '{ {{propertyKey a}}: 1, {{propertyKey b}}: 2 }', view: { a: 'id', b: 'x-id' }, want: "{ id: 1, 'x-id': 2 }\n" }],
    ['member', { source: 'req{{member a}} req{{member b}}', view: { a: 'id', b: 'x-id' }, want: "req.id req['x-id']\n" }],
    ['json of a number, null and a list', { source: '{{json a}} {{json b}} {{json c}}', view: { a: 1.5, b: null, c: [1, 'x'] }, want: '1.5 null [1,"x"]\n' }],
    ['json pretty-printed and indented', { source: 'const x = {\n  y: {{json v 2}},\n};', view: { v: { a: [1], b: 'q' } }, want: 'const x = {\n  y: {\n    "a": [\n      1\n    ],\n    "b": "q"\n  },\n};\n' }],
    ['indent', { source: 'x\n{{indent 2 body}}\ny', view: { body: 'a\n\nb' }, want: 'x\n  a\n\n  b\ny\n' }],
    ['indent as a block', { source: '{\n{{#indent 4}}\n{{a}};\n\n{{b}};\n{{/indent}}\n}', view: { a: 'one', b: 'two' }, want: '{\n    one;\n\n    two;\n}\n' }],
    ['each and if', { source: '{{#each items}}{{#if on}}{{name}} {{/if}}{{/each}}', view: { items: [{ on: true, name: 'a' }, { on: false, name: 'b' }, { on: null, name: 'c' }] }, want: 'a\n' }],
  ];
  it.each(helpers)('helper %s', (_, { source, view, want }) => {
    expect(render('a.txt.hbs', source, view)).toBe(want);
  });

  const strictness: [string, { source: string; view: object; want: string }][] = [
    ['a missing field', { source: 'x {{name}}', view: {}, want: '"name" not defined in [object Object] - 1:4' }],
    ['a missing nested field', { source: '{{user.name}}', view: { user: {} }, want: '"name" not defined in [object Object] - 1:2' }],
    ['a missing field in #if', { source: '{{#if stream}}s{{/if}}', view: {}, want: '{{if}} "stream" is undefined (use null or false for an absent value) - 1:0' }],
    ['a missing field in #unless', { source: '{{#unless stream}}s{{/unless}}', view: {}, want: '{{unless}} "stream" is undefined (use null or false for an absent value) - 1:0' }],
    ['a missing field in #each', { source: '{{#each methods}}m{{/each}}', view: {}, want: '{{each}} "methods" is undefined (use null or false for an absent value) - 1:0' }],
    ['a json width that is not a number', { source: '{{json a "x"}}', view: { a: 1 }, want: '{{json}} expects a non-negative integer width - 1:0' }],
    ['a missing helper argument', { source: '\n  {{camelCase nmae}}', view: { name: 'x' }, want: '{{camelCase}} "nmae" is undefined (use null or false for an absent value) - 2:2' }],
    ['a non-string helper argument', { source: '{{pascalCase n}}', view: { n: 3 }, want: '{{pascalCase}} expects a string, got number - 1:0' }],
    ['a wrong argument count', { source: '{{camelCase a b}}', view: { a: 'x', b: 'y' }, want: '{{camelCase}} expects 1 argument, got 2 - 1:0' }],
    ['an unknown helper', { source: '{{camelcase name}}', view: { name: 'x' }, want: 'You specified knownHelpersOnly, but used the unknown helper camelcase - 1:0' }],
    ['the removed lookup helper', { source: '{{lookup a "b"}}', view: { a: { b: 1 } }, want: 'You specified knownHelpersOnly, but used the unknown helper lookup - 1:0' }],
    ['the removed log helper', { source: '{{log a}}', view: { a: 1 }, want: 'You specified knownHelpersOnly, but used the unknown helper log - 1:0' }],
    ['a bad indent width', { source: '{{indent w s}}', view: { w: '2', s: 'x' }, want: '{{indent}} expects a non-negative integer width - 1:0' }],
  ];
  it.each(strictness)('throws for %s', (_, { source, view, want }) => {
    const file = path.join(builtinDir, 't/a.txt.hbs');
    expect(() => render('a.txt.hbs', source, view)).toThrow(new Error(`template ${file}: ${want}`));
  });

  it('throws an internal error (not a UserError) for a broken built-in template', () => {
    let caught: unknown;
    try {
      render('a.txt.hbs', '{{name}', {});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    expect(caught).not.toBeInstanceOf(UserError);
    expect((caught as Error).message).toMatch(/^template .*a\.txt\.hbs: Parse error on line 1:/);
  });

  it('refuses a template name that is not a relative posix .hbs path', () => {
    const env = createRenderEnv({ builtinDir });
    for (const name of ['rpc/main.ts', '/rpc/main.ts.hbs', '../x.hbs', 'rpc\\main.ts.hbs', 'rpc//main.ts.hbs']) {
      expect(() => renderTemplate(env, name, {})).toThrow(new Error(`invalid template name '${name}': expected a relative posix path ending in .hbs`));
    }
  });

  it('names the places it looked for a missing template', () => {
    const env = createRenderEnv({ builtinDir, home });
    expect(() => renderTemplate(env, 'rpc/nope.ts.hbs', {})).toThrow(
      new Error(`template 'rpc/nope.ts.hbs' not found (looked in ${path.join(home, 'rpc/nope.ts.hbs')}, ${path.join(builtinDir, 'rpc/nope.ts.hbs')})`),
    );
  });

  it('includes partials by path, indented where they stand, overridable and strict', () => {
    writeTemplates(builtinDir, {
      'rpc/server.ts.hbs': 'export class {{pascalCase name}} {\n{{#each methods}}\n  {{> rpc/method.ts}}\n{{/each}}\n}\n',
      'rpc/method.ts.hbs': 'async {{camelCase name}}() {\n  return {{> shared/value}};\n}\n',
      'shared/value.hbs': 'null',
    });
    const view = { name: 'user-service', methods: [{ name: 'get_user' }, { name: 'list_users' }] };
    expect(renderTemplate(createRenderEnv({ builtinDir }), 'rpc/server.ts.hbs', view)).toBe(
      'export class UserService {\n  async getUser() {\n    return null;\n  }\n  async listUsers() {\n    return null;\n  }\n}\n',
    );
    writeTemplates(home, { 'shared/value.hbs': 'undefined' });
    expect(renderTemplate(createRenderEnv({ builtinDir, home }), 'rpc/server.ts.hbs', view)).toBe(
      'export class UserService {\n  async getUser() {\n    return undefined;\n  }\n  async listUsers() {\n    return undefined;\n  }\n}\n',
    );
    writeTemplates(home, { 'shared/value.hbs': '{{missing}}' });
    expect(() => renderTemplate(createRenderEnv({ builtinDir, home }), 'rpc/server.ts.hbs', view)).toThrow(
      new UserError(`template ${path.join(home, 'shared/value.hbs')}: "missing" not defined in [object Object] - 1:2`),
    );
  });

  it('refuses dynamic partials', () => {
    expect(() => render('a.txt.hbs', '{{> (name)}}', { name: 'x' })).toThrow(
      /dynamic partials \(\{\{> \(expression\)\}\}\) are not supported: name the partial template$/,
    );
  });

  it('supports a recursive partial', () => {
    writeTemplates(builtinDir, {
      't/tree.txt.hbs': '{{name}}\n{{#each children}}\n  {{> t/tree.txt}}\n{{/each}}\n',
    });
    const view = { name: 'a', children: [{ name: 'b', children: [{ name: 'c', children: [] }] }, { name: 'd', children: [] }] };
    expect(renderTemplate(createRenderEnv({ builtinDir }), 't/tree.txt.hbs', view)).toBe('a\n  b\n    c\n  d\n');
  });
});

describe('template directories', () => {
  it('prefers a template in the home directory and falls back to the built-in one', () => {
    writeTemplates(builtinDir, { 'rpc/main.ts.hbs': 'builtin {{name}}\n', 'rpc/config.ts.hbs': 'builtin config\n' });
    writeTemplates(home, { 'rpc/main.ts.hbs': 'mine {{name}}\n', 'api/main.ts.hbs': 'unrelated\n' });
    const env = createRenderEnv({ builtinDir, home });
    expect(renderTemplate(env, 'rpc/main.ts.hbs', { name: 'x' })).toBe('mine x\n');
    expect(renderTemplate(env, 'rpc/config.ts.hbs', {})).toBe('builtin config\n');
    expect(renderTemplate(createRenderEnv({ builtinDir }), 'rpc/main.ts.hbs', { name: 'x' })).toBe('builtin x\n');
  });

  it('reports a broken user template as a UserError naming the file', () => {
    writeTemplates(builtinDir, { 'rpc/main.ts.hbs': '{{name}}\n' });
    writeTemplates(home, { 'rpc/main.ts.hbs': '{{#if name}}\n' });
    const env = createRenderEnv({ builtinDir, home });
    let caught: unknown;
    try {
      renderTemplate(env, 'rpc/main.ts.hbs', { name: 'x' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as Error).message).toMatch(new RegExp(`^template ${escape(path.join(home, 'rpc/main.ts.hbs'))}: Parse error on line 2:`));
  });

  it('reports a partial missing for a user template as a UserError', () => {
    writeTemplates(home, { 'rpc/main.ts.hbs': '{{> rpc/nope}}\n' });
    const env = createRenderEnv({ builtinDir, home });
    expect(() => renderTemplate(env, 'rpc/main.ts.hbs', {})).toThrow(UserError);
  });

  it('compiles each template once per environment', () => {
    writeTemplates(builtinDir, { 'rpc/main.ts.hbs': 'one\n' });
    const env: RenderEnv = createRenderEnv({ builtinDir });
    expect(renderTemplate(env, 'rpc/main.ts.hbs', {})).toBe('one\n');
    writeTemplates(builtinDir, { 'rpc/main.ts.hbs': 'two\n' });
    expect(renderTemplate(env, 'rpc/main.ts.hbs', {})).toBe('one\n');
    expect(renderTemplate(createRenderEnv({ builtinDir }), 'rpc/main.ts.hbs', {})).toBe('two\n');
  });

  it('renders the same bytes for the same view', () => {
    writeTemplates(builtinDir, { 'rpc/main.ts.hbs': '{{#each names}}\nexport const {{camelCase this}} = {{json this}};\n{{/each}}\n' });
    const view = { names: ['a_b', 'c-d', 'EF'] };
    const first = renderTemplate(createRenderEnv({ builtinDir }), 'rpc/main.ts.hbs', view);
    const second = renderTemplate(createRenderEnv({ builtinDir }), 'rpc/main.ts.hbs', view);
    expect(first).toBe('export const aB = "a_b";\nexport const cD = "c-d";\nexport const ef = "EF";\n');
    expect(second).toBe(first);
  });

  it('finds the built-in templates next to src/ (vitest) and dist/ (after the build)', async () => {
    const want = path.join(repoRoot, 'templates') + path.sep;
    expect(BUILTIN_TEMPLATES_DIR).toBe(want);
    const built = path.join(repoRoot, 'dist/gen/render.js');
    if (!existsSync(built)) throw new Error('dist/gen/render.js is missing: run `npm run build` first (`npm test` does)');
    const dist = (await import(built)) as { BUILTIN_TEMPLATES_DIR: string };
    expect(dist.BUILTIN_TEMPLATES_DIR).toBe(want);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
