/**
 * The generated tree of fixtures/rpc/shop, pinned byte for byte under fixtures/rpc/shop/golden/
 * (`npm run test:update-goldens` rewrites it). Also: generation is deterministic and every file has an owner
 * header that says whether tsctl may rewrite it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRenderEnv } from '../../../src/gen/render.js';
import { generateRpcProject } from '../../../src/gen/rpc/project.js';
import { loadProto } from '../../../src/parse/proto/index.js';
import { repoRoot } from '../../helpers/corpus.js';
import { describeGoldenProject, inDirectory } from '../../helpers/golden-tree.js';

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

describeGoldenProject('gen rpc golden tree (fixtures/rpc/shop)', generate, goldenDir);
