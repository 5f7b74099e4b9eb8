/**
 * `genClient` (the `tsctl gen client` command) in process: diagnostics refuse the run and write
 * nothing; --dry-run lists and writes nothing; a run writes client.ts and types.ts; --check reports drift.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../../../src/cli/context.js';
import { genClient } from '../../../src/cli/gen-client.js';
import { fixtureDir } from './harness.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-gen-client-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const api = path.join(fixtureDir, 'everything.api');

function context(): { ctx: CliContext; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    stdout: { color: false, write: async (text) => void out.push(text) },
    stderr: { color: false, write: async (text) => void err.push(text) },
    readStdin: async () => '',
    env: {},
  };
  return { ctx, out, err };
}

describe('genClient', () => {
  it('refuses an .api with errors: exit 1, located diagnostics, nothing written', async () => {
    const bad = path.join(tmp, 'bad.api');
    writeFileSync(bad, 'service s {\n  @handler h\n  get /x (Nope)\n}\n');
    const out = path.join(tmp, 'bad-out');
    const { ctx, out: stdout, err } = context();
    expect(await genClient(ctx, bad, { output: out })).toBe(1);
    expect(stdout).toEqual([]);
    expect(err.join('')).toContain('bad.api:3:');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a file that is not .api', async () => {
    await expect(genClient(context().ctx, 'x.proto', { output: tmp })).rejects.toThrow("x.proto: 'tsctl gen client' reads a .api file");
  });

  it('--dry-run lists, a run writes, a second run is unchanged, --check finds drift', async () => {
    const out = path.join(tmp, 'client');
    const dry = context();
    expect(await genClient(dry.ctx, api, { output: out, dryRun: true })).toBe(0);
    expect(dry.out.join('')).toBe(
      `would create ${path.join(out, 'client.ts')}\nwould create ${path.join(out, 'types.ts')}\n2 created, 0 updated, 0 unchanged (dry run: nothing written)\n`,
    );
    expect(existsSync(out)).toBe(false);

    expect(await genClient(context().ctx, api, { output: out })).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['client.ts', 'types.ts']);
    const again = context();
    expect(await genClient(again.ctx, api, { output: out })).toBe(0);
    expect(again.out.join('')).toBe('0 created, 0 updated, 2 unchanged\n');
    expect(await genClient(context().ctx, api, { output: out, check: true })).toBe(0);

    writeFileSync(path.join(out, 'types.ts'), `${readFileSync(path.join(out, 'types.ts'), 'utf8')}// edited\n`);
    const check = context();
    expect(await genClient(check.ctx, api, { output: out, check: true })).toBe(1);
    expect(check.out.join('')).toBe(`${path.join(out, 'types.ts')}\n`);
    expect(check.err.join('')).toBe('1 generated file out of date: run tsctl gen client\n');
  });
});
