/**
 * The data of `tsctl lint`: rules, the findings they report, and the report every reporter formats.
 * Plain data, so reporters (stylish, json, gitlab, sarif, junit) are pure functions of a LintReport.
 */
import type { Fix } from '../diagnostics.js';

export type LintSeverity = 'error' | 'warning';
export type LintLanguage = 'api' | 'proto' | 'ts';

/** What a rule is, for docs, reports (SARIF rules, GitLab check names) and configuration. */
export interface RuleMeta {
  /** `api/type-name-pascal`, `proto/field-lower-snake`, `ts/<eslint rule>` … */
  readonly id: string;
  readonly language: LintLanguage;
  /** One sentence: what the rule wants. */
  readonly description: string;
  readonly defaultSeverity: LintSeverity;
  /** Whether `--fix` can fix what it reports. */
  readonly fixable: boolean;
  /** The rule's documentation page (docs/lint/rules/<id>.md, or ESLint's page). */
  readonly docs: string;
}

/** One finding in one file. Lines and columns are 1-based; columns count Unicode code points. */
export interface LintMessage {
  readonly ruleId: string;
  readonly severity: LintSeverity;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** A safe fix (applied by `--fix`). */
  readonly fix?: Fix;
}

export interface LintFileResult {
  /** The path as the user gave it (or as found under a given folder), posix separators. */
  readonly file: string;
  readonly messages: readonly LintMessage[];
  /** True when `--fix` changed the file on disk. */
  readonly fixed: boolean;
}

export interface LintReport {
  readonly results: readonly LintFileResult[];
  /** Metadata of every rule that may appear in `results`, by id. */
  readonly rules: ReadonlyMap<string, RuleMeta>;
  /** tsctl's version, for tool metadata (SARIF driver, JUnit). */
  readonly toolVersion: string;
}

/** A reporter: the whole report as the text of one format. */
export type Reporter = (report: LintReport) => string;
