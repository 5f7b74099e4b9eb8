/**
 * The one formatter every rendered file goes through (render.ts applies it by output file type).
 *
 * Decision (docs/generation.md, "Formatting"): templates are written already formatted — two-space
 * indentation, single quotes, semicolons, the project's own style — and this module only normalises
 * whitespace, which is where template output drifts (conditional blocks leave blank lines and
 * trailing spaces behind). No formatter package: it would be a large dependency with its own version
 * drift, slow to start, and the output would depend on its configuration. Whitespace normalisation is
 * a pure function of the text, so the same view gives the same bytes on every machine.
 *
 * Caveat for template authors: normalisation is not syntax-aware, so a multi-line template literal or
 * block comment in generated code must not rely on trailing spaces or on runs of blank lines.
 */

/**
 * Text normalisation for every generated file: `\n` line endings, no trailing whitespace on any line,
 * no leading or trailing blank lines, exactly one final newline (an all-blank text becomes empty).
 */
export function normalizeText(text: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v]+$/, ''));
  let start = 0;
  while (start < lines.length && lines[start] === '') start += 1;
  let end = lines.length;
  while (end > start && lines[end - 1] === '') end -= 1;
  return start === end ? '' : `${lines.slice(start, end).join('\n')}\n`;
}

/**
 * TypeScript/JavaScript formatting: `normalizeText`, then every run of blank lines collapsed to one,
 * and no blank line directly after a line ending in `{`, `(` or `[` nor directly before a line that
 * starts with `}`, `)` or `]` (what an `{{#if}}` at the edge of a block leaves behind).
 */
export function formatTypeScript(text: string): string {
  const lines = normalizeText(text).split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (line === '') {
      const previous = out[out.length - 1];
      if (previous === undefined || previous === '' || /[{([]$/.test(previous)) continue;
      let next = i + 1;
      while (lines[next] === '') next += 1;
      if (/^\s*[})\]]/.test(lines[next] ?? '')) continue;
    }
    out.push(line);
  }
  return out.join('\n');
}

const TYPESCRIPT_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs']);

/** The formatter for an output file: `formatTypeScript` for TS/JS, `normalizeText` for the rest. */
export function formatOutput(filePath: string, text: string): string {
  const dot = filePath.lastIndexOf('.');
  const extension = dot > filePath.lastIndexOf('/') ? filePath.slice(dot) : '';
  return TYPESCRIPT_EXTENSIONS.has(extension) ? formatTypeScript(text) : normalizeText(text);
}
