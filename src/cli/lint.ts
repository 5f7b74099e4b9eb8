/**
 * `tsctl lint [PATHS…] [--fix] [--format F] [--output-F FILE…] [--max-warnings N] [--rule id=level…]`:
 * one linter for contracts, made for pre-commit hooks (takes file lists, fast: `.api` files never load
 * ESLint) and CI stages (exit codes, machine-readable reports written beside the terminal output).
 *
 * Exit codes: 0 clean (no finding, or only warnings within --max-warnings), 1 findings, 2 usage or
 * internal error.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../diagnostics.js';
import { type RuleSetting, allRules, lintFiles } from '../lint/engine.js';
import { REPORTERS, formatReport } from '../lint/reporters/index.js';
import type { CliContext } from './context.js';
import { writeFileAtomic } from './files.js';
import { writeOutputFile } from './write-output.js';

type FormatName = keyof typeof REPORTERS;

export interface LintCliOptions {
  readonly fix?: boolean;
  readonly format?: string;
  /** `--output-<format> FILE` pairs. */
  readonly outputs?: Readonly<Partial<Record<FormatName, string>>>;
  readonly maxWarnings?: string;
  readonly rule?: readonly string[];
  /** `-I DIR`: folders `.proto` imports are searched in, after those of the config file. */
  readonly protoPath?: readonly string[];
  readonly toolVersion: string;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', '.git', '.tsctl-cache', 'coverage']);
const LINTED = new Set(['.api', '.proto']);
const LATER: ReadonlySet<string> = new Set();

/** The files to lint under `paths` (files as given; folders walked, skipping dependencies and build output). */
export function collectFiles(paths: readonly string[]): { files: string[]; ts: string[]; skipped: string[] } {
  const files: string[] = [];
  const ts: string[] = [];
  const skipped: string[] = [];
  const visit = (p: string, explicit: boolean): void => {
    if (!existsSync(p)) throw new UserError(`${p}: no such file or folder`);
    if (statSync(p).isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (SKIPPED_DIRECTORIES.has(name)) continue;
        visit(path.join(p, name), false);
      }
      return;
    }
    const ext = path.extname(p).toLowerCase();
    if (LINTED.has(ext)) files.push(p.split(path.sep).join('/'));
    else if (ext === '.ts' && !p.endsWith('.d.ts')) ts.push(p);
    else if (LATER.has(ext) || explicit) skipped.push(p);
  };
  for (const p of paths) {
    if (!isGlob(p)) {
      visit(p, true);
      continue;
    }
    const matches = expandGlob(p);
    if (matches.length === 0) throw new UserError(`${p}: no file matches`);
    for (const match of matches) visit(match, false);
  }
  return { files: [...new Set(files)], ts: [...new Set(ts)], skipped };
}

function isGlob(p: string): boolean {
  return /[*?[]/.test(p);
}

/** A glob (`*`, `?`, `[…]`, `**` for any folders) as a regular expression over posix paths. */
export function globPattern(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i += 1) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Files matching a glob, for shells (and CI configs) that pass patterns through unexpanded: walks from
 * the pattern's fixed leading folders, skipping dependencies and build output.
 */
export function expandGlob(glob: string): string[] {
  const posix = glob.split(path.sep).join('/');
  const segments = posix.split('/');
  const fixed: string[] = [];
  while (segments.length > 1 && !isGlob(segments[0] as string)) fixed.push(segments.shift() as string);
  const base = fixed.length === 0 ? '.' : fixed.join('/') || '/';
  const pattern = globPattern(posix);
  const out: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) return;
    for (const name of readdirSync(dir).sort()) {
      if (SKIPPED_DIRECTORIES.has(name)) continue;
      const full = dir === '.' ? name : `${dir}/${name}`;
      if (statSync(full).isDirectory()) walk(full);
      else if (pattern.test(full)) out.push(full);
    }
  };
  walk(base);
  return out;
}

/** `tsctl.config.json`, or the `tsctl` key of package.json, in the working directory. */
interface LintConfig {
  readonly rules: Record<string, RuleSetting>;
  readonly ruleOptions: Record<string, Record<string, unknown>>;
  /** `lint.protoPaths`: `.proto` import folders, as `-I` gives them. */
  readonly protoPaths: string[];
}

function readConfig(): LintConfig {
  const empty = { rules: {}, ruleOptions: {}, protoPaths: [] };
  let raw: unknown;
  if (existsSync('tsctl.config.json')) {
    try {
      raw = JSON.parse(readFileSync('tsctl.config.json', 'utf8'));
    } catch (error) {
      throw new UserError(`tsctl.config.json: not valid JSON: ${(error as Error).message}`, 2);
    }
  } else if (existsSync('package.json')) {
    try {
      raw = (JSON.parse(readFileSync('package.json', 'utf8')) as { tsctl?: unknown }).tsctl;
    } catch {
      raw = undefined;
    }
  }
  const lint = (raw as { lint?: { rules?: Record<string, unknown>; protoPaths?: unknown } } | undefined)?.lint;
  if (!lint) return empty;
  const protoPaths = lint.protoPaths ?? [];
  if (!Array.isArray(protoPaths) || protoPaths.some((p) => typeof p !== 'string')) throw new UserError('config: lint.protoPaths: expected an array of folder paths', 2);
  if (!lint.rules) return { ...empty, protoPaths: protoPaths as string[] };
  const rules: Record<string, RuleSetting> = {};
  const ruleOptions: Record<string, Record<string, unknown>> = {};
  for (const [id, value] of Object.entries(lint.rules)) {
    const [level, opts] = Array.isArray(value) ? (value as [unknown, unknown]) : [value, undefined];
    if (level !== 'off' && level !== 'warning' && level !== 'error' && level !== 'warn') throw new UserError(`config: rule ${id}: expected off, warn or error`, 2);
    rules[id] = level === 'warn' ? 'warning' : (level as RuleSetting);
    if (opts && typeof opts === 'object') ruleOptions[id] = opts as Record<string, unknown>;
  }
  return { rules, ruleOptions, protoPaths: protoPaths as string[] };
}

function parseRuleFlags(flags: readonly string[], known: ReadonlySet<string>): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const flag of flags) {
    const m = /^([^=]+)=(off|warn|warning|error)$/.exec(flag);
    if (!m) throw new UserError(`--rule ${flag}: expected id=off|warn|error`, 2);
    const id = m[1] as string;
    if (!known.has(id)) throw new UserError(`--rule ${flag}: unknown rule '${id}' (known: ${[...known].sort().join(', ')})`, 2);
    out[id] = m[2] === 'warn' ? 'warning' : (m[2] as RuleSetting);
  }
  return out;
}

export async function lintCommand(ctx: CliContext, paths: readonly string[], options: LintCliOptions): Promise<number> {
  const format = (options.format ?? 'stylish') as FormatName;
  if (!(format in REPORTERS)) throw new UserError(`--format ${format}: expected one of ${Object.keys(REPORTERS).join(', ')}`, 2);
  // Clean means no finding: warnings fail too, unless --max-warnings allows some.
  const maxWarnings = options.maxWarnings === undefined ? 0 : Number(options.maxWarnings);
  if (Number.isNaN(maxWarnings) || maxWarnings < 0) throw new UserError(`--max-warnings ${options.maxWarnings}: expected a number ≥ 0`, 2);
  const known = new Set(allRules().map((r) => r.id));
  const config = readConfig();
  const rules = { ...config.rules, ...parseRuleFlags(options.rule ?? [], known) };
  const { files, ts, skipped } = collectFiles(paths.length > 0 ? paths : ['.']);
  if (skipped.length > 0) await ctx.stderr.write(`tsctl lint: ${skipped.length} file(s) skipped: tsctl lints .api, .proto and .ts files\n`);
  const protoPaths = [...config.protoPaths, ...(options.protoPath ?? [])];
  for (const dir of protoPaths) if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`-I ${dir}: no such folder`, 2);
  const run = lintFiles(files, { fix: options.fix === true, rules, ruleOptions: config.ruleOptions, protoPaths, toolVersion: options.toolVersion });
  let report = run.report;
  const fixedContents = new Map(run.fixedContents);
  if (ts.length > 0) {
    // Only now is ESLint loaded: a run on contracts alone never pays for it.
    const { lintTypeScript } = await import('../lint/eslint.js');
    const typescript = await lintTypeScript(ts, { fix: options.fix === true, cwd: process.cwd() });
    for (const [file, content] of typescript.fixedContents) fixedContents.set(file, content);
    const allRuleMeta = new Map(report.rules);
    for (const rule of typescript.rules) allRuleMeta.set(rule.id, rule);
    report = { ...report, results: [...report.results, ...typescript.results], rules: allRuleMeta };
  }
  for (const [file, content] of fixedContents) await writeFileAtomic(file, content);
  for (const [name, file] of Object.entries(options.outputs ?? {}) as [FormatName, string][]) {
    await writeOutputFile(file, formatReport(name, report, { color: false }));
  }
  const text = formatReport(format, report, { color: format === 'stylish' && ctx.stdout.color });
  if (text !== '') await ctx.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  const messages = report.results.flatMap((r) => r.messages);
  const errors = messages.filter((m) => m.severity === 'error').length;
  const warnings = messages.length - errors;
  return errors > 0 || warnings > maxWarnings ? 1 : 0;
}
