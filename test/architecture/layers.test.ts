/**
 * The layering of src/ and templates/runtime/ (.dependency-cruiser.cjs, docs/architecture.md): the real
 * tree breaks no rule, and a small planted tree breaking the rules gets exactly the violations it
 * should, so a rule that stops matching (a typo in a path pattern, imports no longer resolved) fails
 * here instead of passing silently. `npm run check:layers` runs the same check from the command line.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ICruiseResult, type IViolation, cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CONFIG = path.join(repoRoot, '.dependency-cruiser.cjs');
const TSCONFIG = path.join(repoRoot, 'tsconfig.json');
const TARGETS = ['src', 'templates/runtime'];

interface LayerCheck {
  /** One line per violation: `rule: from → to`, with the cycle for circular imports. */
  readonly violations: string[];
  readonly modules: number;
}

/** Runs dependency-cruiser with the repository's config and tsconfig over `TARGETS` of `baseDir`. */
async function checkLayers(baseDir: string): Promise<LayerCheck> {
  const options = await extractDepcruiseOptions(CONFIG);
  const result = await cruise(
    TARGETS,
    { ...options, baseDir, tsConfig: { fileName: TSCONFIG }, outputType: 'json' },
    {},
    { tsConfig: extractTSConfig(TSCONFIG) },
  );
  const output = (typeof result.output === 'string' ? JSON.parse(result.output) : result.output) as ICruiseResult;
  return { violations: output.summary.violations.map(describeViolation).sort(), modules: output.modules.length };
}

function describeViolation(v: IViolation): string {
  const line = v.from === v.to ? `${v.rule.name}: ${v.from}` : `${v.rule.name}: ${v.from} → ${v.to}`;
  if (v.cycle === undefined || v.cycle.length === 0) return line;
  return `${line} (cycle: ${[v.from, ...v.cycle.map((step) => step.name)].join(' → ')})`;
}

describe('layering', () => {
  it('holds in src/ and templates/runtime/', async () => {
    const { violations, modules } = await checkLayers(repoRoot);
    expect(violations).toEqual([]);
    // A check that resolved nothing would pass too.
    expect(modules).toBeGreaterThan(100);
  });

  describe('bites', () => {
    // A few modules per layer, each planted violation marked; everything else is allowed.
    const files: Record<string, string> = {
      'src/ir/index.ts': 'export interface Document {\n  readonly name: string;\n}\n',
      // the bottom → gen
      'src/ownership.ts': "import { plan } from './gen/plan.js';\nexport const owner = plan;\n",
      // a top-level module in no layer
      'src/helpers.ts': "import type { Document } from './ir/index.js';\nexport const nameOf = (d: Document) => d.name;\n",
      // parse → gen; an import that does not resolve
      'src/parse/api/load.ts':
        "import type { Document } from '../../ir/index.js';\nimport { plan } from '../../gen/plan.js';\nimport { missing } from './missing.js';\nexport const load = (d: Document) => [plan(d), missing];\n",
      // one front end → the other
      'src/parse/proto/load.ts': "import { load } from '../api/load.js';\nexport const loadProto = load;\n",
      // imports nothing, imported by nothing
      'src/parse/unused.ts': 'export const unused = 1;\n',
      // shared gen code → a target; → a module in no layer
      'src/gen/plan.ts':
        "import type { Document } from '../ir/index.js';\nimport { nameOf } from '../helpers.js';\nimport { markdown } from './api-doc/markdown.js';\nexport const plan = (d: Document) => [nameOf(d), markdown];\n",
      'src/gen/api/schema.ts': "import type { Document } from '../../ir/index.js';\nexport const schema = (d: Document) => d.name;\n",
      'src/gen/api-doc/markdown.ts': "import { schema } from '../api/schema.js';\nexport const markdown = schema;\n",
      // one target → another (the shared ../api/ and ../plan.ts are fine)
      'src/gen/openapi/document.ts':
        "import { schema } from '../api/schema.js';\nimport { markdown } from '../api-doc/markdown.js';\nimport { plan } from '../plan.js';\nexport const all = [schema, markdown, plan];\n",
      // lint → gen
      'src/lint/eslint.ts': "import { plan } from '../gen/plan.js';\nexport const lint = plan;\n",
      // a cycle of type-only imports
      'src/lint/a.ts': "import type { B } from './b.js';\nexport interface A {\n  readonly b?: B;\n}\n",
      'src/lint/b.ts': "import type { A } from './a.js';\nexport interface B {\n  readonly a?: A;\n}\n",
      'src/cli/main.ts':
        "import type { A } from '../lint/a.js';\nimport { lint } from '../lint/eslint.js';\nimport { all } from '../gen/openapi/document.js';\nimport { loadProto } from '../parse/proto/load.js';\nexport const main = (a: A) => [a, lint, all, loadProto];\n",
      // the library entry point → the CLI
      'src/index.ts': "export { main } from './cli/main.js';\n",
      // core → http
      'templates/runtime/core/lifecycle.ts': "import { serve } from '../http/server.js';\nexport const start = serve;\n",
      'templates/runtime/http/server.ts': 'export const serve = () => 0;\n',
      // grpc → http (grpc → core is fine)
      'templates/runtime/grpc/server.ts':
        "import { start } from '../core/lifecycle.js';\nimport { serve } from '../http/server.js';\nexport const serveGrpc = [start, serve];\n",
      // etcd → core (etcd → protobuf is fine)
      'templates/runtime/etcd/client.ts':
        "import { start } from '../core/lifecycle.js';\nimport { wire } from '../protobuf/wire.js';\nexport const client = [start, wire];\n",
      'templates/runtime/protobuf/wire.ts': 'export const wire = 1;\n',
    };
    let tmp = '';
    beforeAll(() => {
      tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-layers-'));
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(tmp, file)), { recursive: true });
        writeFileSync(path.join(tmp, file), text);
      }
    });
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));

    it('reports every planted violation, and nothing else', async () => {
      const { violations } = await checkLayers(tmp);
      expect(violations).toEqual([
        'bottom-imports-only-bottom: src/ownership.ts → src/gen/plan.ts',
        'gen-shared-not-to-target: src/gen/plan.ts → src/gen/api-doc/markdown.ts',
        'gen-target-not-to-other-target: src/gen/openapi/document.ts → src/gen/api-doc/markdown.ts',
        'lint-not-to-gen-cli: src/lint/eslint.ts → src/gen/plan.ts',
        'no-circular: src/lint/a.ts → src/lint/b.ts (cycle: src/lint/a.ts → src/lint/b.ts → src/lint/a.ts)',
        'no-orphans: src/parse/unused.ts',
        'not-to-unresolvable: src/parse/api/load.ts → ./missing.js',
        'only-cli-imports-cli: src/index.ts → src/cli/main.ts',
        'parse-front-ends-independent: src/parse/proto/load.ts → src/parse/api/load.ts',
        'parse-not-to-gen-lint-cli: src/parse/api/load.ts → src/gen/plan.ts',
        'runtime-core-not-to-transport: templates/runtime/core/lifecycle.ts → templates/runtime/http/server.ts',
        'runtime-etcd-standalone: templates/runtime/etcd/client.ts → templates/runtime/core/lifecycle.ts',
        'runtime-transports-independent: templates/runtime/grpc/server.ts → templates/runtime/http/server.ts',
        'src-imported-module-has-a-layer: src/gen/plan.ts → src/helpers.ts',
        'src-module-has-a-layer: src/helpers.ts → src/ir/index.ts',
      ]);
    });
  });
});
