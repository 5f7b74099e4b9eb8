/**
 * `--format gitlab`: a GitLab Code Quality report (the `artifacts:reports:codequality` artefact), a JSON
 * array of issues as documented at https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
 * (a subset of the Code Climate issue spec).
 */
import { createHash } from 'node:crypto';
import type { LintMessage, LintReport, LintSeverity } from '../types.js';
import { sortedResults } from './shared.js';

export type GitLabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export interface GitLabIssue {
  readonly description: string;
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: GitLabSeverity;
  readonly location: { readonly path: string; readonly lines: { readonly begin: number } };
}

const SEVERITY: Record<LintSeverity, GitLabSeverity> = { error: 'major', warning: 'minor' };

/**
 * sha256 (hex) of `file NUL ruleId NUL message NUL line NUL column`, plus `NUL n` for the n-th (n ≥ 1)
 * repeat of an identical finding, so fingerprints are deterministic and unique within a report.
 */
export function fingerprint(file: string, message: LintMessage, repeat = 0): string {
  const parts = [file, message.ruleId, message.message, String(message.line), String(message.column)];
  if (repeat > 0) parts.push(String(repeat));
  return createHash('sha256').update(parts.join('\0')).digest('hex');
}

export function gitlabIssues(report: LintReport): GitLabIssue[] {
  const seen = new Map<string, number>();
  const issues: GitLabIssue[] = [];
  for (const result of sortedResults(report)) {
    for (const message of result.messages) {
      const base = fingerprint(result.file, message);
      const repeat = seen.get(base) ?? 0;
      seen.set(base, repeat + 1);
      issues.push({
        description: message.message,
        check_name: message.ruleId,
        fingerprint: repeat === 0 ? base : fingerprint(result.file, message, repeat),
        severity: SEVERITY[message.severity],
        location: { path: result.file, lines: { begin: message.line } },
      });
    }
  }
  return issues;
}

export function gitlab(report: LintReport): string {
  return `${JSON.stringify(gitlabIssues(report), null, 2)}\n`;
}
