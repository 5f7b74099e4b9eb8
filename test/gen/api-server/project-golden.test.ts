/**
 * The generated HTTP service of fixtures/api/demo.api, pinned byte for byte under
 * fixtures/api/golden/demo/ (`npm run test:update-goldens` rewrites it). Also: generation is deterministic and
 * every file has an owner header that says whether tsctl may rewrite it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRenderEnv } from '../../../src/gen/render.js';
import { generateApiProject } from '../../../src/gen/api-server/project.js';
import { loadApi } from '../../../src/parse/api/index.js';
import { repoRoot } from '../../helpers/corpus.js';
import { describeGoldenProject, inDirectory } from '../../helpers/golden-tree.js';

const fixture = path.join(repoRoot, 'fixtures/api');
const goldenDir = path.join(fixture, 'golden/demo');
const runtime = (relative: string): string => readFileSync(path.join(repoRoot, 'templates/runtime', relative), 'utf8');

function generate() {
  // Paths in the IR are as given: generate from the fixture folder, as a user would run tsctl there.
  return inDirectory(fixture, () => {
    const loaded = loadApi('demo.api');
    expect(loaded.diagnostics).toEqual([]);
    if (!loaded.document) throw new Error('demo.api did not load');
    return generateApiProject(loaded.document, {}, createRenderEnv(), runtime);
  });
}

describeGoldenProject('gen api golden tree (fixtures/api/demo.api)', generate, goldenDir);

describe('gen api --style', () => {
  it.each([
    ['go-zero', 'src/logic/admin/place-order.ts', 'src/middleware/audit-log.ts'],
    ['go_zero', 'src/logic/admin/place_order.ts', 'src/middleware/audit_log.ts'],
    ['goZero', 'src/logic/admin/placeOrder.ts', 'src/middleware/auditLog.ts'],
    ['gozero', 'src/logic/admin/placeorder.ts', 'src/middleware/auditlog.ts'],
  ] as const)('%s names logic and middleware files', (style, logic, middleware) => {
    inDirectory(fixture, () => {
      const loaded = loadApi('demo.api');
      if (!loaded.document) throw new Error('demo.api did not load');
      const plan = generateApiProject(loaded.document, { style }, createRenderEnv(), runtime);
      const paths = plan.map((e) => e.path);
      expect(paths).toContain(logic);
      expect(paths).toContain(middleware);
      const routes = plan.find((e) => e.path === 'src/routes.ts')?.content ?? '';
      expect(routes).toContain(`from './${logic.slice(4, -3)}.ts'`);
      expect(routes).toContain(`from './${middleware.slice(4, -3)}.ts'`);
    });
  });
});
