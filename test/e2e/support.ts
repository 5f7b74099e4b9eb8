/**
 * Shared plumbing for end-to-end tests of generated projects: one cached `npm install` of the
 * dependencies generated projects pin (shared by every case, keyed by their hash), linked into each
 * generated project; the TypeScript compiler from that install; and processes that are always stopped.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOnce } from '../interop/harness.mjs';
import { DEV_DEPENDENCIES, type Dependency, RUNTIME_PACKAGES, dependenciesOf, overridesOf } from '../../src/gen/runtime/dependencies.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cacheRoot = path.join(repoRoot, '.tsctl-cache');

/**
 * Installs `dependencies` once into .tsctl-cache/deps-<hash>/ and returns its node_modules. The install
 * is engine-strict: a pinned range that stops supporting the running Node fails here, not for a user. Concurrent
 * test files race safely: each installs into a temp dir and renames it into place.
 */
export function sharedNodeModules(dependencies: readonly Dependency[], overrides: readonly Dependency[] = []): string {
  const sorted = [...dependencies].sort((a, b) => (a.name < b.name ? -1 : 1));
  const hash = createHash('sha256').update(JSON.stringify([sorted, overrides])).digest('hex').slice(0, 16);
  const dir = path.join(cacheRoot, `deps-${hash}`);
  const nodeModules = path.join(dir, 'node_modules');
  buildOnce(dir, (staging) => {
    const manifest = {
      name: 'tsctl-e2e-deps',
      private: true,
      dependencies: Object.fromEntries(sorted.map((d) => [d.name, d.range])),
      ...(overrides.length > 0 ? { overrides: Object.fromEntries(overrides.map((d) => [d.name, d.range])) } : {}),
    };
    writeFileSync(path.join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const result = spawnSync('npm', ['install', '--engine-strict', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: staging, encoding: 'utf8', stdio: 'pipe' });
    if (result.status !== 0) throw new Error(`npm install for e2e projects failed:\n${result.stdout}\n${result.stderr}`);
  });
  return nodeModules;
}

/**
 * One install for every generated project, HTTP or gRPC: every package of the dependency table at its
 * pinned range, the dev tools, and the overrides they need.
 */
export function projectNodeModules(): string {
  const names = Object.keys(RUNTIME_PACKAGES);
  return sharedNodeModules([...dependenciesOf(names), ...DEV_DEPENDENCIES], overridesOf(names));
}

/** Makes `project/node_modules` point at the shared install. */
export function linkNodeModules(project: string, nodeModules: string): void {
  const link = path.join(project, 'node_modules');
  if (!existsSync(link)) symlinkSync(nodeModules, link, 'dir');
}

/** Runs the TypeScript compiler of the shared install. */
export function tsc(nodeModules: string, args: readonly string[], cwd: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [path.join(nodeModules, 'typescript/bin/tsc'), ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

export interface StartedProcess {
  readonly child: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the first match of `pattern` in the output, or rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code once the process ends by itself; stops it and rejects after `timeoutMs`. */
  exit(timeoutMs?: number): Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

/** Starts a process whose lifetime the caller owns: always `stop()` it (in afterAll/finally). */
export function startProcess(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): StartedProcess {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    text += chunk.toString('utf8');
    for (const l of listeners) l();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => text,
    waitFor(pattern, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const m = pattern.exec(text);
          if (m) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${pattern} in:\n${text}`));
        }, timeoutMs);
        listeners.add(check);
        exited.then(() => {
          if (listeners.has(check)) {
            listeners.delete(check);
            clearTimeout(timer);
            reject(new Error(`process exited before printing ${pattern}:\n${text}`));
          }
        });
        check();
      });
    },
    async exit(timeoutMs = 20_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`process did not exit within ${timeoutMs} ms:\n${text}`));
        }, timeoutMs);
      });
      try {
        return await Promise.race([exited, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
