/**
 * Runs the built CLI (`bin/tsctl.js` → `dist/`) as a real process, the way a user does.
 * `npm test` builds first; running vitest alone needs `npm run build` beforehand.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(repoRoot, 'bin/tsctl.js');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  /** Working directory; the repository root by default. */
  readonly cwd?: string;
  /** Text piped to stdin; stdin is empty otherwise. */
  readonly input?: string;
  /** Extra environment variables (NO_COLOR=1 is set and FORCE_COLOR removed unless given here). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export function assertBuilt(): void {
  if (!existsSync(path.join(repoRoot, 'dist/cli/main.js'))) {
    throw new Error('dist/cli/main.js is missing: run `npm run build` first (`npm test` does)');
  }
}

export function tsctl(args: readonly string[], options: CliOptions = {}): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? repoRoot,
    env,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
