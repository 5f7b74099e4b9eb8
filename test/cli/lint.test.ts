/**
 * `tsctl lint` as a process, the way pre-commit hooks and CI run it: exit codes, --fix (stable, and
 * the second run finds nothing to fix), reports written beside the terminal output (the GitLab one
 * validated against the Code Quality format, the SARIF one against SARIF 2.1.0's structure), and the
 * shipped .pre-commit-hooks.yaml and GitLab CI template run as written.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath } from '../helpers/corpus.js';
import { assertBuilt, repoRoot, tsctl } from './run-cli.js';

beforeAll(assertBuilt);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-lint-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const CLEAN = '@server (\n\tprefix: /v1\n)\nservice s {\n\t@doc "Ping"\n\t@handler ping\n\tget /ping\n}\n';
const LEGACY = corpusPath('zero-examples/rpc/tls/shorturl/api/shorturl.api');

function schema(name: string): object {
  return JSON.parse(readFileSync(path.join(repoRoot, 'fixtures/lint/schemas', name), 'utf8')) as object;
}

describe('tsctl lint', () => {
  it('exits 0 on a clean file, 1 on findings, 2 on usage errors', () => {
    writeFileSync(path.join(tmp, 'clean.api'), CLEAN);
    expect(tsctl(['lint', 'clean.api'], { cwd: tmp })).toEqual({ status: 0, stdout: '', stderr: '' });
    writeFileSync(path.join(tmp, 'nodoc.api'), CLEAN.replace('\t@doc "Ping"\n', ''));
    const findings = tsctl(['lint', 'nodoc.api'], { cwd: tmp });
    expect(findings.status).toBe(1);
    expect(findings.stdout).toMatch(/^nodoc\.api\n {2}5:2 {2}warning {2}route get \/ping has no @doc {2}api\/route-doc\n/);
    expect(tsctl(['lint', 'nodoc.api', '--max-warnings', '1'], { cwd: tmp }).status).toBe(0);
    expect(tsctl(['lint', 'nodoc.api', '--rule', 'api/route-doc=off'], { cwd: tmp }).status).toBe(0);
    expect(tsctl(['lint', 'nodoc.api', '--rule', 'api/nope=off'], { cwd: tmp }).status).toBe(2);
    expect(tsctl(['lint', 'nodoc.api', '--format', 'xml'], { cwd: tmp }).status).toBe(2);
    expect(tsctl(['lint', 'missing.api'], { cwd: tmp }).status).toBe(1);
    writeFileSync(path.join(tmp, 'broken.api'), 'type A {\n');
    const broken = tsctl(['lint', 'broken.api'], { cwd: tmp });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/ {2}error {2}expected a field name, an embedded type or '}', got end of file \[API0101\] {2}api\/valid/);
  });

  it('reads rule levels from tsctl.config.json', () => {
    const dir = mkdtempSync(path.join(tmp, 'config-'));
    writeFileSync(path.join(dir, 'nodoc.api'), CLEAN.replace('\t@doc "Ping"\n', ''));
    writeFileSync(path.join(dir, 'tsctl.config.json'), JSON.stringify({ lint: { rules: { 'api/route-doc': 'off' } } }));
    expect(tsctl(['lint', 'nodoc.api'], { cwd: dir }).status).toBe(0);
  });

  it('--fix rewrites a messy legacy file to canonical current grammar, and a second run changes nothing', () => {
    const file = path.join(tmp, 'shorturl.api');
    copyFileSync(LEGACY, file);
    const first = tsctl(['lint', '--fix', '--rule', 'api/type-name-pascal=off', '--rule', 'api/handler-name-camel=off', '--rule', 'api/route-doc=off', 'shorturl.api'], { cwd: tmp });
    expect(first).toEqual({ status: 0, stdout: '', stderr: '' });
    const fixed = readFileSync(file, 'utf8');
    expect(fixed).not.toMatch(/struct|@server\(/);
    expect(tsctl(['api', 'format', '--check', 'shorturl.api'], { cwd: tmp }).status).toBe(0);
    expect(tsctl(['lint', '--fix', 'shorturl.api', '--rule', 'api/type-name-pascal=off', '--rule', 'api/handler-name-camel=off', '--rule', 'api/route-doc=off'], { cwd: tmp }).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(fixed);
  });

  it('writes GitLab Code Quality and SARIF reports beside the terminal output, valid against their formats', () => {
    copyFileSync(LEGACY, path.join(tmp, 'legacy.api'));
    const result = tsctl(['lint', 'legacy.api', '--format', 'stylish', '--output-gitlab', 'gl.json', '--output-sarif', 'out.sarif'], { cwd: tmp });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/✖ 13 problems \(0 errors, 13 warnings\)/);
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('uri', (value: string) => URL.canParse(value));
    ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'https://base.invalid/'));
    const gitlab = JSON.parse(readFileSync(path.join(tmp, 'gl.json'), 'utf8')) as unknown[];
    expect(gitlab).toHaveLength(13);
    expect(ajv.validate(schema('gitlab-code-quality.schema.json'), gitlab), ajv.errorsText()).toBe(true);
    const sarif = JSON.parse(readFileSync(path.join(tmp, 'out.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results).toHaveLength(13);
    expect(ajv.validate(schema('sarif-2.1.0-minimal.schema.json'), sarif), ajv.errorsText()).toBe(true);
  });
});

describe('integration recipes', () => {
  it('.pre-commit-hooks.yaml: each hook entry runs on a list of staged files', () => {
    const hooks = parseYaml(readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; files: string; language: string }[];
    expect(hooks.map((h) => h.id)).toEqual(['tsctl-lint', 'tsctl-lint-check']);
    const dir = mkdtempSync(path.join(tmp, 'hook-'));
    writeFileSync(path.join(dir, 'a.api'), 'type A {\n  X int `json:"x"`\n}\n');
    writeFileSync(path.join(dir, 'b.api'), CLEAN);
    mkdirSync(path.join(dir, 'c'));
    writeFileSync(path.join(dir, 'c/c.proto'), 'syntax = "proto3";\npackage c;\n\n  message C {\n\tstring c = 1;\n}\n');
    for (const hook of hooks) {
      expect(hook.language).toBe('node');
      for (const staged of ['a.api', 'c.proto', 'dir/x.proto']) expect([hook.id, staged, new RegExp(hook.files).test(staged)]).toEqual([hook.id, staged, true]);
      for (const ignored of ['a.ts', 'a.api.bak', 'proto.txt']) expect([hook.id, ignored, new RegExp(hook.files).test(ignored)]).toEqual([hook.id, ignored, false]);
      const [command, ...args] = hook.entry.split(' ');
      expect(command).toBe('tsctl');
      // pre-commit appends the staged file names to the entry.
      const run = tsctl([...args, '--rule', 'api/no-unused-types=off', 'a.api', 'b.api', 'c/c.proto'], { cwd: dir });
      expect([hook.id, run.status]).toEqual([hook.id, 0]);
    }
    expect(readFileSync(path.join(dir, 'a.api'), 'utf8')).toBe('type A {\n\tX int `json:"x"`\n}\n');
    expect(readFileSync(path.join(dir, 'c/c.proto'), 'utf8')).toBe('syntax = "proto3";\npackage c;\n\nmessage C {\n  string c = 1;\n}\n');
  });

  it('docs/ci/gitlab-ci.yml: the lint command of the job writes a valid Code Quality artefact', () => {
    const ci = parseYaml(readFileSync(path.join(repoRoot, 'docs/ci/gitlab-ci.yml'), 'utf8')) as {
      tsctl: { script: string[]; artifacts: { reports: { codequality: string; junit: string } } };
    };
    const lint = ci.tsctl.script.find((line) => line.startsWith('npx tsctl lint')) as string;
    expect(lint).toBe('npx tsctl lint --format stylish --output-gitlab gl-code-quality.json --output-junit tsctl-junit.xml');
    expect(ci.tsctl.artifacts.reports).toEqual({ codequality: 'gl-code-quality.json', junit: 'tsctl-junit.xml' });
    expect(ci.tsctl.script.some((line) => line.startsWith('npx tsctl gen api') && line.endsWith('--check'))).toBe(true);
    const dir = mkdtempSync(path.join(tmp, 'ci-'));
    copyFileSync(LEGACY, path.join(dir, 'service.api'));
    const run = tsctl(lint.split(' ').slice(2), { cwd: dir });
    expect(run.status).toBe(1);
    const report = JSON.parse(readFileSync(path.join(dir, 'gl-code-quality.json'), 'utf8')) as unknown[];
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('uri', (value: string) => URL.canParse(value));
    ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'https://base.invalid/'));
    expect(ajv.validate(schema('gitlab-code-quality.schema.json'), report), ajv.errorsText()).toBe(true);
    expect(readFileSync(path.join(dir, 'tsctl-junit.xml'), 'utf8')).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>/);
  });
});

describe('tsctl lint on TypeScript (ESLint)', () => {
  it('lints .ts with the bundled config, fixes what ESLint can, and leaves generated files alone', () => {
    const dir = mkdtempSync(path.join(tmp, 'ts-'));
    writeFileSync(path.join(dir, 'logic.ts'), 'export function f(svc: unknown, a: number) {\n  var y = 2;\n  return a + y;\n}\n');
    writeFileSync(path.join(dir, 'gen.ts'), '// Code generated by tsctl. DO NOT EDIT.\nexport const z: any = 1;\n');
    const first = tsctl(['lint', '.'], { cwd: dir });
    expect(first.status).toBe(1);
    expect(first.stdout).toBe(
      'logic.ts\n  2:3  error  Unexpected var, use let or const instead.  ts/no-var\n\n✖ 1 problem (1 error, 0 warnings)\n  1 fixable with --fix\n',
    );
    expect(tsctl(['lint', '--fix', '.'], { cwd: dir })).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(readFileSync(path.join(dir, 'logic.ts'), 'utf8')).toBe('export function f(svc: unknown, a: number) {\n  const y = 2;\n  return a + y;\n}\n');
  });

  it("uses the project's own eslint.config when there is one", () => {
    const dir = mkdtempSync(path.join(tmp, 'ts-own-'));
    writeFileSync(path.join(dir, 'eslint.config.mjs'), 'export default [{ files: ["**/*.ts"], rules: { "no-console": "warn" } }];\n');
    writeFileSync(path.join(dir, 'a.ts'), 'console.log(1);\nvar b = 2;\nexport { b };\n');
    const result = tsctl(['lint', 'a.ts', '--max-warnings', '1'], { cwd: dir });
    expect(result.stdout).toBe('a.ts\n  1:1  warning  Unexpected console statement.  ts/no-console\n\n✖ 1 problem (0 errors, 1 warning)\n');
    expect(result.status).toBe(0);
  });
});

describe('tsctl lint on .proto (buf-style rules)', () => {
  it('reports style findings and contract errors with positions, and passes a clean file', () => {
    const dir = mkdtempSync(path.join(tmp, 'proto-'));
    const clean = [
      'syntax = "proto3";',
      '',
      'package shop;',
      '',
      '// Shop sells things.',
      'service ShopService {',
      '  // GetItem returns one item.',
      '  rpc GetItem(GetItemRequest) returns (GetItemResponse);',
      '}',
      '',
      'message GetItemRequest {',
      '  string item_id = 1;',
      '}',
      '',
      'message GetItemResponse {',
      '  string item_name = 1;',
      '}',
      '',
    ].join('\n');
    const shopDir = path.join(dir, 'shop');
    mkdirSync(shopDir);
    writeFileSync(path.join(shopDir, 'shop.proto'), clean);
    expect(tsctl(['lint', 'shop/shop.proto'], { cwd: dir })).toEqual({ status: 0, stdout: '', stderr: '' });
    writeFileSync(path.join(shopDir, 'bad.proto'), clean.replace('string item_id = 1;', 'string ItemId = 1;').replace('GetItemResponse);', 'Missing);'));
    const bad = tsctl(['lint', 'shop/bad.proto', '--format', 'json'], { cwd: dir });
    expect(bad.status).toBe(1);
    const [result] = JSON.parse(bad.stdout) as { messages: { ruleId: string; line: number; column: number }[] }[];
    expect(result?.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['8:7 proto/valid']);
    writeFileSync(path.join(shopDir, 'style.proto'), clean.replace('string item_id = 1;', 'string ItemId = 1;'));
    const style = tsctl(['lint', 'shop/style.proto'], { cwd: dir });
    expect(style.status).toBe(1);
    expect(style.stdout).toMatch(/^shop\/style\.proto\n {2}12:10 {2}error {2}.*ItemId.* {2}proto\/field-lower-snake\n/);
  });

  it('--fix lays out a real-world .proto as buf format does, leaves the naming findings, and a second run changes nothing', () => {
    const dir = mkdtempSync(path.join(tmp, 'proto-fix-'));
    mkdirSync(path.join(dir, 'add'));
    const file = path.join(dir, 'add/add.proto');
    copyFileSync(corpusPath('zero-examples/bookstore/rpc/add/add.proto'), file);
    const before = tsctl(['lint', 'add/add.proto', '--format', 'json'], { cwd: dir });
    const ruleIds = (stdout: string): string[] => (JSON.parse(stdout) as { messages: { ruleId: string }[] }[]).flatMap((r) => r.messages.map((m) => m.ruleId));
    expect(ruleIds(before.stdout)).toContain('proto/format');
    const fixed = tsctl(['lint', '--fix', 'add/add.proto', '--format', 'json'], { cwd: dir });
    expect(fixed.status).toBe(1);
    expect(ruleIds(fixed.stdout)).toEqual(ruleIds(before.stdout).filter((id) => id !== 'proto/format'));
    const buf = execFileSync(path.join(repoRoot, 'node_modules/.bin/buf'), ['format', 'add/add.proto'], { cwd: dir, encoding: 'utf8' });
    expect(readFileSync(file, 'utf8')).toBe(buf);
    const mtime = statSync(file).mtimeMs;
    expect(tsctl(['lint', '--fix', 'add/add.proto', '--format', 'json'], { cwd: dir }).stdout).toBe(fixed.stdout);
    expect(statSync(file).mtimeMs).toBe(mtime);
  });

  it('finds imports in -I folders and in lint.protoPaths of the config, and refuses a missing -I folder', () => {
    const dir = mkdtempSync(path.join(tmp, 'proto-include-'));
    mkdirSync(path.join(dir, 'vendor/common'), { recursive: true });
    mkdirSync(path.join(dir, 'svc'));
    writeFileSync(path.join(dir, 'vendor/common/money.proto'), 'syntax = "proto3";\n\npackage common;\n\nmessage Money {\n  int64 units = 1;\n}\n');
    const service = [
      'syntax = "proto3";',
      '',
      'package svc;',
      '',
      'import "common/money.proto";',
      '',
      '// Pay takes money.',
      'service PayService {',
      '  // Pay pays.',
      '  rpc Pay(PayRequest) returns (PayResponse);',
      '}',
      '',
      'message PayRequest {',
      '  common.Money amount = 1;',
      '}',
      '',
      'message PayResponse {}',
      '',
    ].join('\n');
    writeFileSync(path.join(dir, 'svc/pay.proto'), service);
    const without = tsctl(['lint', 'svc/pay.proto', '--format', 'json'], { cwd: dir });
    expect(without.status).toBe(1);
    const [result] = JSON.parse(without.stdout) as { messages: { ruleId: string; line: number; column: number; message: string }[] }[];
    expect(result?.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['5:9 proto/valid', '14:3 proto/valid']);
    expect(result?.messages[0]?.message).toContain('common/money.proto');
    expect(tsctl(['lint', '-I', 'vendor', 'svc/pay.proto'], { cwd: dir })).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(tsctl(['lint', '--proto-path', 'vendor', 'svc'], { cwd: dir })).toEqual({ status: 0, stdout: '', stderr: '' });
    const missing = tsctl(['lint', '-I', 'nowhere', 'svc/pay.proto'], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('-I nowhere: no such folder');
    writeFileSync(path.join(dir, 'tsctl.config.json'), JSON.stringify({ lint: { protoPaths: ['vendor'] } }));
    expect(tsctl(['lint', 'svc/pay.proto'], { cwd: dir })).toEqual({ status: 0, stdout: '', stderr: '' });
    writeFileSync(path.join(dir, 'tsctl.config.json'), JSON.stringify({ lint: { protoPaths: 'vendor' } }));
    expect(tsctl(['lint', 'svc/pay.proto'], { cwd: dir }).status).toBe(2);
  });
});

describe('lint paths', () => {
  it('expands globs the shell passed through (*, **, ?), and refuses a glob that matches nothing', async () => {
    const { expandGlob, globPattern } = await import('../../src/cli/lint.js');
    expect(globPattern('api/**/*.api').test('api/a.api')).toBe(true);
    expect(globPattern('api/**/*.api').test('api/x/y/b.api')).toBe(true);
    expect(globPattern('api/*.api').test('api/x/b.api')).toBe(false);
    expect(globPattern('a?.proto').test('ab.proto')).toBe(true);
    const dir = mkdtempSync(path.join(tmp, 'glob-'));
    mkdirSync(path.join(dir, 'api/sub'), { recursive: true });
    mkdirSync(path.join(dir, 'node_modules/x'), { recursive: true });
    for (const f of ['api/a.api', 'api/sub/b.api', 'api/c.txt', 'node_modules/x/d.api']) writeFileSync(path.join(dir, f), CLEAN);
    const previous = process.cwd();
    process.chdir(dir);
    try {
      expect(expandGlob('api/**/*.api')).toEqual(['api/a.api', 'api/sub/b.api']);
      expect(expandGlob('**/*.api')).toEqual(['api/a.api', 'api/sub/b.api']);
    } finally {
      process.chdir(previous);
    }
    expect(tsctl(['lint', 'api/**/*.api'], { cwd: dir })).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(tsctl(['lint', 'nothing/**/*.api'], { cwd: dir })).toEqual({ status: 1, stdout: '', stderr: 'error: nothing/**/*.api: no file matches\n' });
  });
});
