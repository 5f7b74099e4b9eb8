// npm run bench:lint — what a pre-commit hook pays: `tsctl lint` on 5 small .api files, on 5 small
// .proto files (beside `buf lint` and `buf format -d` on the same files, when the buf dev dependency is
// installed) and `tsctl --version`, against `node -e 0` (Node's own start-up), alternating runs,
// median wall time. Targets: lint of 5 files ≤ 400 ms, --version ≤ 150 ms.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 15);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-bench-lint-'));
const tsctl = path.join(repo, 'bin/tsctl.js');

function wall(args, program = process.execPath) {
  const start = process.hrtime.bigint();
  try {
    execFileSync(program, args, { cwd: tmp, stdio: 'pipe' });
  } catch (error) {
    // lint exits 1 (buf: 100) when it finds something: that is a result, not a failure of the benchmark.
    if (error.status !== 1 && error.status !== 100) throw error;
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
  const sources = ['fixtures/api/demo.api', 'fixtures/api/demo-types.api', 'bench/http/bench.api'].map((f) => path.join(repo, f));
  const corpus = path.resolve(repo, '../shared/corpus/go-zero/_probes');
  for (const name of readdirSync(corpus).filter((n) => n.endsWith('.api')).slice(0, 2)) sources.push(path.join(corpus, name));
  sources.forEach((source, i) => copyFileSync(source, path.join(tmp, i < 2 ? path.basename(source) : `f${i}.api`)));
  const files = readdirSync(tmp).filter((n) => n.endsWith('.api'));
  const protoCorpus = path.resolve(repo, '../shared/corpus/go-zero/tools/goctl/rpc/test/proto');
  const protos = ['01_no_import/greeter.proto', '02_import_sibling/types.proto', '03_import_subdir/common/types.proto', '04_transitive/base.proto', '05_multiple/shared.proto'];
  protos.forEach((p, i) => copyFileSync(path.join(protoCorpus, p), path.join(tmp, `p${i}.proto`)));
  const protoFiles = protos.map((_, i) => `p${i}.proto`);
  const cases = [
    ['node -e 0', ['-e', '0']],
    ['tsctl --version', [tsctl, '--version']],
    [`tsctl lint (${files.length} .api)`, [tsctl, 'lint', ...files]],
    [`tsctl lint (${protoFiles.length} .proto)`, [tsctl, 'lint', ...protoFiles]],
  ];
  const buf = path.join(repo, 'node_modules/.bin/buf');
  // buf is a native binary: run through `node -e` it would pay Node's start-up too, so it is timed bare.
  const bare = new Set();
  if (existsSync(buf)) {
    cases.push([`buf lint (${protoFiles.length} .proto)`, [buf, 'lint', ...protoFiles.flatMap((f) => ['--path', f])]]);
    cases.push([`buf format -d (${protoFiles.length} .proto)`, [buf, 'format', '-d', ...protoFiles.flatMap((f) => ['--path', f])]]);
    bare.add(cases.length - 2).add(cases.length - 1);
  }
  const times = cases.map(() => []);
  for (let i = 0; i < runs; i += 1) cases.forEach(([, args], c) => times[c].push(bare.has(c) ? wall(args.slice(1), args[0]) : wall(args)));
  console.log(`median wall time of ${runs} alternating runs`);
  const medians = times.map(median);
  cases.forEach(([name], c) => console.log(`${name.padEnd(26)} ${medians[c].toFixed(0).padStart(5)} ms`));
  console.log(
    `tsctl --version: ${medians[1] <= 150 ? 'met' : 'NOT met'} (≤ 150 ms); lint .api: ${medians[2] <= 400 ? 'met' : 'NOT met'}, lint .proto: ${medians[3] <= 400 ? 'met' : 'NOT met'} (≤ 400 ms); lint over node start-up: ${(medians[2] / medians[0]).toFixed(1)}× (.api), ${(medians[3] / medians[0]).toFixed(1)}× (.proto)`,
  );
  if (bare.size > 0) console.log(`tsctl lint .proto / buf lint: ${(medians[3] / medians[4]).toFixed(2)}×`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
