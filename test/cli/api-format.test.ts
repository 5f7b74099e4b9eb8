/**
 * `tsctl api format` as a process: stdout by default, `--write` in place (atomically, only on change),
 * `--check` listing, stdin, and files with syntax errors left alone.
 */
import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assertBuilt, repoRoot, tsctl } from './run-cli.js';

beforeAll(assertBuilt);

const MESSY = 'type Foo {\nName string `json:"name"`\n  Age int `json:"age"`\n}\nservice foo-api {\n@handler getFoo\nget /foo returns (Foo)\n}';
const TIDY = 'type Foo {\n\tName string `json:"name"`\n\tAge  int    `json:"age"`\n}\n\nservice foo-api {\n\t@handler getFoo\n\tget /foo returns (Foo)\n}\n';
const BROKEN = 'type Foo {\n  Name string `json:"name"`\n\nservice foo-api {\n}\n';
const BROKEN_DIAGNOSTICS = [
  "broken.api:4:12: error[API0101]: expected a field name, an embedded type or '}', got '-'",
  '   4 | service foo-api {',
  '     |            ^',
  '',
  '1 error in 1 file',
  '',
].join('\n');

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tsctl-format-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function put(name: string, text: string): string {
  writeFileSync(path.join(dir, name), text);
  return name;
}

function read(name: string): string {
  return readFileSync(path.join(dir, name), 'utf8');
}

function format(args: readonly string[], input?: string) {
  return tsctl(['api', 'format', ...args], { cwd: dir, ...(input === undefined ? {} : { input }) });
}

describe('tsctl api format (default: print)', () => {
  it('prints the formatted text and leaves the file alone', () => {
    put('messy.api', MESSY);
    expect(format(['messy.api'])).toEqual({ status: 0, stdout: TIDY, stderr: '' });
    expect(read('messy.api')).toBe(MESSY);
  });

  it('prints several files one after the other', () => {
    put('a.api', MESSY);
    put('b.api', TIDY);
    expect(format(['a.api', 'b.api'])).toEqual({ status: 0, stdout: TIDY + TIDY, stderr: '' });
  });

  it("reads standard input for '-'", () => {
    expect(format(['-'], MESSY)).toEqual({ status: 0, stdout: TIDY, stderr: '' });
  });

  it('is idempotent on its own output and keeps the demo as it is', () => {
    expect(format(['-'], TIDY)).toEqual({ status: 0, stdout: TIDY, stderr: '' });
    const demo = readFileSync(path.join(repoRoot, 'fixtures/api/demo.api'), 'utf8');
    expect(format(['-'], demo)).toEqual({ status: 0, stdout: demo, stderr: '' });
  });

  it('reports syntax errors with diagnostics, prints nothing for that file, exits 1', () => {
    put('broken.api', BROKEN);
    put('good.api', MESSY);
    const result = format(['broken.api', 'good.api']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(TIDY);
    expect(result.stderr).toBe(BROKEN_DIAGNOSTICS);
  });

  it('reports an unreadable file and goes on with the others', () => {
    put('good.api', TIDY);
    expect(format(['missing.api', 'good.api'])).toEqual({
      status: 1,
      stdout: TIDY,
      stderr: 'missing.api: error: cannot read file: no such file\n',
    });
  });
});

describe('tsctl api format --check', () => {
  it('lists the files that would change and exits 1', () => {
    put('messy.api', MESSY);
    put('tidy.api', TIDY);
    expect(format(['--check', 'messy.api', 'tidy.api'])).toEqual({ status: 1, stdout: 'messy.api\n', stderr: '' });
    expect(read('messy.api')).toBe(MESSY);
  });

  it('exits 0 silently when every file is formatted', () => {
    put('tidy.api', TIDY);
    expect(format(['--check', 'tidy.api'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(tsctl(['api', 'format', '--check', 'fixtures/api/demo.api', 'fixtures/api/demo-types.api'])).toEqual({
      status: 0,
      stdout: '',
      stderr: '',
    });
  });

  it('names standard input <stdin>', () => {
    expect(format(['--check', '-'], MESSY)).toEqual({ status: 1, stdout: '<stdin>\n', stderr: '' });
  });

  it('a missing final newline counts as a change', () => {
    put('no-newline.api', TIDY.slice(0, -1));
    expect(format(['--check', 'no-newline.api'])).toEqual({ status: 1, stdout: 'no-newline.api\n', stderr: '' });
  });
});

describe('tsctl api format --write', () => {
  it('rewrites a changed file in place, keeping its permissions, and leaves no temporary file', () => {
    put('messy.api', MESSY);
    chmodSync(path.join(dir, 'messy.api'), 0o640);
    expect(format(['--write', 'messy.api'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(read('messy.api')).toBe(TIDY);
    expect(statSync(path.join(dir, 'messy.api')).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['messy.api']);
    expect(format(['--check', 'messy.api'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('does not touch a file that is already formatted', () => {
    put('tidy.api', TIDY);
    const before = statSync(path.join(dir, 'tidy.api'));
    expect(format(['-w', 'tidy.api'])).toEqual({ status: 0, stdout: '', stderr: '' });
    const after = statSync(path.join(dir, 'tidy.api'));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('leaves a file with syntax errors byte for byte as it was, and still writes the others', () => {
    put('broken.api', BROKEN);
    put('messy.api', MESSY);
    const bytes = readFileSync(path.join(dir, 'broken.api'));
    const result = format(['--write', 'broken.api', 'messy.api']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(BROKEN_DIAGNOSTICS);
    expect(readFileSync(path.join(dir, 'broken.api')).equals(bytes)).toBe(true);
    expect(read('messy.api')).toBe(TIDY);
    expect(readdirSync(dir).sort()).toEqual(['broken.api', 'messy.api']);
  });

  it('rewrites the target of a symbolic link and keeps the link', () => {
    put('real.api', MESSY);
    symlinkSync('real.api', path.join(dir, 'link.api'));
    expect(format(['--write', 'link.api'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(readlinkSync(path.join(dir, 'link.api'))).toBe('real.api');
    expect(read('real.api')).toBe(TIDY);
  });

  it('refuses standard input as a usage error', () => {
    expect(format(['--write', '-'], MESSY)).toEqual({
      status: 2,
      stdout: '',
      stderr: "error: cannot use --write with standard input ('-')\n",
    });
  });
});
