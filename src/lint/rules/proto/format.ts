import type { Span } from '../../../diagnostics.js';
import { formatProtoSettled } from '../../../parse/proto/format/index.js';
import { type ProtoRule, meta } from './rule.js';

/** Where `formatted` first departs from `source`, as a position in `source`. */
function firstDifference(source: string, formatted: string): Span {
  let offset = 0;
  while (offset < source.length && offset < formatted.length && source[offset] === formatted[offset]) offset += 1;
  // Report at the start of the differing run of blanks, so the column points at the layout problem.
  while (offset > 0 && /[ \t]/.test(source[offset - 1] as string)) offset -= 1;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i += 1) {
    if (source.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  const column = [...source.slice(lineStart, offset)].length + 1;
  const at = { line, column, offset };
  return { start: at, end: at };
}

/**
 * `buf format`'s layout, byte for byte (the formatter is tested against buf itself). A file that does
 * not parse is left to proto/valid.
 */
export const format: ProtoRule = {
  meta: { ...meta('format', "buf format's layout: header order, spacing, indentation, options and comments", 'warning'), fixable: true },
  check({ source }) {
    const result = formatProtoSettled(source);
    if (!result.ok || result.text === source) return [];
    return [
      {
        span: firstDifference(source, result.text),
        message: 'not formatted as buf format lays it out (lint --fix, or tsctl proto format --write)',
        fix: { description: 'format the file', edits: [{ start: 0, end: source.length, text: result.text }] },
      },
    ];
  },
};
