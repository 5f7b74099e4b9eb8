// npm run bench:gen — `tsctl gen rpc` against `protoc --ts_proto_out` (Debian's protoc + ts-proto) on
// the same large seeded proto (100 services, 1,000 messages), alternating runs in one process tree,
// printing each tool's median wall time and the ratio. Targets: tsctl ≥ 3× faster, < 1 s wall.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

try {
  const protoDir = path.join(tmp, 'proto');
  mkdirSync(protoDir);
  const proto = path.join(protoDir, 'big.proto');
  writeFileSync(proto, makeBigProto({ seed: 42, services: 100, messages: 1000 }));
  const protoc = protocPath();
  const tsctlRuns = [];
  const protocRuns = [];
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
  }
  const a = median(tsctlRuns);
  const b = median(protocRuns);
  console.log(`proto: 100 services × 10 methods, 1000 messages (${runs} alternating runs each, median wall time)`);
  console.log(`tsctl gen rpc            ${a.toFixed(0).padStart(6)} ms   [${tsctlRuns.map((t) => t.toFixed(0)).join(', ')}]`);
  console.log(`protoc --ts_proto_out    ${b.toFixed(0).padStart(6)} ms   [${protocRuns.map((t) => t.toFixed(0)).join(', ')}]`);
  console.log(`ratio (protoc+ts-proto / tsctl): ${(b / a).toFixed(2)}×   target ≥ 3×: ${b / a >= 3 ? 'met' : 'NOT met'}; tsctl < 1 s: ${a < 1000 ? 'met' : 'NOT met'}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
