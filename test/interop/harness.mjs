// @ts-check
/**
 * The go-zero harness: builds the real goctl (and the protoc plugins its `rpc protoc` drives) from the
 * Go module pinned in test/interop/go/tools/, into .tsctl-cache/go/, so tests can run goctl side by
 * side with tsctl. Builds are keyed by the content of go.mod + go.sum and the Go version: a second
 * `npm test` reuses them; a change of pins rebuilds. Each build step prints one line (Go builds take
 * minutes cold on 2 cores). Used by the tests (ensureTools) and by `npm run interop:build`.
 *
 * Where Go is missing, goStatus() says why; tests skip (never pass) and print that line, unless
 * TSCTL_REQUIRE_GO=1 (.ci/run sets it), where a missing Go is a failure.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const goCacheDir = path.join(repoRoot, '.tsctl-cache', 'go');
export const toolsModuleDir = path.join(repoRoot, 'test/interop/go/tools');

/** The Go programs of the tools module, by the name of the binary they build. */
const TOOLS = {
  goctl: 'github.com/zeromicro/go-zero/tools/goctl',
  'protoc-gen-go': 'google.golang.org/protobuf/cmd/protoc-gen-go',
  'protoc-gen-go-grpc': 'google.golang.org/grpc/cmd/protoc-gen-go-grpc',
};

/** The oldest Go that builds go-zero 1.10. */
const MIN_GO = [1, 25];

/** @returns {{ available: true, version: string } | { available: false, reason: string }} */
export function goStatus() {
  const result = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' });
  if (result.error) return { available: false, reason: `no Go toolchain (\`go\` not found on PATH: ${result.error.message})` };
  const version = result.stdout.trim();
  const m = /^go(\d+)\.(\d+)/.exec(version);
  if (result.status !== 0 || !m) return { available: false, reason: `\`go env GOVERSION\` failed: ${result.stderr.trim() || version}` };
  const [major, minor] = [Number(m[1]), Number(m[2])];
  if (major < MIN_GO[0] || (major === MIN_GO[0] && minor < MIN_GO[1])) {
    return { available: false, reason: `${version} is older than go${MIN_GO.join('.')}, which go-zero 1.10 needs` };
  }
  return { available: true, version };
}

/** True when a missing Go must fail the suite rather than skip it (CI). */
export function goRequired() {
  return process.env.TSCTL_REQUIRE_GO === '1';
}

/** Short content hash of files (by their path in the repository, so a clone elsewhere hits the same key) and strings, for cache keys. */
export function contentHash(/** @type {readonly string[]} */ files, /** @type {readonly string[]} */ extra = []) {
  const hash = createHash('sha256');
  for (const file of files) hash.update(path.relative(repoRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  for (const text of extra) hash.update(text).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** Prints one progress line (stderr, so test reporters and --json output stay clean). */
export function progress(/** @type {string} */ message) {
  process.stderr.write(`[go-zero harness] ${message}\n`);
}

/**
 * Runs a command, throwing with its output when it fails.
 * @param {string} command @param {readonly string[]} args @param {{ cwd: string, env?: NodeJS.ProcessEnv, timeoutMs?: number }} options
 */
export function run(command, args, options) {
  const result = spawnSync(command, [...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 15 * 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${options.cwd}) failed${result.error ? `: ${result.error.message}` : ` with ${result.status ?? result.signal}`}\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

/**
 * Builds into `dir` once: runs `build(staging)` in a fresh staging folder, marks it complete and renames
 * it into place; a concurrent builder that loses the race uses the winner's. Returns `dir`.
 * @param {string} dir @param {(staging: string) => void} build
 */
export function buildOnce(dir, build) {
  if (existsSync(path.join(dir, '.complete'))) return dir;
  const staging = `${dir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    build(staging);
    writeFileSync(path.join(staging, '.complete'), '');
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (existsSync(path.join(dir, '.complete'))) return dir;
    throw error;
  }
  return dir;
}

/**
 * goctl, protoc-gen-go and protoc-gen-go-grpc, built from the pinned tools module (cached).
 * @returns {{ goctl: string, protocGenGo: string, protocGenGoGrpc: string, binDir: string }}
 */
export function ensureTools() {
  const status = goStatus();
  if (!status.available) throw new Error(`go-zero harness: ${status.reason}`);
  const key = contentHash([path.join(toolsModuleDir, 'go.mod'), path.join(toolsModuleDir, 'go.sum')], [status.version]);
  const dir = path.join(goCacheDir, `tools-${key}`);
  if (!existsSync(path.join(dir, '.complete'))) {
    buildOnce(dir, (staging) => {
      for (const [name, pkg] of Object.entries(TOOLS)) {
        progress(`building ${name} (${pkg}, pinned in test/interop/go/tools/go.mod) with ${status.version}…`);
        const started = Date.now();
        run('go', ['build', '-trimpath', '-o', path.join(staging, name), pkg], { cwd: toolsModuleDir, env: { GOFLAGS: '-mod=readonly' } });
        progress(`built ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
    });
  }
  return {
    goctl: path.join(dir, 'goctl'),
    protocGenGo: path.join(dir, 'protoc-gen-go'),
    protocGenGoGrpc: path.join(dir, 'protoc-gen-go-grpc'),
    binDir: dir,
  };
}

/** The goctl version the tools module pins (from go.mod). */
export function goctlVersion() {
  const m = /github\.com\/zeromicro\/go-zero\/tools\/goctl (v[\d.]+)/.exec(readFileSync(path.join(toolsModuleDir, 'go.mod'), 'utf8'));
  if (!m) throw new Error('test/interop/go/tools/go.mod pins no goctl');
  return m[1];
}
