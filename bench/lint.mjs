// npm run bench:lint — what a pre-commit hook pays: `tsctl lint` on 5 small .api files and
// `tsctl --version`, against `node -e 0` (Node's own start-up), alternating runs, median wall time.
// Targets: lint of 5 files ≤ 400 ms, --version ≤ 150 ms.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 15);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-bench-lint-'));
const tsctl = path.join(repo, 'bin/tsctl.js');

function wall(args) {
  const start = process.hrtime.bigint();
  try {
    execFileSync(process.execPath, args, { cwd: tmp, stdio: 'pipe' });
  } catch (error) {
    // lint exits 1 when it finds something: that is a result, not a failure of the benchmark.
    if (error.status !== 1) throw error;
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
  const cases = [
    ['node -e 0', ['-e', '0']],
    ['tsctl --version', [tsctl, '--version']],
    [`tsctl lint (${files.length} files)`, [tsctl, 'lint', ...files]],
  ];
  const times = cases.map(() => []);
  for (let i = 0; i < runs; i += 1) cases.forEach(([, args], c) => times[c].push(wall(args)));
  console.log(`median wall time of ${runs} alternating runs`);
  const medians = times.map(median);
  cases.forEach(([name], c) => console.log(`${name.padEnd(26)} ${medians[c].toFixed(0).padStart(5)} ms`));
  console.log(`tsctl --version: ${medians[1] <= 150 ? 'met' : 'NOT met'} (≤ 150 ms); lint: ${medians[2] <= 400 ? 'met' : 'NOT met'} (≤ 400 ms); lint over node start-up: ${(medians[2] / medians[0]).toFixed(1)}×`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
