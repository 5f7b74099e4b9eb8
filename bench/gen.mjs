// npm run bench:gen — generation speed, side by side in alternating runs of one process tree, median
// wall time of each tool and the ratios:
// - rpc: `tsctl gen rpc` against `protoc --ts_proto_out` (Debian's protoc + ts-proto) and against
//   go-zero's `goctl rpc protoc -m` (protoc-gen-go, protoc-gen-go-grpc, zrpc) on the same large seeded
//   proto (100 services, 1,000 messages). Targets: tsctl ≥ 3× faster than protoc + ts-proto, < 1 s.
// - api: `tsctl gen api` against `goctl api go` on the same seeded 100-route .api (reported, no target).
// goctl comes from the go-zero harness (test/interop/harness.mjs); without Go its columns say why not.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTools, goStatus, goctlVersion } from '../test/interop/harness.mjs';
import { makeBigApi } from './make-big-api.mjs';
import { makeBigProto } from './make-big-proto.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-bench-gen-'));

function protocPath() {
  const found = spawnSync('sh', ['-c', 'command -v protoc'], { encoding: 'utf8' }).stdout.trim();
  if (!found) {
    console.error('protoc not found: apt-get install -y protobuf-compiler');
    process.exit(2);
  }
  return found;
}

function time(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const ms = (t) => `${t.toFixed(0).padStart(6)} ms`;
const list = (runs) => `[${runs.map((t) => t.toFixed(0)).join(', ')}]`;

/** A fresh Go module folder for goctl to write into (it reads the module path from go.mod). */
function goModuleDir(name) {
  const dir = path.join(tmp, name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'go.mod'), 'module bench\n\ngo 1.25\n');
  return dir;
}

try {
  const go = goStatus();
  const tools = go.available ? ensureTools() : undefined;
  const goctlNote = go.available ? `goctl ${goctlVersion()}` : `goctl skipped: ${go.reason}`;
  const env = tools ? { ...process.env, PATH: `${tools.binDir}${path.delimiter}${process.env.PATH}` } : process.env;

  const protoDir = path.join(tmp, 'proto');
  mkdirSync(protoDir);
  const proto = path.join(protoDir, 'big.proto');
  // goctl needs a go_package; tsctl and ts-proto ignore it.
  writeFileSync(proto, makeBigProto({ seed: 42, services: 100, messages: 1000 }).replace('package bench.v1;', 'package bench.v1;\n\noption go_package = "./benchpb";'));
  const protoc = protocPath();
  const tsctlRuns = [];
  const protocRuns = [];
  const goctlRuns = [];
  for (let i = 0; i < runs; i += 1) {
    const outA = path.join(tmp, `tsctl-${i}`);
    tsctlRuns.push(time(() => execFileSync(process.execPath, [path.join(repo, 'bin/tsctl.js'), 'gen', 'rpc', proto, '-o', outA], { stdio: 'pipe' })));
    const outB = path.join(tmp, `tsproto-${i}`);
    mkdirSync(outB);
    protocRuns.push(
      time(() =>
        execFileSync(
          protoc,
          [
            `--plugin=protoc-gen-ts_proto=${path.join(repo, 'node_modules/.bin/protoc-gen-ts_proto')}`,
            `--ts_proto_out=${outB}`,
            '--ts_proto_opt=outputServices=grpc-js,esModuleInterop=true',
            `-I${protoDir}`,
            proto,
          ],
          { stdio: 'pipe' },
        ),
      ),
    );
    if (tools) {
      const outC = goModuleDir(`goctl-rpc-${i}`);
      goctlRuns.push(time(() => execFileSync(tools.goctl, ['rpc', 'protoc', proto, '--go_out=.', '--go-grpc_out=.', '--zrpc_out=.', '-m', `-I${protoDir}`], { cwd: outC, env, stdio: 'pipe' })));
    }
  }
  const a = median(tsctlRuns);
  const b = median(protocRuns);
  console.log(`rpc — proto: 100 services × 10 methods, 1000 messages (${runs} alternating runs each, median wall time; ${goctlNote})`);
  console.log(`tsctl gen rpc            ${ms(a)}   ${list(tsctlRuns)}`);
  console.log(`protoc --ts_proto_out    ${ms(b)}   ${list(protocRuns)}`);
  if (tools) console.log(`goctl rpc protoc -m      ${ms(median(goctlRuns))}   ${list(goctlRuns)}`);
  console.log(`ratio (protoc+ts-proto / tsctl): ${(b / a).toFixed(2)}×   target ≥ 3×: ${b / a >= 3 ? 'met' : 'NOT met'}; tsctl < 1 s: ${a < 1000 ? 'met' : 'NOT met'}`);
  if (tools) console.log(`ratio (goctl / tsctl): ${(median(goctlRuns) / a).toFixed(2)}× (reported, no target)`);

  const api = path.join(tmp, 'big.api');
  const apiText = makeBigApi({ seed: 42, routes: 100 });
  const tsctlApiRuns = [];
  const goctlApiRuns = [];
  for (let i = 0; i < runs; i += 1) {
    writeFileSync(api, apiText);
    tsctlApiRuns.push(time(() => execFileSync(process.execPath, [path.join(repo, 'bin/tsctl.js'), 'gen', 'api', api, '-o', path.join(tmp, `tsctl-api-${i}`)], { stdio: 'pipe' })));
    if (tools) {
      // goctl api go may rewrite the contract it reads (formatting): give it its own copy.
      const outD = goModuleDir(`goctl-api-${i}`);
      const own = path.join(outD, 'big.api');
      writeFileSync(own, apiText);
      goctlApiRuns.push(time(() => execFileSync(tools.goctl, ['api', 'go', '--api', own, '--dir', '.'], { cwd: outD, env, stdio: 'pipe' })));
    }
  }
  console.log('');
  console.log(`api — 100 routes in 10 groups (${runs} alternating runs each, median wall time; ${goctlNote})`);
  console.log(`tsctl gen api            ${ms(median(tsctlApiRuns))}   ${list(tsctlApiRuns)}`);
  if (tools) {
    console.log(`goctl api go             ${ms(median(goctlApiRuns))}   ${list(goctlApiRuns)}`);
    console.log(`ratio (goctl / tsctl): ${(median(goctlApiRuns) / median(tsctlApiRuns)).toFixed(2)}× (reported, no target)`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
