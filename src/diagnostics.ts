/**
 * Diagnostics shared by every stage: the parsers, the analyzer, lint and the generators.
 *
 * A diagnostic is plain data. Rendering (`file:line:col: error[CODE]: message`, the source line and a
 * caret) lives in `render-diagnostics.ts` so that stages never format text themselves.
 */

export type Severity = 'error' | 'warning' | 'info';

/** A point in a source file. `line` and `column` are 1-based; `column` counts Unicode code points. */
export interface Position {
  readonly line: number;
  readonly column: number;
  /** 0-based UTF-16 offset into the source text (what `String.prototype.slice` takes). */
  readonly offset: number;
}

/** A half-open range `[start, end)` in one file. */
export interface Span {
  readonly start: Position;
  readonly end: Position;
}

/** One replacement in a source text, by UTF-16 offsets. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Fix {
  readonly description: string;
  readonly edits: readonly TextEdit[];
}

export interface Diagnostic {
  /** Path as the user gave it (relative paths stay relative), or `<stdin>`. */
  readonly file: string;
  readonly span: Span;
  readonly severity: Severity;
  /** Stable code, e.g. `API0101`; see docs/diagnostics.md. */
  readonly code: string;
  readonly message: string;
  readonly fix?: Fix;
}

export const ZERO_POSITION: Position = { line: 1, column: 1, offset: 0 };
export const ZERO_SPAN: Span = { start: ZERO_POSITION, end: ZERO_POSITION };

export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity] += 1;
  return counts;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Source order: file, then position, then code; the one ordering every printer uses. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.span.start.offset !== b.span.start.offset) return a.span.start.offset - b.span.start.offset;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/**
 * The one error type a user is meant to see as a plain message (bad arguments, unreadable files, …).
 * Anything else reaching the CLI is an internal error and is printed with a stack and a report line.
 */
export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}
