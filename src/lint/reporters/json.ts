/**
 * `--format json`: a stable machine-readable shape (documented in docs/lint/reporters.md).
 * Every linted file appears, with or without messages.
 */
import type { LintReport, LintSeverity } from '../types.js';
import { countMessages, sortedResults } from './shared.js';

export interface JsonMessage {
  readonly ruleId: string;
  readonly severity: LintSeverity;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly fixable: boolean;
}

export interface JsonFileResult {
  readonly file: string;
  readonly messages: readonly JsonMessage[];
  readonly errorCount: number;
  readonly warningCount: number;
  readonly fixableCount: number;
}

export function jsonResults(report: LintReport): JsonFileResult[] {
  return sortedResults(report).map((result) => ({
    file: result.file,
    messages: result.messages.map((m) => ({
      ruleId: m.ruleId,
      severity: m.severity,
      message: m.message,
      line: m.line,
      column: m.column,
      endLine: m.endLine,
      endColumn: m.endColumn,
      fixable: m.fix !== undefined,
    })),
    ...countMessages(result.messages),
  }));
}

export function json(report: LintReport): string {
  return `${JSON.stringify(jsonResults(report), null, 2)}\n`;
}
