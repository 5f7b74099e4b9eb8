/**
 * The generated client of fixtures/api-client/everything, pinned byte for byte under its golden/
 * folder (`UPDATE_GOLDENS=1` rewrites it). Also: generation is deterministic and every file says
 * it is generated and where from.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownerFromHeader } from '../../../src/gen/headers.js';
import { checkPlan } from '../../../src/gen/plan.js';
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

  it('matches the golden files byte for byte', () => {
    if (process.env.UPDATE_GOLDENS === '1') {
      rmSync(goldenDir, { recursive: true, force: true });
      mkdirSync(goldenDir, { recursive: true });
      for (const entry of plan) writeFileSync(path.join(goldenDir, entry.path), entry.content);
    }
    expect(readdirSync(goldenDir).sort()).toEqual(plan.map((entry) => entry.path));
    for (const entry of plan) {
      expect([entry.path, readFileSync(path.join(goldenDir, entry.path), 'utf8')]).toEqual([entry.path, entry.content]);
    }
  });
});
