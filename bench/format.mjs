// npm run bench:format — the .proto formatter against buf format (the @bufbuild/buf dev dependency) on
// the same generated files, side by side in one run: `tsctl proto format` and `buf format` as processes
// (alternating runs, median wall time), and formatProto in-process per 1,000 lines once warm.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 11);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tsctl-bench-format-'));
const tsctl = path.join(repo, 'bin/tsctl.js');
const buf = path.join(repo, 'node_modules/.bin/buf');
const { formatProto } = await import(path.join(repo, 'dist/parse/proto/format/index.js'));

/** A messy contract of about `lines` lines: comments, options, maps, nested types, a service. */
function contract(lines) {
  const out = ['syntax="proto3";', 'package big.v1;', 'import "google/protobuf/timestamp.proto";', 'option go_package="big/v1";'];
  for (let m = 0; out.length < lines; m += 1) {
    out.push(`// Message ${m}.`, `message M${m}{`);
    for (let f = 1; f <= 6; f += 1) out.push(`    string f${f}=${f} [deprecated=true,json_name="x${f}"]; // field ${f}`);
    out.push('  map<string,int32> counts = 7;', `  enum E${m} { E${m}_UNSPECIFIED = 0; E${m}_ONE = 1; }`, '  google.protobuf.Timestamp at = 8;', '}');
  }
  out.push('service Big{', ...Array.from({ length: 20 }, (_, i) => `  rpc Call${i} (M0)returns(stream M1);`), '}');
  return `${out.join('\n')}\n`;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function wall(program, args) {
  const start = process.hrtime.bigint();
  execFileSync(program, args, { cwd: tmp, stdio: 'pipe', maxBuffer: 1 << 28 });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

try {
  console.log(`median of ${runs} alternating runs`);
  for (const size of [1_000, 20_000]) {
    const source = contract(size);
    const file = `big-${size}.proto`;
    writeFileSync(path.join(tmp, file), source);
    const ours = formatProto(source);
    if (!ours.ok) throw new Error(`formatProto failed: ${ours.error.message}`);
    const inProcess = [];
    for (let i = 0; i < runs; i += 1) {
      const start = process.hrtime.bigint();
      formatProto(source);
      inProcess.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const cases = [['tsctl proto format', process.execPath, [tsctl, 'proto', 'format', file]]];
    if (existsSync(buf)) cases.push(['buf format', buf, ['format', file]]);
    const times = cases.map(() => []);
    for (let i = 0; i < runs; i += 1) cases.forEach(([, program, args], c) => times[c].push(wall(program, args)));
    const medians = times.map(median);
    const lines = source.split('\n').length - 1;
    console.log(`${lines} lines: formatProto in-process ${median(inProcess).toFixed(1)} ms (${((median(inProcess) * 1000) / lines).toFixed(1)} ms per 1,000 lines)`);
    cases.forEach(([name], c) => console.log(`  ${name.padEnd(20)} ${medians[c].toFixed(0).padStart(6)} ms`));
    if (cases.length > 1) {
      const same = execFileSync(buf, ['format', file], { cwd: tmp, encoding: 'utf8', maxBuffer: 1 << 28 }) === ours.text;
      console.log(`  tsctl / buf: ${(medians[0] / medians[1]).toFixed(2)}× wall time; same output: ${same ? 'yes' : 'NO'}`);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
