import type { Span } from '../../../diagnostics.js';
import { type ProtoRule, meta } from './rule.js';

/**
 * The whitespace layout of a `.proto` file: two spaces per brace level, no trailing blanks, no runs of
 * blank lines, no blank lines at the start, one final newline. Only white space at the start and end of
 * lines changes (the lines inside a block comment keep their own indentation), so the fix can never
 * change what the file means. Token spacing inside lines is left as written.
 */
export function formatProtoLayout(source: string): string {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  let depth = 0;
  let inBlockComment = false;
  for (const raw of lines) {
    const line = raw.replace(/[ \t]+$/, '');
    const trimmed = line.trim();
    if (inBlockComment) {
      out.push(line);
    } else if (trimmed === '') {
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
    } else {
      const closing = /^[}\])]/.test(trimmed) ? 1 : 0;
      out.push(`${'  '.repeat(Math.max(0, depth - closing))}${trimmed}`);
    }
    // Braces outside strings and comments change the level of the lines after this one.
    for (let i = 0; i < line.length; i += 1) {
      const c = line[i] as string;
      if (inBlockComment) {
        if (c === '*' && line[i + 1] === '/') {
          inBlockComment = false;
          i += 1;
        }
        continue;
      }
      if (c === '/' && line[i + 1] === '/') break;
      if (c === '/' && line[i + 1] === '*') {
        inBlockComment = true;
        i += 1;
      } else if (c === '"' || c === "'") {
        for (i += 1; i < line.length && line[i] !== c; i += 1) if (line[i] === '\\') i += 1;
      } else if (c === '{' || c === '[' || c === '(') depth += 1;
      else if (c === '}' || c === ']' || c === ')') depth = Math.max(0, depth - 1);
    }
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

function firstDifference(a: string, b: string): Span {
  const left = a.split('\n');
  const right = b.split('\n');
  let line = 0;
  while (line < left.length && left[line] === right[line]) line += 1;
  const at = { line: line + 1, column: 1, offset: 0 };
  return { start: at, end: at };
}

export const format: ProtoRule = {
  meta: { ...meta('format', 'two-space indentation per brace level, no trailing blanks or runs of blank lines, one final newline', 'warning'), fixable: true },
  check({ source }) {
    const formatted = formatProtoLayout(source);
    if (formatted === source) return [];
    return [
      {
        span: firstDifference(source, formatted),
        message: 'not laid out: indent by two spaces per level, trim trailing blanks (lint --fix)',
        fix: { description: 'lay the file out', edits: [{ start: 0, end: source.length, text: formatted }] },
      },
    ];
  },
};
