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

/**
 * Where `formatted` first departs from `source`, as a point in `source`; walked back over spaces and
 * tabs, so a wrong indentation or spacing is reported where the blanks start. Both format rules use it.
 */
export function firstDifference(source: string, formatted: string): Span {
  let offset = 0;
  while (offset < source.length && offset < formatted.length && source[offset] === formatted[offset]) offset += 1;
  while (offset > 0 && (source[offset - 1] === ' ' || source[offset - 1] === '\t')) offset -= 1;
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i += 1) if (source.charCodeAt(i) === 10) line += 1;
  const at = { line, column: [...source.slice(lineStart, offset)].length + 1, offset };
  return { start: at, end: at };
}

