// npm run bench:http — the service `tsctl gen api` generates (one JSON route, validation on) against a
// bare Fastify app with the same route and schema (bench/http/bare.mjs), same process settings, each
// driven by autocannon from this (separate) process on loopback, in alternating runs. Prints req/s and
// p99 latency of both and the ratio. Target: generated ≥ 0.85× bare Fastify. Beside them (reported,
// not a target yet): the go-zero REST service goctl generates from the same bench.api with the same
// logic (test/interop/peers.mjs ensureBenchPeer; needs Go, else its row says why not).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { goStatus } from '../test/interop/harness.mjs';
import { ensureBenchPeer, freePort, waitForPort } from '../test/interop/peers.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const duration = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-bench-http-'));
const project = path.join(tmp, 'bench');

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
}

function start(args, cwd) {
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${text}`)));
  });
}

/** The goctl-generated go-zero service on a free loopback port (go-zero's defaults, logs at error level). */
async function startGoZero(binary) {
  const port = await freePort();
  const config = path.join(tmp, `go-zero-${port}.yaml`);
  writeFileSync(config, ['Name: bench-api', 'Host: 127.0.0.1', `Port: ${port}`, 'Mode: pro', 'Log:', '  Level: error', '  Stat: false', ''].join('\n'));
  const child = spawn(binary, ['-f', config], { stdio: ['ignore', 'ignore', 'inherit'] });
  await waitForPort(port, { timeoutMs: 20_000, alive: () => child.exitCode === null });
  return { child, url: `http://127.0.0.1:${port}` };
}

async function stop(server) {
  server.child.kill('SIGTERM');
  await new Promise((resolve) => server.child.on('exit', resolve));
}

async function load(url) {
  const result = await autocannon({
    url: `${url}/greet`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'tsctl', times: 3, lang: 'en' }),
    connections,
    duration,
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rps: result.requests.average, p99: result.latency.p99 };
}

try {
  run(process.execPath, [path.join(repo, 'bin/tsctl.js'), 'gen', 'api', path.join(repo, 'bench/http/bench.api'), '-o', project], repo);
  writeFileSync(
    path.join(project, 'src/logic/greet.ts'),
    `import type { RequestContext } from '../runtime/http/server.js';
import type { ServiceContext } from '../svc/context.js';
import type { GreetReq, GreetResp } from '../types.js';

export async function greet(svc: ServiceContext, request: GreetReq, ctx: RequestContext): Promise<GreetResp> {
  return { message: \`hello \${request.name}\`, times: request.times };
}
`,
  );
  writeFileSync(path.join(project, 'etc/bench.yaml'), process.env.BENCH_CONFIG ?? 'Name: bench-api\nHost: 127.0.0.1\nPort: 0\nMode: pro\n');
  symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  run(process.execPath, [path.join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], project);

  const go = goStatus();
  const goZero = go.available ? ensureBenchPeer().server : undefined;
  const generated = [];
  const bare = [];
  const gozero = [];
  for (let i = 0; i < rounds; i += 1) {
    for (const [name, args, cwd, into] of [
      ['generated', ['dist/main.js', '-f', 'etc/bench.yaml'], project, generated],
      ['bare', [path.join(repo, 'bench/http/bare.mjs')], repo, bare],
      ...(goZero ? [['go-zero', null, null, gozero]] : []),
    ]) {
      const server = args === null ? await startGoZero(goZero) : await start(args, cwd);
      try {
        into.push(await load(server.url));
      } finally {
        await stop(server);
      }
      process.stderr.write(`round ${i + 1}/${rounds} ${name}: ${into.at(-1).rps.toFixed(0)} req/s\n`);
    }
  }
  const mean = (list, key) => list.reduce((sum, r) => sum + r[key], 0) / list.length;
  const g = { rps: mean(generated, 'rps'), p99: mean(generated, 'p99') };
  const b = { rps: mean(bare, 'rps'), p99: mean(bare, 'p99') };
  console.log(`POST /greet with JSON validation, ${connections} connections, ${duration}s × ${rounds} alternating rounds each`);
  console.log(`generated (tsctl gen api)   ${g.rps.toFixed(0).padStart(7)} req/s   p99 ${g.p99.toFixed(1)} ms`);
  console.log(`bare Fastify               ${b.rps.toFixed(0).padStart(7)} req/s   p99 ${b.p99.toFixed(1)} ms`);
  if (goZero) {
    const z = { rps: mean(gozero, 'rps'), p99: mean(gozero, 'p99') };
    console.log(`go-zero (goctl api go)     ${z.rps.toFixed(0).padStart(7)} req/s   p99 ${z.p99.toFixed(1)} ms`);
    console.log(`ratio (generated / bare): ${(g.rps / b.rps).toFixed(2)}×   target ≥ 0.85×: ${g.rps / b.rps >= 0.85 ? 'met' : 'NOT met'}`);
    console.log(`ratio (generated / go-zero): ${(g.rps / z.rps).toFixed(2)}× (reported, no target)`);
  } else {
    console.log(`go-zero (goctl api go)     skipped: ${go.reason}`);
    console.log(`ratio (generated / bare): ${(g.rps / b.rps).toFixed(2)}×   target ≥ 0.85×: ${g.rps / b.rps >= 0.85 ? 'met' : 'NOT met'}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
