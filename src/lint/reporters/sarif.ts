/**
 * `--format sarif`: SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/), the format
 * GitHub code scanning and many IDEs read. One run; the driver lists every rule of the report (sorted
 * by id) and each result points at its rule by `ruleId` and `ruleIndex`.
 */
import type { LintReport, RuleMeta } from '../types.js';
import { TSCTL_INFORMATION_URI, defaultDocsBaseUri, sortedResults, type ReporterOptions } from './shared.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The parts of a SARIF log tsctl writes (see the spec for the rest). */
export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly SarifRun[];
}

export interface SarifRun {
  readonly tool: { readonly driver: SarifDriver };
  /** Lint columns count Unicode code points (SARIF §3.14.23). */
  readonly columnKind: 'unicodeCodePoints';
  readonly results: readonly SarifResult[];
}

export interface SarifDriver {
  readonly name: 'tsctl';
  readonly version: string;
  readonly informationUri: string;
  readonly rules: readonly SarifRule[];
}

export interface SarifRule {
  readonly id: string;
  readonly shortDescription: { readonly text: string };
  readonly helpUri: string;
  readonly defaultConfiguration: { readonly level: 'error' | 'warning' };
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex?: number;
  readonly level: 'error' | 'warning';
  readonly message: { readonly text: string };
  readonly locations: readonly [SarifLocation];
}

export interface SarifLocation {
  readonly physicalLocation: {
    readonly artifactLocation: { readonly uri: string; readonly uriBaseId?: '%SRCROOT%' };
    readonly region: { readonly startLine: number; readonly startColumn: number; readonly endLine: number; readonly endColumn: number };
  };
}

export function sarifLog(report: LintReport, options: Partial<ReporterOptions> = {}): SarifLog {
  const docsBase = options.docsBaseUri ?? defaultDocsBaseUri(report.toolVersion);
  const rules = [...report.rules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results: SarifResult[] = [];
  for (const result of sortedResults(report)) {
    const artifactLocation = artifact(result.file);
    for (const m of result.messages) {
      const index = ruleIndex.get(m.ruleId);
      results.push({
        ruleId: m.ruleId,
        ...(index === undefined ? {} : { ruleIndex: index }),
        level: m.severity,
        message: { text: m.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation,
              region: { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn },
            },
          },
        ],
      });
    }
  }
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tsctl',
            version: report.toolVersion,
            informationUri: TSCTL_INFORMATION_URI,
            rules: rules.map((rule) => sarifRule(rule, docsBase)),
          },
        },
        columnKind: 'unicodeCodePoints',
        results,
      },
    ],
  };
}

export function sarif(report: LintReport, options: Partial<ReporterOptions> = {}): string {
  return `${JSON.stringify(sarifLog(report, options), null, 2)}\n`;
}

function sarifRule(rule: RuleMeta, docsBase: string): SarifRule {
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    // SARIF wants an absolute helpUri; rule docs are usually repository-relative paths.
    helpUri: URL.canParse(rule.docs) ? rule.docs : new URL(rule.docs, docsBase).href,
    defaultConfiguration: { level: rule.defaultSeverity },
  };
}

/** A relative posix path becomes a %SRCROOT%-relative URI reference; an absolute one a file: URI. */
function artifact(file: string): { uri: string; uriBaseId?: '%SRCROOT%' } {
  const posix = file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  const encoded = posix.split('/').map(encodeURIComponent).join('/');
  if (posix.startsWith('/')) return { uri: `file://${encoded}` };
  if (/^[A-Za-z]:\//.test(posix)) return { uri: `file:///${posix.slice(0, 2)}${encoded.slice(encoded.indexOf('/'))}` };
  return { uri: encoded, uriBaseId: '%SRCROOT%' };
}
