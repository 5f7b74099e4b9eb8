/**
 * `gen api` on every `valid` / `valid-legacy` .api of the corpus that declares a service: generation
 * succeeds, and every generated project type-checks under strict TypeScript, all in one compiler run.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiProject } from '../../src/gen/api-server/project.js';
import { createRenderEnv } from '../../src/gen/render.js';
import { writePlan } from '../../src/gen/write.js';
import { loadApi } from '../../src/parse/api/index.js';
import { apiRows, corpusPath } from '../helpers/corpus.js';
import { projectNodeModules, repoRoot, tsc } from './support.js';

const candidates = [...apiRows('valid'), ...apiRows('valid-legacy')];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-e2e-api-corpus-'));
const runtime = (relative: string): string => readFileSync(path.join(repoRoot, 'templates/runtime', relative), 'utf8');
let nodeModules: string;
let generated = 0;

beforeAll(() => {
  nodeModules = projectNodeModules();
  symlinkSync(nodeModules, path.join(tmp, 'node_modules'), 'dir');
}, 300_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('gen api on the .api corpus', () => {
  it('considers every valid and valid-legacy row', () => {
    expect(candidates).toHaveLength(74);
  });

  it.each(candidates.map((row, i) => [row.path, i] as const))('generates %s (when it has a service)', async (relative, i) => {
    const loaded = loadApi(corpusPath(relative), {
      // One legacy corpus file imports files the corpus does not have (see format-ir.test.ts).
      readFile: (p) => {
        try {
          return readFileSync(p, 'utf8');
        } catch {
          return p.endsWith('.api') ? '// not in the corpus\n' : undefined;
        }
      },
    });
    expect(loaded.document).toBeDefined();
    if (!loaded.document || loaded.document.services.length === 0) return;
    const plan = generateApiProject(loaded.document, {}, createRenderEnv(), runtime);
    const report = await writePlan(plan, path.join(tmp, `p${String(i).padStart(2, '0')}`));
    expect(report.created).toHaveLength(plan.length);
    generated += 1;
  });

  it('type-checks every generated project under strict', () => {
    expect(generated).toBe(EXPECTED_WITH_SERVICES);
    const own = JSON.parse(readFileSync(path.join(repoRoot, 'templates/project/tsconfig.json.hbs'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    const config = { compilerOptions: { ...own.compilerOptions, rootDir: '.', noEmit: true }, include: ['p*/src/**/*.ts'] };
    writeFileSync(path.join(tmp, 'tsconfig.json'), `${JSON.stringify(config, null, 2)}\n`);
    const result = tsc(nodeModules, ['-p', 'tsconfig.json'], tmp);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  }, 300_000);
});

/** Rows of the 74 that declare a service (the others hold only types, meant to be imported). */
const EXPECTED_WITH_SERVICES = 59;
