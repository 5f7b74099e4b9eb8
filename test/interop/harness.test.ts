/**
 * The go-zero harness where Go is missing: `npm test` (through test/interop/build.mjs) prints one
 * line saying the interop suite is skipped and why, and goes on; with TSCTL_REQUIRE_GO=1 (CI) it
 * fails instead. Simulated with a PATH that has node but no go.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './harness.mjs';

const bin = mkdtempSync(path.join(os.tmpdir(), 'tsctl-no-go-'));
symlinkSync(process.execPath, path.join(bin, 'node'));
afterAll(() => rmSync(bin, { recursive: true, force: true }));

function buildWithoutGo(env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(path.join(bin, 'node'), [path.join(repoRoot, 'test/interop/build.mjs')], {
    encoding: 'utf8',
    env: { PATH: bin, HOME: os.tmpdir(), ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the go-zero harness without Go', () => {
  it('prints one line saying the interop suite is skipped and why, and exits 0', () => {
    const result = buildWithoutGo({});
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^\[go-zero harness\] skipped: no Go toolchain \(`go` not found on PATH: .*\); the go-zero interop and goctl differential tests will be skipped\n$/);
  });

  it('fails, saying why, where Go is required (TSCTL_REQUIRE_GO=1, as .ci/run sets)', () => {
    const result = buildWithoutGo({ TSCTL_REQUIRE_GO: '1' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^\[go-zero harness\] cannot run: no Go toolchain \(`go` not found on PATH: .*\), and TSCTL_REQUIRE_GO=1 requires the go-zero interop suite\n$/);
  });
});
