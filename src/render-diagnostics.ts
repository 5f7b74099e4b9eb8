/**
 * Diagnostics as text for people (docs/diagnostics.md, "Rendering"):
 *
 * ```
 * path/to/file.api:3:9: error[API0201]: unknown type 'Bar'
 *    3 | 	Foo Bar `json:"foo"`
 *      | 	    ^^^
 * ```
 *
 * The caret line copies the source line's tabs so the carets sit under the span in any tab width.
 * Pure functions: colour is a parameter, never sniffed here (the CLI decides it, see cli/color.ts).
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Diagnostic, Severity } from './diagnostics.js';
import { countBySeverity } from './diagnostics.js';

export interface RenderOptions {
  /** Emit ANSI colours. */
  readonly color: boolean;
}

/** The narrowest line-number gutter, so excerpts of lines 1–9999 line up with each other. */
const MIN_GUTTER_WIDTH = 4;

function painter(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}

function severityStyle(paint: ChalkInstance, severity: Severity): ChalkInstance {
  if (severity === 'error') return paint.bold.red;
  if (severity === 'warning') return paint.bold.yellow;
  return paint.bold.cyan;
}

/**
 * One diagnostic: the `file:line:col: severity[CODE]: message` line, then (when the source text is
 * known and the line exists) the source line and a caret line under the span's first line.
 * No trailing newline.
 */
export function renderDiagnostic(d: Diagnostic, source: string | undefined, options: RenderOptions): string {
  const paint = painter(options.color);
  const style = severityStyle(paint, d.severity);
  const { line, column } = d.span.start;
  const header =
    `${paint.bold(`${d.file}:${line}:${column}:`)} ${style(`${d.severity}[${d.code}]:`)} ${paint.bold(d.message)}`;
  const text = source === undefined ? undefined : sourceLine(source, line);
  if (text === undefined) return header;

  const chars = [...printable(text)];
  const startIndex = Math.max(0, column - 1);
  const endIndex = d.span.end.line === line ? Math.min(d.span.end.column - 1, chars.length) : chars.length;
  const width = Math.max(1, endIndex - startIndex);
  // Tabs stay tabs so the carets line up whatever the reader's tab width; everything else is a space.
  const prefix = chars.slice(0, startIndex).map((c) => (c === '\t' ? '\t' : ' ')).join('');
  const padding = ' '.repeat(Math.max(0, startIndex - chars.length));
  const gutterWidth = Math.max(MIN_GUTTER_WIDTH, String(line).length);
  const gutter = paint.blue(`${String(line).padStart(gutterWidth)} |`);
  const emptyGutter = paint.blue(`${' '.repeat(gutterWidth)} |`);
  const shown = chars.join('');
  return [
    header,
    shown === '' ? gutter : `${gutter} ${shown}`,
    `${emptyGutter} ${prefix}${padding}${style('^'.repeat(width))}`,
  ].join('\n');
}

/**
 * The count line printed after diagnostics, e.g. `2 errors, 1 warning in 1 file`: errors always,
 * warnings and infos when there are some, and the number of distinct files they are in.
 */
export function renderSummary(diagnostics: readonly Diagnostic[], options: RenderOptions = { color: false }): string {
  const paint = painter(options.color);
  const counts = countBySeverity(diagnostics);
  const parts = [paint.bold.red(plural(counts.error, 'error'))];
  if (counts.warning > 0) parts.push(paint.bold.yellow(plural(counts.warning, 'warning')));
  if (counts.info > 0) parts.push(paint.bold.cyan(`${counts.info} info`));
  const files = new Set(diagnostics.map((d) => d.file)).size;
  return `${parts.join(', ')} in ${plural(files, 'file')}`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Line `line` (1-based) of `source` without its line break, or undefined when there is no such line. */
function sourceLine(source: string, line: number): string | undefined {
  if (!Number.isInteger(line) || line < 1) return undefined;
  let start = 0;
  for (let i = 1; i < line; i += 1) {
    const next = source.indexOf('\n', start);
    if (next < 0) return undefined;
    start = next + 1;
  }
  const end = source.indexOf('\n', start);
  const text = end < 0 ? source.slice(start) : source.slice(start, end);
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

/**
 * Control characters (other than tab) would move the cursor or recolour a terminal: show each as
 * U+FFFD, one column wide like the character it replaces, so the carets stay aligned.
 */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\uFFFD');
}
