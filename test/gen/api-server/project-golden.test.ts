/**
 * The generated HTTP service of fixtures/api/demo.api, pinned byte for byte under
 * fixtures/api/golden/demo/ (`UPDATE_GOLDENS=1` rewrites it). Also: generation is deterministic and
 * every file has an owner header that says whether tsctl may rewrite it.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownerFromHeader } from '../../../src/gen/headers.js';
import { checkPlan } from '../../../src/gen/plan.js';
import { createRenderEnv } from '../../../src/gen/render.js';
import { generateApiProject } from '../../../src/gen/api-server/project.js';
import { loadApi } from '../../../src/parse/api/index.js';
import { repoRoot } from '../../helpers/corpus.js';

const fixture = path.join(repoRoot, 'fixtures/api');
const goldenDir = path.join(fixture, 'golden/demo');
const runtime = (relative: string): string => readFileSync(path.join(repoRoot, 'templates/runtime', relative), 'utf8');

function generate() {
  const previous = process.cwd();
  // Paths in the IR are as given: generate from the fixture folder, as a user would run tsctl there.
  process.chdir(fixture);
  try {
    const loaded = loadApi('demo.api');
    expect(loaded.diagnostics).toEqual([]);
    if (!loaded.document) throw new Error('demo.api did not load');
    return generateApiProject(loaded.document, {}, createRenderEnv(), runtime);
  } finally {
    process.chdir(previous);
  }
}

function readTree(dir: string, base = dir): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) for (const [k, v] of readTree(full, base)) out.set(k, v);
    else out.set(path.relative(base, full).split(path.sep).join('/'), readFileSync(full, 'utf8'));
  }
  return out;
}

describe('gen api golden tree (fixtures/api/demo.api)', () => {
  const plan = generate();

  it('is a valid plan, deterministic across runs', () => {
    checkPlan(plan);
    expect(generate()).toEqual(plan);
  });

  it('marks every file it can with its owner', () => {
    for (const entry of plan) {
      if (entry.path.endsWith('.json')) continue;
      expect([entry.path, ownerFromHeader(entry.path, entry.content)]).toEqual([entry.path, entry.owner]);
    }
  });

  it('matches the golden tree byte for byte', () => {
    if (process.env.UPDATE_GOLDENS === '1') {
      rmSync(goldenDir, { recursive: true, force: true });
      for (const entry of plan) {
        const file = path.join(goldenDir, entry.path);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, entry.content);
      }
    }
    const golden = readTree(goldenDir);
    expect([...golden.keys()]).toEqual(plan.map((e) => e.path));
    for (const entry of plan) expect([entry.path, golden.get(entry.path)]).toEqual([entry.path, entry.content]);
  });
});

describe('gen api --style', () => {
  it.each([
    ['go-zero', 'src/logic/admin/place-order.ts', 'src/middleware/audit-log.ts'],
    ['go_zero', 'src/logic/admin/place_order.ts', 'src/middleware/audit_log.ts'],
    ['goZero', 'src/logic/admin/placeOrder.ts', 'src/middleware/auditLog.ts'],
    ['gozero', 'src/logic/admin/placeorder.ts', 'src/middleware/auditlog.ts'],
  ] as const)('%s names logic and middleware files', (style, logic, middleware) => {
    const previous = process.cwd();
    process.chdir(fixture);
    try {
      const loaded = loadApi('demo.api');
      if (!loaded.document) throw new Error('demo.api did not load');
      const plan = generateApiProject(loaded.document, { style }, createRenderEnv(), runtime);
      const paths = plan.map((e) => e.path);
      expect(paths).toContain(logic);
      expect(paths).toContain(middleware);
      const routes = plan.find((e) => e.path === 'src/routes.ts')?.content ?? '';
      expect(routes).toContain(`from './${logic.slice(4, -3)}.js'`);
      expect(routes).toContain(`from './${middleware.slice(4, -3)}.js'`);
    } finally {
      process.chdir(previous);
    }
  });
});
