/**
 * `gen rpc` on every `valid` .proto of the corpus: generation succeeds, and every generated project
 * type-checks under strict TypeScript. All projects are checked in one compiler run (a tsconfig that
 * includes them all, with the same options as each project's own) — one program instead of 56.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRenderEnv } from '../../src/gen/render.js';
import { generateRpcProject } from '../../src/gen/rpc/project.js';
import { writePlan } from '../../src/gen/write.js';
import { loadProto } from '../../src/parse/proto/index.js';
import { corpusPath, readIndex } from '../helpers/corpus.js';
import { projectNodeModules, repoRoot, tsc } from './support.js';

const rows = readIndex().filter((row) => row.path.endsWith('.proto') && row.expected === 'valid');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-e2e-corpus-'));
const runtime = (relative: string): string => readFileSync(path.join(repoRoot, 'templates/runtime', relative), 'utf8');
let nodeModules: string;

beforeAll(() => {
  nodeModules = projectNodeModules();
  symlinkSync(nodeModules, path.join(tmp, 'node_modules'), 'dir');
}, 300_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('gen rpc on the .proto corpus', () => {
  it('covers every valid row', () => {
    expect(rows).toHaveLength(56);
  });

  it.each(rows.map((row, i) => [row.path, i, row.include] as const))('generates %s', async (relative, i, include) => {
    const file = corpusPath(relative);
    const loaded = loadProto(file, { includePaths: include.map((dir) => path.join(path.dirname(file), dir)) });
    expect(loaded.diagnostics).toEqual([]);
    if (!loaded.document) return;
    const plan = generateRpcProject(loaded.document, {}, createRenderEnv(), runtime);
    const out = path.join(tmp, `p${String(i).padStart(2, '0')}`);
    const report = await writePlan(plan, out);
    expect(report.created.length).toBe(plan.length);
  });

  it('type-checks every generated project under strict', () => {
    const own = JSON.parse(readFileSync(path.join(tmp, 'p00/tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    const config = { compilerOptions: { ...own.compilerOptions, rootDir: '.', noEmit: true }, include: ['p*/src/**/*.ts'] };
    writeFileSync(path.join(tmp, 'tsconfig.json'), `${JSON.stringify(config, null, 2)}\n`);
    mkdirSync(path.join(tmp, 'empty'), { recursive: true });
    const result = tsc(nodeModules, ['-p', 'tsconfig.json'], tmp);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  }, 300_000);
});
