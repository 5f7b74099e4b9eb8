/**
 * What a `.proto` lint rule is and gets, and helpers rules share. Each rule (one per file beside this
 * one) is a pure function of one file (its text and the IR of its import graph) returning findings.
 * The conventions are buf's STANDARD/BASIC ones. Only declarations written in the linted file are
 * reported (never imports, never the bundled google/protobuf files). Docs: docs/lint/rules/proto.md.
 */
import type { Span } from '../../../diagnostics.js';
import type { Document, SourceRef } from '../../../ir/index.js';
import { Lines, maskComments } from '../../../parse/proto/positions.js';
import type { LintSeverity, RuleMeta } from '../../types.js';
import type { Finding } from '../api/rule.js';

export { maskComments };

export type { Finding } from '../api/rule.js';

export interface ProtoRuleInput {
  /** The linted file, in the same form as the IR's `source.file`. */
  readonly file: string;
  readonly source: string;
  /** The IR of the file's import graph (the file as the entry). */
  readonly document: Document;
  /** Options of the rule from the configuration. */
  readonly options: Readonly<Record<string, unknown>>;
}

export interface ProtoRule {
  readonly meta: RuleMeta;
  check(input: ProtoRuleInput): Finding[];
}

export function meta(id: string, description: string, defaultSeverity: LintSeverity): RuleMeta {
  return { id: `proto/${id}`, language: 'proto', description, defaultSeverity, fixable: false, docs: `docs/lint/rules/proto.md#proto${id}` };
}

export const PASCAL = /^[A-Z][A-Za-z0-9]*$/;
export const LOWER_SNAKE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
export const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

/** A finding's span from a declaration's source reference. */
export function spanOf(ref: SourceRef): Span {
  return { start: { line: ref.line, column: ref.column, offset: 0 }, end: { line: ref.endLine, column: ref.endColumn, offset: 0 } };
}

/** The last segment of a full name (`pkg.Outer.Inner` → `Inner`). */
export function simpleName(fullName: string): string {
  const dot = fullName.lastIndexOf('.');
  return dot < 0 ? fullName : fullName.slice(dot + 1);
}

function isDelimiter(c: string): boolean {
  return c === '.' || c === '-' || c === '_' || c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function isUpper(c: string | undefined): boolean {
  return c !== undefined && c !== c.toLowerCase() && c === c.toUpperCase();
}

function isLower(c: string | undefined): boolean {
  return c !== undefined && c !== c.toUpperCase() && c === c.toLowerCase();
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** buf's `ToUpperSnakeCase`: `HTTPStatus` → `HTTP_STATUS`, `FooBar` → `FOO_BAR`. */
export function upperSnake(name: string): string {
  let s = name;
  while (s.length > 0 && isDelimiter(s[0] as string)) s = s.slice(1);
  while (s.length > 0 && isDelimiter(s[s.length - 1] as string)) s = s.slice(0, -1);
  let out = '';
  for (let i = 0; i < s.length; i += 1) {
    let c = s[i] as string;
    if (isDelimiter(c)) c = '_';
    const next = s[i + 1];
    if (i === 0) out += c;
    else if (
      isUpper(c) &&
      !out.endsWith('_') &&
      ((next !== undefined && !isUpper(next) && !isDigit(next) && !isDelimiter(next)) || isLower(s[i - 1]))
    ) {
      out += `_${c}`;
    } else if (!(c === '_' && out.endsWith('_'))) out += c;
  }
  return out.toUpperCase();
}

/** Declarations of the linted file only. */
export function own<T extends { readonly source: SourceRef }>(input: ProtoRuleInput, list: readonly T[]): T[] {
  return list.filter((d) => d.source.file === input.file);
}

/** The `package` statement of a file: its name and the name's span. */
export function packageStatement(source: string): { name: string; span: Span } | undefined {
  const m = /(^|[;\s])package\s+([A-Za-z_][\w.]*)\s*;/.exec(maskComments(source));
  if (!m) return undefined;
  const name = m[2] as string;
  const offset = (m.index ?? 0) + m[0].lastIndexOf(name);
  return { name, span: new Lines(source).span(offset, name.length) };
}

/** Where a file starts saying something: its `syntax`/`edition` statement, else 1:1. */
export function fileStart(source: string): Span {
  const m = /\b(?:syntax|edition)\b/.exec(maskComments(source));
  if (!m) return { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
  return new Lines(source).span(m.index, m[0].length);
}

/** The spans of the value names of the enum declared at `ref` (its name), by value name (first one wins). */
export function enumValueSpans(source: string, ref: SourceRef): Map<string, Span> {
  const out = new Map<string, Span>();
  const masked = maskComments(source);
  const lines = new Lines(source);
  const open = masked.indexOf('{', lines.offset(ref.line, ref.column));
  if (open < 0) return out;
  let depth = 0;
  let close = masked.length;
  for (let i = open; i < masked.length; i += 1) {
    if (masked[i] === '{') depth += 1;
    else if (masked[i] === '}') {
      depth -= 1;
      if (depth === 0) {
        close = i;
        break;
      }
    }
  }
  const body = masked.slice(open + 1, close);
  for (const m of body.matchAll(/(?<![\w.])([A-Za-z_]\w*)\s*=\s*-?(?:0[xX][0-9a-fA-F]+|\d+)/g)) {
    const name = m[1] as string;
    if (!out.has(name)) out.set(name, lines.span(open + 1 + (m.index ?? 0), name.length));
  }
  return out;
}

/** A comment with some text in it. */
export function hasComment(lines: readonly string[]): boolean {
  return lines.some((line) => line.trim() !== '');
}
