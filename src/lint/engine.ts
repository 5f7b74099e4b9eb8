/**
 * The lint engine: runs the rules of each file's language, applies fixes until the file is stable
 * (`--fix`), and returns a LintReport. `.api` files never load ESLint or ts-morph.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic, Fix, TextEdit } from '../diagnostics.js';
import { loadApi } from '../parse/api/index.js';
import { parseApi } from '../parse/api/parser.js';
import { loadProto } from '../parse/proto/index.js';
import { protobuf } from '../parse/proto/load.js';
import { API_RULES, type ApiRule, type Finding } from './rules/api/index.js';
import { PROTO_RULES } from './rules/proto/index.js';
import type { LintFileResult, LintMessage, LintReport, LintSeverity, RuleMeta } from './types.js';

export type RuleSetting = LintSeverity | 'off';

export interface LintOptions {
  readonly fix?: boolean;
  /** Per-rule severity (`off` disables), over each rule's default. */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** Per-rule options (`{ 'api/json-tag-case': { case: 'snake' } }`). */
  readonly ruleOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly toolVersion: string;
  /** Reads a file; the disk by default. */
  readonly readFile?: (file: string) => string;
  /**
   * Folders `.proto` imports are searched in (`-I`), before the working folder and the linted file's
   * own folder, which are always searched.
   */
  readonly protoPaths?: readonly string[];
}

/** A lint run: the report, and with `fix` the new text of every file that changed (written by the caller). */
export interface LintRun {
  readonly report: LintReport;
  readonly fixedContents: ReadonlyMap<string, string>;
}

/** Rule id of the parser's and analyzer's own diagnostics (syntax and semantic errors). */
export const CONTRACT_RULE: RuleMeta = {
  id: 'api/valid',
  language: 'api',
  description: 'the file parses and passes semantic analysis (duplicates, unknown types, routes, imports)',
  defaultSeverity: 'error',
  fixable: false,
  docs: 'docs/diagnostics.md#codes',
};

/** Rule id of the `.proto` front end's own diagnostics (syntax errors, unknown types, imports). */
export const PROTO_CONTRACT_RULE: RuleMeta = {
  id: 'proto/valid',
  language: 'proto',
  description: 'the file parses and its types and imports resolve',
  defaultSeverity: 'error',
  fixable: false,
  docs: 'docs/diagnostics.md#proto-protoxxxx',
};

export function allRules(): RuleMeta[] {
  return [CONTRACT_RULE, ...API_RULES.map((r) => r.meta), PROTO_CONTRACT_RULE, ...PROTO_RULES.map((r) => r.meta)];
}

const MAX_FIX_PASSES = 10;

/** Applies non-overlapping edits (later ones that overlap an earlier one are left for the next pass). */
export function applyFixes(source: string, fixes: readonly Fix[]): string {
  const edits: TextEdit[] = fixes.flatMap((f) => f.edits).sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const edit of edits) {
    if (edit.start < at) continue;
    out += source.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + source.slice(at);
}

function message(ruleId: string, severity: LintSeverity, finding: Finding): LintMessage {
  const { start, end } = finding.span;
  return {
    ruleId,
    severity,
    message: finding.message,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    ...(finding.fix ? { fix: finding.fix } : {}),
  };
}

function diagnosticMessage(d: Diagnostic): LintMessage {
  return {
    ruleId: CONTRACT_RULE.id,
    severity: d.severity === 'error' ? 'error' : 'warning',
    message: `${d.message} [${d.code}]`,
    line: d.span.start.line,
    column: d.span.start.column,
    endLine: d.span.end.line,
    endColumn: d.span.end.column,
  };
}

/** Reads the graph of `file` with `source` standing for the file itself (the text being fixed). */
function graphReader(file: string, source: string, options: LintOptions): (p: string) => string | undefined {
  const absolute = path.resolve(file);
  const read = options.readFile ?? ((f: string) => readFileSync(f, 'utf8'));
  return (p) => {
    if (p === absolute) return source;
    try {
      return read(p);
    } catch {
      return undefined;
    }
  };
}

/** Runs each enabled rule at its configured level. */
function runRules<I>(rules: readonly { meta: RuleMeta; check(input: I): Finding[] }[], input: (id: string) => I, options: LintOptions): LintMessage[] {
  const out: LintMessage[] = [];
  for (const rule of rules) {
    const setting = options.rules?.[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (setting === 'off') continue;
    for (const finding of rule.check(input(rule.meta.id))) out.push(message(rule.meta.id, setting, finding));
  }
  return out;
}

/** Drops what inline comments disable (never the contract's own errors) and sorts by position. */
function finish(messages: LintMessage[], source: string, contractRule: string): LintMessage[] {
  const disabled = inlineDisables(source);
  return messages
    .filter((m) => m.ruleId === contractRule || !disabled(m.ruleId, m.line))
    .sort((a, b) => a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

/** Every finding of one `.api` text: the contract's own errors, then each enabled rule's. */
function lintApiText(file: string, source: string, options: LintOptions): LintMessage[] {
  const loaded = loadApi(file, { readFile: graphReader(file, source, options) });
  // Only this file's errors: an import's problems are reported when the import itself is linted.
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error' && d.file === file);
  const messages: LintMessage[] = errors.map(diagnosticMessage);
  if (errors.some((d) => d.code.startsWith('API00') || d.code.startsWith('API01'))) return messages;
  const ast = loaded.asts.get(file) ?? parseApi(source, file).ast;
  const ruleInput = (id: string) => ({ file, source, ast, document: loaded.document, options: options.ruleOptions?.[id] ?? {} });
  messages.push(...runRules(API_RULES as readonly ApiRule[], ruleInput, options));
  return finish(messages, source, CONTRACT_RULE.id);
}

const DISABLE_COMMENT = /\/\/\s*tsctl-disable(-next-line|-line|-file)(?:[ \t]+([^\n]*))?/g;

/**
 * Inline disable comments: `// tsctl-disable-next-line api/route-doc`, `// tsctl-disable-line …` and
 * `// tsctl-disable-file …`, each with a comma- or space-separated list of rule ids (none: every rule).
 * Contract errors (api/valid) cannot be disabled.
 */
export function inlineDisables(source: string): (ruleId: string, line: number) => boolean {
  const byLine = new Map<number, Set<string> | 'all'>();
  let file: Set<string> | 'all' | undefined;
  const lineStarts = [0];
  for (let i = 0; i < source.length; i += 1) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let n = 0;
    while (n + 1 < lineStarts.length && (lineStarts[n + 1] as number) <= offset) n += 1;
    return n + 1;
  };
  const merge = (current: Set<string> | 'all' | undefined, ids: string[]): Set<string> | 'all' => {
    if (ids.length === 0 || current === 'all') return 'all';
    return new Set([...(current ?? []), ...ids]);
  };
  for (const m of source.matchAll(DISABLE_COMMENT)) {
    const ids = (m[2] ?? '').split(/[\s,]+/).filter((id) => /^[a-z]+\/[a-z0-9-]+$/.test(id));
    const line = lineOf(m.index ?? 0);
    if (m[1] === '-file') file = merge(file, ids);
    else {
      const target = m[1] === '-next-line' ? line + 1 : line;
      byLine.set(target, merge(byLine.get(target), ids));
    }
  }
  return (ruleId, line) => {
    const matches = (set: Set<string> | 'all' | undefined): boolean => set === 'all' || (set !== undefined && set.has(ruleId));
    return matches(file) || matches(byLine.get(line));
  };
}

/** Every finding of one `.proto` file: the front end's own errors, then each enabled rule's (none is fixable). */
function lintProtoText(file: string, source: string, options: LintOptions): LintMessage[] {
  // Imports resolve from the -I folders, then the working folder and the file's own folder.
  const includePaths = [...(options.protoPaths ?? []), '.'];
  const loaded = loadProto(file, { includePaths, readFile: graphReader(file, source, options) });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error' && d.file === file);
  const messages: LintMessage[] = errors.map((d) => ({ ...diagnosticMessage(d), ruleId: PROTO_CONTRACT_RULE.id }));
  const document = loaded.document;
  if (!document) return messages;
  messages.push(...runRules(PROTO_RULES, (id) => ({ file, source, document, options: options.ruleOptions?.[id] ?? {} }), options));
  return finish(messages, source, PROTO_CONTRACT_RULE.id);
}

function protoParses(text: string): boolean {
  try {
    protobuf().parse(text, { keepCase: true });
    return true;
  } catch {
    return false;
  }
}

/** Lints one file; with `fix`, fixes it until stable and returns the fixed text. */
export function lintFile(file: string, options: LintOptions): { result: LintFileResult; fixed?: string } {
  const read = options.readFile ?? ((f: string) => readFileSync(f, 'utf8'));
  const original = read(file);
  const proto = file.toLowerCase().endsWith('.proto');
  const lintText = proto ? lintProtoText : lintApiText;
  let source = original;
  let messages = lintText(file, source, options);
  if (options.fix) {
    for (let pass = 0; pass < MAX_FIX_PASSES; pass += 1) {
      const fixes = messages.flatMap((m) => (m.fix ? [m.fix] : []));
      if (fixes.length === 0) break;
      const next = applyFixes(source, fixes);
      if (next === source) break;
      // A fix must never make a valid file invalid: stop at the last good text.
      if (proto ? !protoParses(next) : parseApi(next, file).diagnostics.some((d) => d.severity === 'error')) break;
      source = next;
      messages = lintText(file, source, options);
    }
  }
  const result = { file, messages, fixed: source !== original };
  return source !== original ? { result, fixed: source } : { result };
}

export function lintFiles(files: readonly string[], options: LintOptions): LintRun {
  const rules = new Map(allRules().map((r) => [r.id, r]));
  const fixedContents = new Map<string, string>();
  const results = files.map((f) => {
    const { result, fixed } = lintFile(f, options);
    if (fixed !== undefined) fixedContents.set(f, fixed);
    return result;
  });
  return { report: { results, rules, toolVersion: options.toolVersion }, fixedContents };
}
