/**
 * Golden trees: a generated plan compared file by file with a committed folder (`UPDATE_GOLDENS=1`
 * rewrites the folder from the plan first).
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownerFromHeader } from '../../src/gen/headers.js';
import { type Plan, checkPlan } from '../../src/gen/plan.js';

/** Every file below `dir`, by posix path relative to `base`, sorted. */
export function readTree(dir: string, base = dir): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) for (const [k, v] of readTree(full, base)) out.set(k, v);
    else out.set(path.relative(base, full).split(path.sep).join('/'), readFileSync(full, 'utf8'));
  }
  return out;
}

/** Asserts that `goldenDir` holds exactly the plan's files with exactly their contents. */
export function expectGoldenTree(plan: Plan, goldenDir: string): void {
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
}

/** Runs `work` with `dir` as the working directory (IR paths are as given, like a user's run there). */
export function inDirectory<T>(dir: string, work: () => T): T {
  const previous = process.cwd();
  process.chdir(dir);
  try {
    return work();
  } finally {
    process.chdir(previous);
  }
}

/**
 * The three checks every generated project's golden test makes: the plan is valid and the same on a
 * second run, every file (but JSON, which has no comments) says who owns it, and the golden folder
 * holds exactly the plan's files.
 */
export function describeGoldenProject(title: string, generate: () => Plan, goldenDir: string): void {
  describe(title, () => {
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
}
