/**
 * What an `.api` lint rule is and gets, and helpers rules share. Each rule (one per file beside this
 * one) is a pure function of one parsed file (and the IR of its import graph when it loads without
 * errors) returning findings, with a fix where a safe one exists. Docs: docs/lint/rules/api.md.
 */
import type { Fix, Span } from '../../../diagnostics.js';
import type { Document } from '../../../ir/index.js';
import type { ApiFile, ServiceStmt, TypeExpr } from '../../../parse/api/ast.js';
import type { LintSeverity, RuleMeta } from '../../types.js';

export interface ApiRuleInput {
  readonly file: string;
  readonly source: string;
  readonly ast: ApiFile;
  /** The IR of the file's import graph, when it loads without errors. */
  readonly document: Document | undefined;
  /** Options of the rule from the configuration (e.g. `{ case: 'snake' }`). */
  readonly options: Readonly<Record<string, unknown>>;
}

export interface Finding {
  readonly span: Span;
  readonly message: string;
  readonly fix?: Fix;
}

export interface ApiRule {
  readonly meta: RuleMeta;
  check(input: ApiRuleInput): Finding[];
}

export function meta(id: string, description: string, defaultSeverity: LintSeverity, fixable: boolean): RuleMeta {
  return { id: `api/${id}`, language: 'api', description, defaultSeverity, fixable, docs: `docs/lint/rules/api.md#api${id}` };
}

export const PASCAL = /^[A-Z][A-Za-z0-9]*$/;
export const LOWER_CAMEL = /^[a-z][A-Za-z0-9]*$/;

export function typeExprs(ast: ApiFile): TypeExpr[] {
  return ast.stmts.flatMap((s) => (s.kind === 'TypeLiteralStmt' ? [s.expr] : s.kind === 'TypeGroupStmt' ? s.exprs : []));
}

export function services(ast: ApiFile): ServiceStmt[] {
  return ast.stmts.filter((s): s is ServiceStmt => s.kind === 'ServiceStmt');
}

/** The first line where two texts differ, as a span at its start. */
export function firstDifference(source: string, formatted: string): Span {
  const a = source.split('\n');
  const b = formatted.split('\n');
  let line = 0;
  while (line < a.length && a[line] === b[line]) line += 1;
  let offset = 0;
  for (let i = 0; i < line && i < a.length; i += 1) offset += (a[i] as string).length + 1;
  const at = { line: line + 1, column: 1, offset: Math.min(offset, source.length) };
  return { start: at, end: at };
}

