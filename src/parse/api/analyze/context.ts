/**
 * The state the analysis passes share (analyze.ts runs them: file statements, then types, then
 * services): the files of the import graph, the declared types by name, and the diagnostics collected
 * so far, in the order the passes find them. Also the small AST → IR helpers every pass uses.
 */
import type { Diagnostic, Severity, Span } from '../../../diagnostics.js';
import { PRIMITIVE_TYPES, type SourceRef } from '../../../ir/index.js';
import type { Comment, KVExpr, TypeExpr } from '../ast.js';
import type { GraphFile } from '../graph.js';
import { commentLines, unquote } from '../strings.js';

export const PRIMITIVES: ReadonlySet<string> = new Set(PRIMITIVE_TYPES);

/** A top-level type declaration and the comments above it. */
export interface TypeEntry {
  readonly file: GraphFile;
  readonly expr: TypeExpr;
  readonly doc: Comment[];
}

export class Analysis {
  readonly diagnostics: Diagnostic[] = [];
  /** Every declared type by name, the first declaration of each (filled by `collectTypes`). */
  readonly types = new Map<string, TypeEntry>();

  /** The entry file first, then its imports (graph.ts's order). */
  constructor(readonly files: readonly GraphFile[]) {}

  error(file: string, span: Span, code: string, message: string): void {
    this.diagnostics.push(at(file, span, code, message));
  }

  warn(file: string, span: Span, code: string, message: string): void {
    this.diagnostics.push(at(file, span, code, message, 'warning'));
  }
}

export function at(file: string, span: Span, code: string, message: string, severity: Severity = 'error'): Diagnostic {
  return { file, span, severity, code, message };
}

export function sourceRef(file: string, span: Span): SourceRef {
  return { file, line: span.start.line, column: span.start.column, endLine: span.end.line, endColumn: span.end.column };
}

export function docOf(comments: readonly Comment[]): string[] {
  return comments.flatMap((c) => commentLines(c.token.text));
}

/** The value of a key/value expression as text: strings unquoted, everything else as written. */
export function kvValue(kv: KVExpr): string {
  return kv.valueKind === 'string' || kv.valueKind === 'rawString' ? unquote(kv.value.token.text) : kv.value.token.text;
}
