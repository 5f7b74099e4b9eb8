/**
 * The lint reporters by `--format` name. Each is a pure function of a LintReport (plus options) to the
 * full text of one format; the CLI decides where each text goes (stdout, `--output-gitlab` files, …).
 */
import type { LintReport } from '../types.js';
import { gitlab } from './gitlab.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import type { ReporterOptions } from './shared.js';
import { stylish } from './stylish.js';

export type ReporterName = 'stylish' | 'json' | 'gitlab' | 'sarif' | 'junit';
export type ReporterWithOptions = (report: LintReport, options: ReporterOptions) => string;

/** A null-prototype object, so `name in REPORTERS` is false for `toString` & co. */
export const REPORTERS: Readonly<Record<ReporterName, ReporterWithOptions>> = Object.assign(Object.create(null) as object, {
  stylish: (report: LintReport, options: ReporterOptions) => stylish(report, options),
  json: (report: LintReport) => json(report),
  gitlab: (report: LintReport) => gitlab(report),
  sarif: (report: LintReport, options: ReporterOptions) => sarif(report, options),
  junit: (report: LintReport) => junit(report),
} satisfies Record<ReporterName, ReporterWithOptions>);

/** The names in help-text order. */
export const REPORTER_NAMES: readonly ReporterName[] = ['stylish', 'json', 'gitlab', 'sarif', 'junit'];

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(REPORTERS, name);
}

/** Formats `report` as `name`; color only affects stylish, docsBaseUri only SARIF. */
export function formatReport(name: ReporterName, report: LintReport, options: ReporterOptions = { color: false }): string {
  return REPORTERS[name](report, options);
}

export { gitlab, gitlabIssues, fingerprint, type GitLabIssue, type GitLabSeverity } from './gitlab.js';
export { json, jsonResults, type JsonFileResult, type JsonMessage } from './json.js';
export { junit } from './junit.js';
export { sarif, sarifLog, SARIF_SCHEMA_URI, type SarifLog } from './sarif.js';
export { TSCTL_INFORMATION_URI, defaultDocsBaseUri, type ReporterOptions } from './shared.js';
export { stylish } from './stylish.js';
