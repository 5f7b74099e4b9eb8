/**
 * `tsctl api validate` as a process: exit codes, where output goes, and the exact text.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, tsctl } from './run-cli.js';

beforeAll(assertBuilt);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-validate-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function writeApi(name: string, text: string): string {
  writeFileSync(path.join(tmp, name), text);
  return name;
}

describe('tsctl api validate', () => {
  it('accepts the demo and the file it imports', () => {
    expect(tsctl(['api', 'validate', 'fixtures/api/demo.api', 'fixtures/api/demo-types.api'])).toEqual({
      status: 0,
      stdout: '',
      stderr: 'ok: 2 files valid\n',
    });
  });

  it('rejects a file with an error: exit 1, the located diagnostic and a count', () => {
    const file = writeApi('bad.api', 'syntax = "v1"\n\ntype Foo {\n\tFoo Bar `json:"foo"`\n}\n');
    expect(tsctl(['api', 'validate', file], { cwd: tmp })).toEqual({
      status: 1,
      stdout: '',
      stderr: [
        "bad.api:4:6: error[API0207]: unknown type 'Bar'",
        '   4 | \tFoo Bar `json:"foo"`',
        '     | \t    ^^^',
        '',
        '1 error in 1 file',
        '',
      ].join('\n'),
    });
  });

  it('reports a missing file with exit 1 and a clear message', () => {
    const result = tsctl(['api', 'validate', 'no-such-file.api'], { cwd: tmp });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('no-such-file.api:1:1: error[API0305]: cannot read file: no such file\n\n1 error in 1 file\n');
  });

  it('checks every file given, and reports problems of a shared import once', () => {
    writeApi('shared.api', 'type Shared {\n\tX Missing `json:"x"`\n}\n');
    writeApi('a.api', 'import "shared.api"\n');
    writeApi('b.api', 'import "shared.api"\n');
    const result = tsctl(['api', 'validate', 'a.api', 'b.api', 'gone.api'], { cwd: tmp });
    expect(result.status).toBe(1);
    const headers = result.stderr.split('\n').filter((line) => /^\S+:\d+:\d+: /.test(line));
    expect(headers).toEqual([
      "shared.api:2:4: error[API0207]: unknown type 'Missing'",
      'gone.api:1:1: error[API0305]: cannot read file: no such file',
    ]);
    expect(result.stderr.endsWith('\n2 errors in 2 files\n')).toBe(true);
  });

  it('exits 0 when there are only warnings, and prints them', () => {
    const file = writeApi('legacy.api', 'type Legacy struct {\n\tName string `json:"name"`\n}\n');
    const result = tsctl(['api', 'validate', file], { cwd: tmp });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^legacy\.api:1:\d+: warning\[API\d{4}\]: /);
    expect(result.stderr.endsWith('\nok: 1 file valid, 1 warning\n')).toBe(true);
  });

  it('prints no colour when stderr is not a terminal, and colour with FORCE_COLOR', () => {
    const file = writeApi('colour.api', 'type C {\n\tX Nope\n}\n');
    const plain = tsctl(['api', 'validate', file], { cwd: tmp, env: { NO_COLOR: undefined } });
    expect(plain.stderr).not.toContain('\u001b[');
    const forced = tsctl(['api', 'validate', file], { cwd: tmp, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(forced.stderr).toContain('\u001b[31m');
    // Stripped of escapes, coloured output says exactly what plain output says.
    expect(forced.stderr.replace(/\u001b\[\d+m/g, '')).toBe(plain.stderr);
    const both = tsctl(['api', 'validate', file], { cwd: tmp, env: { NO_COLOR: '1', FORCE_COLOR: '0' } });
    expect(both.stderr).toBe(plain.stderr);
  });
});
