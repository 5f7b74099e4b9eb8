/**
 * The generated client of fixtures/api-client/everything, pinned byte for byte under its golden/
 * folder (`npm run test:update-goldens` rewrites it). Also: generation is deterministic and every file says
 * it is generated and where from.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownerFromHeader } from '../../../src/ownership.js';
import { checkPlan } from '../../../src/gen/plan.js';
import { describeGoldenTree } from '../../helpers/golden-tree.js';
import { fixtureDir, generateFixture } from './harness.js';

const goldenDir = path.join(fixtureDir, 'golden');

describe('gen client golden (fixtures/api-client/everything)', () => {
  const plan = generateFixture();

  it('is a valid, deterministic plan of two generated files naming their source', () => {
    checkPlan(plan);
    expect(generateFixture()).toEqual(plan);
    expect(plan.map((entry) => [entry.path, entry.owner, ownerFromHeader(entry.path, entry.content), entry.content.split('\n')[1]])).toEqual([
      ['client.ts', 'generated', 'generated', '// source: everything.api'],
      ['types.ts', 'generated', 'generated', '// source: everything.api'],
    ]);
  });

  describe('matches the golden files byte for byte', () => {
    describeGoldenTree(plan, goldenDir);
  });
});
