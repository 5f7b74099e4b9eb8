/**
 * Helpers every reporter shares: one deterministic order and per-file counts, so all formats agree on
 * what they list and in which order.
 */
import type { LintFileResult, LintMessage, LintReport } from '../types.js';

/** Options every reporter accepts; each reporter reads only what it needs. */
export interface ReporterOptions {
  /** ANSI colours (stylish only). */
  readonly color: boolean;
  /**
   * Base URI that relative `RuleMeta.docs` paths (`docs/lint/rules/api.md#…`) are resolved against,
   * because SARIF requires absolute `helpUri`s. Defaults to {@link defaultDocsBaseUri} of the report's version.
   */
  readonly docsBaseUri?: string;
}

/** tsctl's page on the npm registry, used as the SARIF `tool.driver.informationUri`. */
export const TSCTL_INFORMATION_URI = 'https://www.npmjs.com/package/tsctl';

/**
 * Where relative rule docs live: the docs/ folder ships in the npm package, and unpkg serves the files
 * of each published version, so a link always matches the tsctl that produced the report.
 */
export function defaultDocsBaseUri(toolVersion: string): string {
  return `https://unpkg.com/tsctl@${toolVersion}/`;
}

export interface FileCounts {
  readonly errorCount: number;
  readonly warningCount: number;
  readonly fixableCount: number;
}

/** Files by path (code-unit order), messages by line, column, rule id, then message. */
export function sortedResults(report: LintReport): LintFileResult[] {
  return [...report.results]
    .sort((a, b) => compare(a.file, b.file))
    .map((result) => ({ ...result, messages: [...result.messages].sort(compareMessages) }));
}

function compareMessages(a: LintMessage, b: LintMessage): number {
  return a.line - b.line || a.column - b.column || compare(a.ruleId, b.ruleId) || compare(a.message, b.message);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function countMessages(messages: readonly LintMessage[]): FileCounts {
  let errorCount = 0;
  let warningCount = 0;
  let fixableCount = 0;
  for (const message of messages) {
    if (message.severity === 'error') errorCount++;
    else warningCount++;
    if (message.fix !== undefined) fixableCount++;
  }
  return { errorCount, warningCount, fixableCount };
}
