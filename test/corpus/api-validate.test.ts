/**
 * `api validate` agrees with the corpus's INDEX.tsv on every whole-file `.api` row (issue 2, item 5):
 * `valid` and `valid-legacy` exit 0 (legacy with a warning), `invalid` exits 1 with a located error.
 *
 * Each file is checked in process through `loadApi` (fast, precise), and through the real CLI process:
 * one `api validate` call per accepting category, one call per invalid file (two at a time).
 * The CLI runs from dist/, so build first (`npm test` does).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { parseApi } from '../../src/parse/api/parser.js';
import { loadApi } from '../../src/parse/api/index.js';
import { apiRows, corpusPath, corpusRoot, readCorpusFile, readIndex, repoRoot } from '../helpers/corpus.js';

const validRows = apiRows('valid');
const legacyRows = apiRows('valid-legacy');
const invalidRows = apiRows('invalid');
const fragmentRows = apiRows('fragment');

const BIN = path.join(repoRoot, 'bin/tsctl.js');
const BUILT_CLI = path.join(repoRoot, 'dist/cli/main.js');
const ERROR_LINE = /^[^:\n]+\.api:\d+:\d+: error\[API\d{4}\]: .+/m;

/** `file:line:col severity[CODE]: message`, the shape failures are shown in. */
function brief(d: Diagnostic): string {
  return `${d.file}:${d.span.start.line}:${d.span.start.column}: ${d.severity}[${d.code}]: ${d.message}`;
}

function expectLocated(diagnostics: readonly Diagnostic[]): void {
  const badlyLocated = diagnostics.filter((d) => !(d.span.start.line >= 1 && d.span.start.column >= 1 && /^API\d{4}$/.test(d.code)));
  expect(badlyLocated.map(brief)).toEqual([]);
}

function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  return env;
}

interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `tsctl api validate …files` with corpus-relative paths, run from the corpus root. */
function validateSync(files: readonly string[]): CliRun {
  const result = spawnSync(process.execPath, [BIN, 'api', 'validate', ...files], {
    cwd: corpusRoot,
    env: cliEnv(),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function validateAsync(file: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'api', 'validate', file], { cwd: corpusRoot, env: cliEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs `task` over `items` with at most `width` in flight; results in input order. */
async function pool<T, R>(items: readonly T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('INDEX.tsv', () => {
  // Hard-coded so that a row lost to a parsing or filtering mistake fails instead of silently passing.
  it('lists the expected number of .api rows per category', () => {
    expect(validRows).toHaveLength(57);
    expect(legacyRows).toHaveLength(17);
    expect(invalidRows).toHaveLength(61);
    expect(fragmentRows).toHaveLength(308);
  });

  it('names only files that exist', () => {
    expect(readIndex().filter((row) => !existsSync(corpusPath(row.path))).map((row) => row.path)).toEqual([]);
  });
});

describe('in process: loadApi', () => {
  it.each(validRows.map((row) => row.path))('valid: %s', (file) => {
    const result = loadApi(corpusPath(file));
    expectLocated(result.diagnostics);
    expect(result.diagnostics.filter((d) => d.severity === 'error').map(brief)).toEqual([]);
    expect(result.document).toBeDefined();
  });

  it.each(legacyRows.map((row) => row.path))('valid-legacy: %s', (file) => {
    const result = loadApi(corpusPath(file));
    expectLocated(result.diagnostics);
    expect(result.diagnostics.filter((d) => d.severity === 'error').map(brief)).toEqual([]);
    expect(result.diagnostics.filter((d) => d.severity === 'warning').length).toBeGreaterThan(0);
    expect(result.document).toBeDefined();
  });

  it.each(invalidRows.map((row) => row.path))('invalid: %s', (file) => {
    const result = loadApi(corpusPath(file));
    expectLocated(result.diagnostics);
    expect(result.diagnostics.filter((d) => d.severity === 'error').length).toBeGreaterThan(0);
    expect(result.document).toBeUndefined();
  });

  it.each(fragmentRows.map((row) => row.path))('fragment parses without throwing: %s', (file) => {
    const source = readCorpusFile(file);
    const { ast, diagnostics } = parseApi(source, file);
    expect(ast.kind).toBe('ApiFile');
    expectLocated(diagnostics);
  });
});

describe('the CLI process: tsctl api validate', () => {
  beforeAll(() => {
    if (!existsSync(BUILT_CLI)) throw new Error(`${path.relative(repoRoot, BUILT_CLI)} is missing: run \`npm run build\` first`);
  });

  it(`accepts all ${validRows.length} valid files in one call`, () => {
    const run = validateSync(validRows.map((row) => row.path));
    expect(run.stderr.split('\n').filter((line) => / error\[/.test(line))).toEqual([]);
    expect(run.status).toBe(0);
  });

  it(`accepts all ${legacyRows.length} valid-legacy files in one call, with a warning for each`, () => {
    const run = validateSync(legacyRows.map((row) => row.path));
    expect(run.stderr.split('\n').filter((line) => / error\[/.test(line))).toEqual([]);
    expect(run.status).toBe(0);
    const unwarned = legacyRows
      .map((row) => row.path)
      .filter((file) => !new RegExp(`^${escapeRegExp(file)}:\\d+:\\d+: warning\\[API\\d{4}\\]: .+`, 'm').test(run.stderr));
    expect(unwarned).toEqual([]);
  });

  describe('rejects each invalid file with exit 1 and a located error', () => {
    let runs = new Map<string, CliRun>();
    beforeAll(async () => {
      if (!existsSync(BUILT_CLI)) return;
      const files = invalidRows.map((row) => row.path);
      const results = await pool(files, 2, validateAsync);
      runs = new Map(files.map((file, i) => [file, results[i] as CliRun]));
    });

    it.each(invalidRows.map((row) => row.path))('%s', (file) => {
      const run = runs.get(file);
      expect(run, 'the CLI did not run (see the build check above)').toBeDefined();
      expect({ status: run?.status, located: ERROR_LINE.test(run?.stderr ?? '') }, run?.stderr).toEqual({ status: 1, located: true });
    });
  });
});
