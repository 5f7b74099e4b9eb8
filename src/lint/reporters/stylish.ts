/**
 * `--format stylish` (the default): ESLint's stylish layout for terminals. Per file with messages, the
 * path, then `  line:col  severity  message  ruleId` with aligned columns (the colons of `line:col` line
 * up), a blank line, then the totals. Widths count code points; wide (CJK, emoji) characters in a
 * message may shift the rule id column, which is cosmetic only.
 */
import { Chalk } from 'chalk';
import type { LintReport } from '../types.js';
import { countMessages, sortedResults, type ReporterOptions } from './shared.js';

export function stylish(report: LintReport, options: Pick<ReporterOptions, 'color'>): string {
  // A private instance: the global chalk's level follows FORCE_COLOR/NO_COLOR/TTY, which would leak into
  // output (and tests). Level 1 (16 colours) is enough and renders everywhere.
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  for (const result of sortedResults(report)) {
    if (result.messages.length === 0) continue;
    const counts = countMessages(result.messages);
    errors += counts.errorCount;
    warnings += counts.warningCount;
    fixable += counts.fixableCount;
    const rows = result.messages.map((m) => ({
      line: String(m.line),
      column: String(m.column),
      severity: m.severity,
      message: m.message.replace(/\s*\r?\n\s*/g, ' ').trim(),
      ruleId: m.ruleId,
    }));
    const width = (pick: (row: (typeof rows)[number]) => string) => Math.max(...rows.map((row) => length(pick(row))));
    const lineWidth = width((r) => r.line);
    const columnWidth = width((r) => r.column);
    const severityWidth = width((r) => r.severity);
    const messageWidth = width((r) => r.message);
    out.push(c.underline(result.file));
    for (const row of rows) {
      const columnFill = ' '.repeat(columnWidth - length(row.column));
      const position = `${c.dim(`${pad(row.line, lineWidth, 'start')}:${row.column}`)}${columnFill}`;
      const severity = row.severity === 'error' ? c.red(row.severity) : c.yellow(row.severity);
      const severityFill = ' '.repeat(severityWidth - length(row.severity));
      out.push(`  ${position}  ${severity}${severityFill}  ${pad(row.message, messageWidth, 'end')}  ${c.dim(row.ruleId)}`);
    }
    out.push('');
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const summary = c.bold(
    `✖ ${total} ${plural(total, 'problem')} (${errors} ${plural(errors, 'error')}, ${warnings} ${plural(warnings, 'warning')})`,
  );
  out.push(errors > 0 ? c.red(summary) : c.yellow(summary));
  if (fixable > 0) out.push(c.dim(`  ${fixable} fixable with --fix`));
  return `${out.join('\n')}\n`;
}

function length(value: string): number {
  return [...value].length;
}

function pad(value: string, width: number, side: 'start' | 'end'): string {
  const fill = ' '.repeat(Math.max(0, width - length(value)));
  return side === 'start' ? fill + value : value + fill;
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
