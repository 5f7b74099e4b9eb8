/**
 * Bounded, seeded fuzzing of the `.api` front end (issue 2, item 5): mutants of every corpus `.api` file
 * go through `parseApi`, `loadApi` and (once it exists) `formatApi`. They must only ever return
 * diagnostics: never throw, never hang, never take more than CALL_LIMIT_MS on one call, and every
 * diagnostic is located (line, column ≥ 1, offsets inside the file) with an `APInnnn` code.
 *
 *   TSCTL_FUZZ_ITERATIONS  mutants to try (default 3000; `npm run fuzz` uses 50000)
 *   TSCTL_FUZZ_SEED        the run's seed (default below); mutant i is a pure function of (seed, i)
 *
 * A failure prints the seed, the iteration, the mutations and the mutant text. A call that never
 * returns cannot be interrupted from the same thread, so a watchdog thread prints the mutant and
 * kills the test process when no call has finished for HANG_MS.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/diagnostics.js';
import type { ApiFile } from '../../../src/parse/api/ast.js';
import { loadApi } from '../../../src/parse/api/index.js';
import { parseApi } from '../../../src/parse/api/parser.js';
import { corpusPath, listCorpusApiFiles, readCorpusFile } from '../../helpers/corpus.js';
import { makeMutant } from '../../helpers/api-mutator.js';

const DEFAULT_SEED = 0x2a5eed;
const SEED = envInteger('TSCTL_FUZZ_SEED', DEFAULT_SEED) >>> 0;
const ITERATIONS = envInteger('TSCTL_FUZZ_ITERATIONS', 3000);
const CALL_LIMIT_MS = 2000;
const HANG_MS = 30_000;
const MAX_REPORTED_FAILURES = 5;

function envInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
  return value;
}

// ── checks ────────────────────────────────────────────────────────────────────────────────────

/** What is wrong with a diagnostic, or undefined. `source` is the text of the file it points into. */
function diagnosticProblem(d: Diagnostic, source: string | undefined): string | undefined {
  const { start, end } = d.span;
  const where = `${d.code} ${start.line}:${start.column} (${d.message})`;
  if (!/^API\d{4}$/.test(d.code)) return `bad code: ${where}`;
  if (!(start.line >= 1 && start.column >= 1 && end.line >= 1 && end.column >= 1)) return `bad line/column: ${where}`;
  if (typeof d.message !== 'string' || d.message === '') return `empty message: ${where}`;
  if (!['error', 'warning', 'info'].includes(d.severity)) return `bad severity ${d.severity}: ${where}`;
  if (source !== undefined && !(start.offset >= 0 && start.offset <= end.offset && end.offset <= source.length)) {
    return `span offsets ${start.offset}..${end.offset} outside the file (length ${source.length}): ${where}`;
  }
  return undefined;
}

type FormatApi = (ast: ApiFile) => unknown;

/** `formatApi` from src/parse/api/format.ts, or undefined while that module does not exist. */
async function loadFormatter(): Promise<FormatApi | undefined> {
  const url = new URL('../../../src/parse/api/format.ts', import.meta.url);
  if (!existsSync(url)) return undefined;
  const mod = (await import(/* @vite-ignore */ url.href)) as { formatApi?: unknown };
  return typeof mod.formatApi === 'function' ? (mod.formatApi as FormatApi) : undefined;
}

// ── the watchdog ──────────────────────────────────────────────────────────────────────────────

/** Shared with the watchdog thread: [calls finished, mutant byte length, done, iteration]. */
const STATE_SLOTS = 4;
const TEXT_BYTES = 1 << 20;

const WATCHDOG_SOURCE = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const state = new Int32Array(workerData.state);
const text = new Uint8Array(workerData.text);
let last = -1;
let since = Date.now();
const timer = setInterval(() => {
  if (Atomics.load(state, 2) === 1) return clearInterval(timer);
  const calls = Atomics.load(state, 0);
  if (calls !== last) { last = calls; since = Date.now(); return; }
  if (Date.now() - since < workerData.hangMs) return;
  const mutant = new TextDecoder().decode(text.slice(0, Atomics.load(state, 1)));
  writeSync(2, '\\nfuzz: HANG — no call returned for ' + workerData.hangMs + ' ms at TSCTL_FUZZ_SEED=' + workerData.seed +
    ' iteration ' + Atomics.load(state, 3) + '\\nmutant: ' + JSON.stringify(mutant) + '\\n');
  process.kill(process.pid, 'SIGKILL');
}, 250);
`;

class Watchdog {
  private readonly state = new Int32Array(new SharedArrayBuffer(STATE_SLOTS * 4));
  private readonly text = new Uint8Array(new SharedArrayBuffer(TEXT_BYTES));
  private readonly encoder = new TextEncoder();
  private readonly worker: Worker;

  constructor() {
    this.worker = new Worker(WATCHDOG_SOURCE, {
      eval: true,
      workerData: { state: this.state.buffer, text: this.text.buffer, hangMs: HANG_MS, seed: SEED },
    });
    this.worker.unref();
  }

  watch(iteration: number, mutant: string): void {
    const { written } = this.encoder.encodeInto(mutant, this.text);
    Atomics.store(this.state, 1, written);
    Atomics.store(this.state, 3, iteration);
    this.tick();
  }

  tick(): void {
    Atomics.add(this.state, 0, 1);
  }

  async stop(): Promise<void> {
    Atomics.store(this.state, 2, 1);
    await this.worker.terminate();
  }
}

// ── the test ──────────────────────────────────────────────────────────────────────────────────

describe(`fuzz: ${ITERATIONS} mutants, TSCTL_FUZZ_SEED=${SEED}`, () => {
  const seedFiles = listCorpusApiFiles();
  const texts = seedFiles.map(readCorpusFile);
  const byAbsolute = new Map(seedFiles.map((file, i) => [corpusPath(file), texts[i] as string]));
  let watchdog: Watchdog;

  beforeAll(() => {
    watchdog = new Watchdog();
  });
  afterAll(async () => {
    await watchdog.stop();
  });

  it('has every corpus .api file as a seed', () => {
    expect(seedFiles.length).toBe(835);
  });

  it(
    'parseApi, loadApi and formatApi only ever return diagnostics, quickly',
    async () => {
      const formatApi = await loadFormatter();
      const failures: string[] = [];
      const stats = { parsedClean: 0, formatted: 0, slowestMs: 0, slowestCall: '' };

      for (let iteration = 0; iteration < ITERATIONS && failures.length < MAX_REPORTED_FAILURES; iteration += 1) {
        const mutant = makeMutant(SEED, iteration, seedFiles, texts);
        const entry = corpusPath(mutant.seedFile);
        const problems: string[] = [];
        watchdog.watch(iteration, mutant.text);

        /** Runs one call, timing it; a throw or a slow call is a problem. */
        const timed = <T>(name: string, call: () => T): T | undefined => {
          const started = performance.now();
          try {
            return call();
          } catch (e) {
            problems.push(`${name} threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
            return undefined;
          } finally {
            const ms = performance.now() - started;
            watchdog.tick();
            if (ms > stats.slowestMs) Object.assign(stats, { slowestMs: ms, slowestCall: `${name} @${iteration}` });
            if (ms > CALL_LIMIT_MS) problems.push(`${name} took ${ms.toFixed(0)} ms (limit ${CALL_LIMIT_MS} ms)`);
          }
        };

        const parsed = timed('parseApi', () => parseApi(mutant.text, entry));
        for (const d of parsed?.diagnostics ?? []) {
          const problem = diagnosticProblem(d, mutant.text);
          if (problem) problems.push(`parseApi: ${problem}`);
        }

        const readFile = (p: string): string | undefined => (p === entry ? mutant.text : byAbsolute.get(p));
        const loaded = timed('loadApi', () => loadApi(entry, { readFile }));
        for (const d of loaded?.diagnostics ?? []) {
          const problem = diagnosticProblem(d, loaded?.sources.get(d.file));
          if (problem) problems.push(`loadApi: ${problem}`);
        }

        if (formatApi && parsed && !parsed.diagnostics.some((d) => d.severity === 'error')) {
          stats.parsedClean += 1;
          const once = timed('formatApi', () => formatApi(parsed.ast));
          if (typeof once === 'string') {
            stats.formatted += 1;
            const reparsed = parseApi(once, entry);
            const errors = reparsed.diagnostics.filter((d) => d.severity === 'error');
            if (errors.length > 0) {
              problems.push(`formatted text does not parse: ${errors.map((d) => `${d.code} ${d.span.start.line}:${d.span.start.column} ${d.message}`).join('; ')}\nformatted: ${JSON.stringify(once)}`);
            } else {
              const twice = timed('formatApi (second pass)', () => formatApi(reparsed.ast));
              if (twice !== once) problems.push(`formatting is not idempotent\nonce:  ${JSON.stringify(once)}\ntwice: ${JSON.stringify(twice)}`);
            }
          } else if (once !== undefined) {
            problems.push(`formatApi returned ${typeof once}, not a string`);
          }
        }

        if (problems.length > 0) {
          const report = [
            `TSCTL_FUZZ_SEED=${SEED} iteration ${iteration}: ${mutant.mutations.join(' + ')} of ${mutant.seedFile}`,
            ...problems.map((p) => `  ${p}`),
            `  mutant: ${JSON.stringify(mutant.text)}`,
          ].join('\n');
          console.error(report);
          failures.push(report);
        }
      }

      console.log(
        `fuzz: seed ${SEED}, ${ITERATIONS} mutants of ${seedFiles.length} files; ` +
          (formatApi ? `${stats.formatted} of ${stats.parsedClean} clean parses formatted; ` : 'formatApi not present, format checks skipped; ') +
          `slowest call ${stats.slowestMs.toFixed(1)} ms (${stats.slowestCall})`,
      );
      expect(failures).toEqual([]);
    },
    Math.max(60_000, ITERATIONS * 20),
  );
});
