/**
 * What each format promises beyond its golden: the GitLab report matches the Code Quality format and
 * its fingerprints follow the documented rule; the SARIF log matches SARIF 2.1.0's structure; the JUnit
 * XML is well-formed and reads back to the same findings; stylish's summary and colour switch.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { fingerprint, gitlab, gitlabIssues, json, junit, sarif, sarifLog, stylish } from '../../../src/lint/reporters/index.js';
import type { LintMessage, LintReport } from '../../../src/lint/types.js';
import { EMPTY_REPORT, REPORT } from './fixture-report.js';
import { findAll, parseXml } from './xml-check.js';

const SCHEMAS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/lint/schemas');

function validator(file: string) {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'https://base.invalid/') && !/[\s\\]/.test(value));
  const validate = ajv.compile(JSON.parse(readFileSync(path.join(SCHEMAS, file), 'utf8')) as object);
  return (data: unknown) => (validate(data) ? [] : ajv.errorsText(validate.errors).split(', '));
}

function message(overrides: Partial<LintMessage> = {}): LintMessage {
  return { ruleId: 'api/route-doc', severity: 'warning', message: 'm', line: 1, column: 1, endLine: 1, endColumn: 2, ...overrides };
}

function reportOf(file: string, messages: LintMessage[]): LintReport {
  return { ...REPORT, results: [{ file, fixed: false, messages }] };
}

describe('gitlab', () => {
  const validate = validator('gitlab-code-quality.schema.json');

  it.each([
    ['the fixture report', REPORT],
    ['the empty report', EMPTY_REPORT],
  ])('%s matches the Code Quality format', (_, report) => {
    expect(validate(JSON.parse(gitlab(report)))).toEqual([]);
  });

  it('the schema rejects what GitLab would not read', () => {
    const [issue] = gitlabIssues(REPORT);
    expect(validate([{ ...issue, severity: 'warning' }])).not.toEqual([]);
    expect(validate([{ ...issue, fingerprint: undefined }])).not.toEqual([]);
    expect(validate([{ ...issue, location: { path: 'a.api' } }])).not.toEqual([]);
  });

  it('maps error to major and warning to minor', () => {
    const issues = gitlabIssues(reportOf('a.api', [message({ severity: 'error' }), message({ line: 2 })]));
    expect(issues.map((i) => i.severity)).toEqual(['major', 'minor']);
  });

  it('fingerprints are sha256(file NUL ruleId NUL message NUL line NUL column)', () => {
    const m = message({ message: 'x <&"> 名前', line: 4, column: 7 });
    const want = createHash('sha256').update(['a/b.api', 'api/route-doc', 'x <&"> 名前', '4', '7'].join('\0')).digest('hex');
    expect(gitlabIssues(reportOf('a/b.api', [m]))[0]?.fingerprint).toBe(want);
    expect(fingerprint('a/b.api', m)).toBe(want);
  });

  it('fingerprints are unique per finding, even for identical findings', () => {
    const twice = gitlabIssues(reportOf('a.api', [message(), message()]));
    expect(twice[1]?.fingerprint).toBe(createHash('sha256').update(['a.api', 'api/route-doc', 'm', '1', '1', '1'].join('\0')).digest('hex'));
    const all = [...gitlabIssues(REPORT), ...twice].map((i) => i.fingerprint);
    expect(new Set(all).size).toBe(all.length);
  });

  it.each([
    ['line', { line: 2 }],
    ['column', { column: 2 }],
    ['rule', { ruleId: 'api/format' }],
    ['message', { message: 'n' }],
  ] as const)('a different %s gives a different fingerprint', (_, change) => {
    expect(fingerprint('a.api', message(change))).not.toBe(fingerprint('a.api', message()));
  });
});

describe('sarif', () => {
  const validate = validator('sarif-2.1.0-minimal.schema.json');

  it.each([
    ['the fixture report', REPORT],
    ['the empty report', EMPTY_REPORT],
  ])('%s matches SARIF 2.1.0', (_, report) => {
    const log = JSON.parse(sarif(report)) as { $schema: string; version: string; runs: unknown[] };
    expect(validate(log)).toEqual([]);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
  });

  it('the schema rejects unknown properties and bad levels', () => {
    const log = sarifLog(REPORT);
    expect(validate({ ...log, extra: 1 })).not.toEqual([]);
    expect(validate({ ...log, version: '2.0.0' })).not.toEqual([]);
    const run = log.runs[0]!;
    expect(validate({ ...log, runs: [{ ...run, results: [{ ...run.results[0], level: 'warn' }] }] })).not.toEqual([]);
  });

  it('every result points at its rule by ruleIndex', () => {
    const run = sarifLog(REPORT).runs[0]!;
    expect(run.results).toHaveLength(5);
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex!]?.id).toBe(result.ruleId);
  });

  it('omits ruleIndex for a rule missing from the report', () => {
    const result = sarifLog(reportOf('a.api', [message({ ruleId: 'x/unknown' })])).runs[0]!.results[0]!;
    expect(result.ruleIndex).toBeUndefined();
    expect(result.ruleId).toBe('x/unknown');
  });

  it('resolves relative rule docs against docsBaseUri', () => {
    const rules = sarifLog(REPORT, { docsBaseUri: 'https://docs.example/tsctl/' }).runs[0]!.tool.driver.rules;
    expect(rules.map((r) => r.helpUri)).toContain('https://docs.example/tsctl/docs/lint/rules/api.md#apiformat');
    expect(rules.map((r) => r.helpUri)).toContain('https://eslint.org/docs/latest/rules/no-unused-vars');
  });

  it.each([
    ['api/user.api', { uri: 'api/user.api', uriBaseId: '%SRCROOT%' }],
    ['./api/user.api', { uri: 'api/user.api', uriBaseId: '%SRCROOT%' }],
    ['my api/a#1 100%.api', { uri: 'my%20api/a%231%20100%25.api', uriBaseId: '%SRCROOT%' }],
    ['api/grüße.api', { uri: 'api/gr%C3%BC%C3%9Fe.api', uriBaseId: '%SRCROOT%' }],
    ['/abs/x.api', { uri: 'file:///abs/x.api' }],
    ['C:\\work\\x.api', { uri: 'file:///C:/work/x.api' }],
  ])('artifact uri of %j', (file, want) => {
    const location = sarifLog(reportOf(file, [message()])).runs[0]!.results[0]!.locations[0].physicalLocation;
    expect(location.artifactLocation).toEqual(want);
    expect(location.region).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 });
  });
});

describe('junit', () => {
  it('is well-formed and reads back to the same findings', () => {
    const root = parseXml(junit(REPORT));
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toEqual({ name: 'tsctl lint', tests: '6', failures: '5', errors: '0' });
    const suites = findAll(root, 'testsuite');
    expect(suites.map((s) => s.attributes.name)).toEqual(['api/clean.api', 'api/user.api', 'proto/greet.proto']);
    const failures = findAll(root, 'failure').map((f) => [f.attributes.type, f.attributes.message, f.text]);
    const want = JSON.parse(json(REPORT)) as { file: string; messages: { severity: string; message: string; ruleId: string; line: number; column: number }[] }[];
    expect(failures).toEqual(
      want.flatMap((r) => r.messages.map((m) => [m.severity, m.message, `${r.file}:${m.line}:${m.column}: ${m.severity}[${m.ruleId}]: ${m.message}`])),
    );
  });

  it.each([
    ['markup characters', `<a href="x">&amp; 'q'</a> ]]>`],
    ['newlines and tabs', 'one\ntwo\r\n\tthree'],
    ['unicode', '名前 ✓ 🚀 é'],
  ])('escapes %s so they read back unchanged', (_, text) => {
    const root = parseXml(junit(reportOf(`dir/${text.replace(/\s/g, '_')}.api`, [message({ message: text })])));
    const [failure] = findAll(root, 'failure');
    expect(failure?.attributes.message).toBe(text);
    expect(findAll(root, 'testsuite')[0]?.attributes.name).toBe(`dir/${text.replace(/\s/g, '_')}.api`);
  });

  it('replaces characters XML 1.0 cannot hold', () => {
    const root = parseXml(junit(reportOf('a.api', [message({ message: 'bell\u0007 nul\u0000 lone\uD800' })])));
    expect(findAll(root, 'failure')[0]?.attributes.message).toBe('bell\uFFFD nul\uFFFD lone\uFFFD');
  });

  it.each([
    ['an unclosed tag', '<a><b></a>'],
    ['a bare ampersand', '<a>x & y</a>'],
    ['an unquoted attribute', '<a b=c/>'],
  ])('the checker rejects %s', (_, xml) => {
    expect(() => parseXml(xml)).toThrow();
  });
});

describe('stylish', () => {
  it.each([
    [
      'warnings only, nothing fixable',
      reportOf('a.api', [message({ message: 'first' }), message({ line: 10, column: 12, message: 'second line\n  continued' })]),
      ['a.api', '   1:1   warning  first                  api/route-doc', '  10:12  warning  second line continued  api/route-doc', '', '✖ 2 problems (0 errors, 2 warnings)', ''].join('\n'),
    ],
    [
      'one fixable error',
      reportOf('a.api', [message({ severity: 'error', fix: { description: 'f', edits: [] } })]),
      ['a.api', '  1:1  error  m  api/route-doc', '', '✖ 1 problem (1 error, 0 warnings)', '  1 fixable with --fix', ''].join('\n'),
    ],
  ])('%s', (_, report, want) => {
    expect(stylish(report, { color: false })).toBe(want);
  });

  it('uses colour only when asked, whatever FORCE_COLOR says', () => {
    const previous = process.env.FORCE_COLOR;
    process.env.FORCE_COLOR = '3';
    try {
      expect(stylish(REPORT, { color: false })).not.toMatch(/\u001b\[/);
      expect(stylish(REPORT, { color: true })).toMatch(/\u001b\[31merror\u001b\[39m/);
    } finally {
      if (previous === undefined) delete process.env.FORCE_COLOR;
      else process.env.FORCE_COLOR = previous;
    }
  });
});
