/**
 * The generated tree of fixtures/rpc/shop, pinned byte for byte under fixtures/rpc/shop/golden/
 * (`UPDATE_GOLDENS=1` rewrites it). Also: generation is deterministic and every file has an owner
 * header that says whether tsctl may rewrite it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownerFromHeader } from '../../../src/gen/headers.js';
import { checkPlan } from '../../../src/gen/plan.js';
import { createRenderEnv } from '../../../src/gen/render.js';
import { generateRpcProject } from '../../../src/gen/rpc/project.js';
import { loadProto } from '../../../src/parse/proto/index.js';
import { repoRoot } from '../../helpers/corpus.js';
import { expectGoldenTree, inDirectory } from '../../helpers/golden-tree.js';

const fixture = path.join(repoRoot, 'fixtures/rpc/shop');
const goldenDir = path.join(fixture, 'golden');
const runtime = (relative: string): string => readFileSync(path.join(repoRoot, 'templates/runtime', relative), 'utf8');

function generate() {
  // Paths in the IR are as given: generate from the fixture folder, as a user would run tsctl there.
  return inDirectory(fixture, () => {
    const loaded = loadProto('shop.proto');
    expect(loaded.diagnostics).toEqual([]);
    if (!loaded.document) throw new Error('shop.proto did not load');
    return generateRpcProject(loaded.document, { name: 'shop' }, createRenderEnv(), runtime);
  });
}

describe('gen rpc golden tree (fixtures/rpc/shop)', () => {
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
    expectGoldenTree(plan, goldenDir);
  });
});
