/**
 * Golden trees: generated files compared byte for byte with a committed folder that must hold exactly
 * those files. `vitest -u` (`npm run test:update-goldens`) is the only way to update goldens: each file
 * is a `toMatchFileSnapshot`, and in update mode the folder also loses the files generation no longer
 * makes; otherwise a missing or extra file fails the test that lists them.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownerFromHeader } from '../../src/ownership.js';
import { type Plan, checkPlan } from '../../src/gen/plan.js';
import { repoRoot } from './corpus.js';

/** A file of a golden tree: its posix path below the tree's folder and its exact text. */
export interface GoldenFile {
  readonly path: string;
  readonly content: string;
}

/**
 * Whether vitest runs with `-u`/`--update`, that is, may rewrite goldens. Call it inside a test. It
 * reads the snapshot state vitest puts on `expect.getState()` (typed by vitest's `MatcherState`) and its
 * public `snapshotUpdateState` getter (@vitest/snapshot): `'all'` under `-u`, `'none'` in CI and `'new'`
 * otherwise.
 */
export function updatingGoldens(): boolean {
  return expect.getState().snapshotState.snapshotUpdateState === 'all';
}

/** Every file below `dir` by posix path relative to `base`, sorted; none when `dir` does not exist. */
export function listTree(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listTree(full, base));
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

/** Removes the folders below `dir` (not `dir`) that hold no file. */
function removeEmptyFolders(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const full = path.join(dir, entry.name);
    removeEmptyFolders(full);
    if (readdirSync(full).length === 0) rmSync(full, { recursive: true });
  }
}

/**
 * Defines the tests pinning `files` under `goldenDir`: one that the folder holds exactly these paths
 * (under `vitest -u` it first deletes the others), then one per file comparing its bytes.
 */
export function describeGoldenTree(files: readonly GoldenFile[], goldenDir: string): void {
  const wanted = files.map((file) => file.path);
  const label = path.relative(repoRoot, goldenDir).split(path.sep).join('/');

  it(`${label}/ holds exactly the generated files`, () => {
    const present = listTree(goldenDir);
    const extra = present.filter((file) => !wanted.includes(file));
    if (updatingGoldens()) {
      for (const file of extra) rmSync(path.join(goldenDir, file));
      if (existsSync(goldenDir)) removeEmptyFolders(goldenDir);
      return;
    }
    const missing = wanted.filter((file) => !present.includes(file));
    expect({ missing, extra }, 'golden files differ from the generated ones: run `npm run test:update-goldens` and review the diff').toEqual({ missing: [], extra: [] });
  });

  it.each(files.map((file) => [file.path, file.content] as const))('%s', async (file, content) => {
    const golden = path.join(goldenDir, file);
    // Without -u, vitest would write a missing file (update mode 'new'): a golden tree only changes under -u.
    if (!updatingGoldens() && !existsSync(golden)) expect.fail(`${label}/${file} is missing: run \`npm run test:update-goldens\``);
    await expect(content).toMatchFileSnapshot(golden);
  });
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

    describe('matches the golden tree byte for byte', () => {
      describeGoldenTree(plan, goldenDir);
    });
  });
}
